import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { HttpClient } from '../src/http.js';
import { createSession, defineSessionProvider, KioskSessionProvider, provideSession, SessionController, type KioskSession } from '../src/session.js';

class SessionProbe extends LitElement {
  @property() accessor api = '/api';
  session = new SessionController(this, () => ({ api: this.api }));
}
customElements.define('ck-session-probe', SessionProbe);
defineSessionProvider();

function recordingFetch() {
  const keys: Array<string | null> = [];
  const fetch = ((_url: string, init: RequestInit) => {
    keys.push(new Headers(init.headers).get('X-Device-Key'));
    return Promise.resolve(new Response('[]', { status: 200 }));
  }) as unknown as typeof globalThis.fetch;
  return { keys, fetch };
}

describe('session context', () => {
  it('gives a component the provider\'s client, carrying the device credential', async () => {
    const { keys, fetch } = recordingFetch();
    const session = createSession({ api: 'https://city.example/api', deviceCredential: 'ckd_k1.secret', fetch, locale: 'en' });
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    provideSession(wrapper, session);
    const el = document.createElement('ck-session-probe') as SessionProbe;
    wrapper.append(el);
    expect(el.session.provided).to.equal(true);
    expect(el.session.client).to.equal(session.client);
    expect(el.session.client.baseUrl).to.equal('https://city.example/api');
    await el.session.client.get('/stations');
    expect(keys).to.deep.equal(['ckd_k1.secret']);
    expect(wrapper.getAttribute('lang')).to.equal('en');
    expect(el.session.session.idle).to.equal(window);
  });

  it('builds a default session from the component\'s own attributes without a provider', async () => {
    const el = await fixture<SessionProbe>(html`<ck-session-probe api="https://a.example/v1"></ck-session-probe>`);
    expect(el.session.provided).to.equal(false);
    const first = el.session.client;
    expect(first.baseUrl).to.equal('https://a.example/v1');
    expect(first.hasDeviceCredential).to.equal(false);
    expect(el.session.client).to.equal(first);
    el.api = '/other';
    expect(el.session.client.baseUrl).to.equal('/other');
    el.api = 'javascript:alert(1)';
    expect(el.session.client.baseUrl).to.equal('/api');
  });

  it('hands a new session to components already on the page', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><ck-session-probe></ck-session-probe></div>`);
    const provision = provideSession(wrapper, createSession({ api: '/one' }));
    const el = wrapper.querySelector<SessionProbe>('ck-session-probe')!;
    // A provider added after the component: the component asks again when re-attached.
    wrapper.append(el);
    expect(el.session.client.baseUrl).to.equal('/one');
    const client = new HttpClient({ baseUrl: '/two' });
    provision.set(createSession({ client }));
    expect(el.session.client).to.equal(client);
    expect(provision.session.client).to.equal(client);
  });

  it('<ck-session> provides from HTML, with the credential a property only', async () => {
    const provider = await fixture<KioskSessionProvider>(html`<ck-session api="/kiosk-api" timeout-ms="3000"><ck-session-probe></ck-session-probe></ck-session>`);
    const el = provider.querySelector<SessionProbe>('ck-session-probe')!;
    expect(el.session.client.baseUrl).to.equal('/kiosk-api');
    expect(el.session.client.timeoutMs).to.equal(3000);
    provider.deviceCredential = 'ckd_k2.secret';
    expect(el.session.client.hasDeviceCredential).to.equal(true);
    expect(provider.deviceCredential).to.equal('(set)');
    expect(provider.outerHTML).not.to.contain('ckd_k2');
    provider.setAttribute('api', '/moved');
    expect(el.session.client.baseUrl).to.equal('/moved');
    const own = createSession({ api: '/own' });
    provider.session = own;
    expect(el.session.session).to.equal(own);
    expect(provider.session).to.equal(own);
    provider.setAttribute('timeout-ms', 'soon');
    expect(el.session.client.timeoutMs).to.equal(10_000);
    provider.deviceCredential = undefined;
    expect(provider.deviceCredential).to.equal(undefined);
    await expect(provider).to.be.accessible();
  });

  it('<ck-session> warns once about a bad api or timeout-ms and keeps the defaults', async () => {
    const original = console.warn;
    const seen: string[] = [];
    console.warn = (...args: unknown[]) => seen.push(args.map(String).join(' '));
    let provider!: KioskSessionProvider;
    try {
      provider = await fixture<KioskSessionProvider>(html`<ck-session api="javascript:alert(1)" timeout-ms="-1"><ck-session-probe></ck-session-probe></ck-session>`);
    } finally {
      console.warn = original;
    }
    const el = provider.querySelector<SessionProbe>('ck-session-probe')!;
    expect([el.session.client.baseUrl, el.session.client.timeoutMs]).to.deep.equal(['/api', 10_000]);
    expect(seen.filter((w) => w.includes('<ck-session> api="javascript:alert(1)"'))).to.have.length(1);
    expect(seen.filter((w) => w.includes('<ck-session> timeout-ms="-1"'))).to.have.length(1);
  });

  it('<ck-session> warns about a bad session or credential property and keeps working', async () => {
    const original = console.warn;
    const seen: string[] = [];
    console.warn = (...args: unknown[]) => seen.push(args.map(String).join(' '));
    const provider = await fixture<KioskSessionProvider>(html`<ck-session api="/here"><ck-session-probe></ck-session-probe></ck-session>`);
    try {
      provider.session = { client: 'nope' } as unknown as KioskSession;
      provider.deviceCredential = 12345 as unknown as string;
    } finally {
      console.warn = original;
    }
    const el = provider.querySelector<SessionProbe>('ck-session-probe')!;
    expect([el.session.client.baseUrl, el.session.client.hasDeviceCredential]).to.deep.equal(['/here', false]);
    expect(seen.filter((w) => w.includes('<ck-session> session='))).to.have.length(1);
    expect(seen.filter((w) => w.includes('<ck-session> deviceCredential="(hidden)"'))).to.have.length(1);
    expect(seen.join(' ')).not.to.contain('12345');
  });
});
