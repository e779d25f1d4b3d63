// Contract with the real server: apps/server (built), started by web-test-runner.config.mjs on a fresh
// SQLite database with its demo seed, read by the element through its own sign-in and FHIR reader.
import { expect, fixture, html } from '@open-wc/testing';
import { createSession, provideSession } from '@civic-kiosk/core';
import { personalTraces } from '@civic-kiosk/core/testing';
import '../src/define.js';
import type { HealthRecordElement } from '../src/health-record.js';
import { signIn, tab, text, until } from './helpers.js';

// The server's documented demo credential of the village hall (accepted outside production).
const DEMO_DEVICE_KEY = 'ckd_demo-xikou-hall.demo-secret';

async function element(): Promise<HealthRecordElement> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
  provideSession(wrapper, createSession({ api: '/contract/api', deviceCredential: DEMO_DEVICE_KEY, locale: 'en' }));
  wrapper.innerHTML = '<ck-health-record fhir-base="/contract/fhir" card-prefix="XK" page-size="20" take-away="qr"></ck-health-record>';
  const el = wrapper.querySelector('ck-health-record')!;
  await el.updateComplete;
  return el;
}

describe('contract: the real server\'s sign-in and FHIR R4 answers, read by <ck-health-record>', function () {
  // The server is started (and its database seeded) by the first request.
  this.timeout(120_000);

  before(async () => {
    // Starts the server (seeding takes a while) before any request with a 10 s client timeout.
    const cs = await fetch('/contract/fhir/metadata');
    expect(cs.status).to.equal(200);
    expect(cs.headers.get('Content-Type')).to.match(/application\/fhir\+json/);
  });

  it('signs XK0001 in and shows pat-001\'s summary: conditions, medications, readings judged by their ranges', async () => {
    const el = await element();
    await signIn(el, '0001', '123456');
    await until(() => /Sign out/.test(text(el)), 'the record', 100_000);
    await el.loaded;
    await el.updateComplete;
    const t = text(el);
    expect(t).to.match(/Hypertension/);
    expect(t).to.match(/Amlodipine/);
    expect(t).to.match(/Once daily/);
    expect(t).to.match(/\d+\/\d+ mmHg/);
    expect(t).to.match(/(High|Normal|Low)/);
    expect(t).to.match(/mmol\/L \(\d+ mg\/dL\)/);
    expect(t).to.match(/Next follow-up/);
    expect(t).to.match(/withdrawn by the clinic as entered in error/, 'the seed\'s entered-in-error glucose is left out with a note');
    tab(el, 'Trends').click();
    await el.updateComplete;
    const chart = el.shadowRoot!.querySelector('ck-chart') as unknown as { labels: string[]; bands: unknown[] };
    expect(chart.labels.length).to.be.at.least(12);
    expect(chart.bands).to.have.length(2);
    const name = t.match(/^\s*(\S+)\s+Take it with you/)?.[1] ?? '';
    tab(el, 'Sign out').click();
    await el.updateComplete;
    if (name) expect(personalTraces(el, name)).to.deep.equal([]);
  });

  it('follows the server\'s next links to the end (more than one page of Observations)', async () => {
    const el = await element();
    const seen: string[] = [];
    const original = window.fetch;
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(input instanceof Request ? input.url : input.toString());
      return original(input, init);
    });
    try {
      await signIn(el, '0001', '123456');
      await until(() => /Sign out/.test(text(el)), 'the record', 100_000);
      await el.loaded;
    } finally {
      window.fetch = original;
    }
    expect(seen.some((u) => u.includes('/contract/fhir/Observation') && u.includes('_offset='))).to.equal(true);
    tab(el, 'Trends').click();
    await el.updateComplete;
    tab(el, 'All').click();
    await el.updateComplete;
    const chart = el.shadowRoot!.querySelector('ck-chart') as unknown as { labels: string[] };
    expect(chart.labels.length).to.equal(14, '14 monthly readings of the seed, over two pages');
  });

  it('shows the server\'s own reason for a wrong PIN', async () => {
    const el = await element();
    await signIn(el, '0002', '000000');
    await until(() => el.shadowRoot!.querySelector('ck-status-banner[state="error"]') !== null, 'the refusal', 100_000);
    expect(text(el)).to.match(/PIN/);
  });
});
