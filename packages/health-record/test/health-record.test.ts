import { expect, oneEvent } from '@open-wc/testing';
import { personalTraces, storedPersonalTraces, warningsOf } from '@civic-kiosk/core/testing';
import { HttpClient } from '@civic-kiosk/core';
import { demoRecord } from '../src/demo-data.js';
import type { HealthRecordElement } from '../src/health-record.js';
import { enter, signedOutElement, signIn, tab, text, until } from './helpers.js';

const NAME = '王秀英';

describe('<ck-health-record> with our server\'s sign-in', function () {
  this.timeout(20_000);

  it('signs in with card and PIN (number masked), then shows the summary in plain words', async () => {
    const { el, log } = await signedOutElement({ resources: demoRecord({ weeks: 20 }) });
    expect(text(el)).to.match(/Type the number on your resident card/);
    await enter(el, '00010000001');
    expect(text(el)).to.contain('00*******01');
    expect(text(el)).to.not.contain('00010000001');
    tab(el, 'Another card').click();
    await el.updateComplete;
    const signedIn = oneEvent(el, 'ck-health-signin');
    await signIn(el);
    const event = await signedIn;
    expect(event.detail).to.deep.equal({});
    await el.loaded;
    await el.updateComplete;
    const t = text(el);
    expect(t).to.contain(NAME);
    expect(t).to.match(/\d+ years old · Female/);
    expect(t).to.contain('高血压 Hypertension');
    expect(t).to.contain('Metformin');
    expect(t).to.contain('Twice daily with meals');
    expect(t).to.match(/Next follow-up/);
    expect(t).to.match(/mmol\/L/);
    expect(t).to.match(/\(1\d\d mg\/dL\)/, 'glucose in both units');
    const signin = log.find((l) => l.url.endsWith('/residents/signin'))!;
    expect(signin.method).to.equal('POST');
    const fhir = log.filter((l) => l.url.startsWith('/fhir/') && !l.url.startsWith('/fhir/metadata'));
    expect(fhir.every((l) => l.authorization?.startsWith('Bearer tok-'))).to.equal(true);
    for (const l of fhir) {
      const params = [...new URL(l.url, 'http://x').searchParams.keys()];
      expect(params.every((p) => ['patient', 'code', 'date', '_sort', '_count', '_offset'].includes(p)), l.url).to.equal(true);
    }
    await expect(el).to.be.accessible();
  });

  it('says why a PIN was refused, and when a card is locked', async () => {
    const { el } = await signedOutElement({ resources: demoRecord({ weeks: 2 }) });
    await signIn(el, '0001', '000000');
    await until(() => /tries left/.test(text(el)), 'the reason');
    expect(text(el)).to.contain('Wrong card number or PIN: 4 tries left.');
    tab(el, 'Another card').click();
    await el.updateComplete;
    await signIn(el, '0009', '123456');
    await until(() => /locked for 15 minutes/.test(text(el)), 'the lock');
    await expect(el).to.be.accessible();
  });

  it('draws the trends with reference bands for 3 months, 12 months or all', async () => {
    const { el } = await signedOutElement({ resources: demoRecord({ weeks: 80 }) });
    await signIn(el);
    await until(() => text(el).includes(NAME), 'the record');
    await el.loaded;
    tab(el, 'Trends').click();
    await el.updateComplete;
    const charts = () => [...el.shadowRoot!.querySelectorAll('ck-chart')] as (HTMLElement & { labels: string[]; bands: { from: number; to: number }[]; series: unknown[] })[];
    expect(charts()).to.have.length(3);
    expect(charts()[0]!.bands.map((b) => [b.from, b.to])).to.deep.equal([
      [90, 139],
      [60, 89],
    ]);
    expect(charts()[0]!.series).to.have.length(2);
    const year = charts()[0]!.labels.length;
    tab(el, '3 months').click();
    await el.updateComplete;
    expect(charts()[0]!.labels.length).to.be.below(year);
    tab(el, 'All').click();
    await el.updateComplete;
    expect(charts()[0]!.labels.length).to.equal(80);
    tab(el, 'Vaccines and visits').click();
    await el.updateComplete;
    expect(text(el)).to.contain('Influenza vaccine');
    expect(text(el)).to.contain('慢病随访 Chronic disease follow-up');
  });

  it('signs out on a tap: ends the session on the server, fires ck-health-signout, keeps nothing', async () => {
    const { el, log } = await signedOutElement({ resources: demoRecord({ weeks: 4 }) });
    await signIn(el);
    await until(() => text(el).includes(NAME), 'the record');
    const out = oneEvent(el, 'ck-health-signout');
    tab(el, 'Sign out').click();
    expect((await out).detail).to.deep.equal({});
    await el.updateComplete;
    expect(log.some((l) => l.url.endsWith('/signout') && l.authorization?.startsWith('Bearer '))).to.equal(true);
    expect(personalTraces(el, NAME)).to.deep.equal([]);
    expect(personalTraces(el, 'tok-')).to.deep.equal([]);
    expect(await storedPersonalTraces(NAME)).to.deep.equal([]);
    expect(el.accessToken).to.equal(undefined);
  });

  it('counts down visibly when the kiosk is about to go idle, then wipes everything', async () => {
    const { el } = await signedOutElement({ resources: demoRecord({ weeks: 4 }) });
    await signIn(el);
    await until(() => text(el).includes(NAME), 'the record');
    window.dispatchEvent(new CustomEvent('ck-idle-warning', { detail: { remainingMs: 15_000 } }));
    await el.updateComplete;
    const dialog = el.shadowRoot!.querySelector('ck-dialog');
    expect(dialog).to.not.equal(null);
    expect(dialog!.textContent).to.match(/closes in 15 seconds/);
    window.dispatchEvent(new CustomEvent('ck-idle'));
    await el.updateComplete;
    expect(personalTraces(el, NAME)).to.deep.equal([]);
    expect(text(el)).to.match(/Type the number on your resident card/);
    expect(el.shadowRoot!.querySelector('ck-dialog')).to.equal(null);
  });

  it('wipes on page hide and when it leaves the page', async () => {
    const { el, wrapper } = await signedOutElement({ resources: demoRecord({ weeks: 4 }) });
    await signIn(el);
    await until(() => text(el).includes(NAME), 'the record');
    window.dispatchEvent(new Event('pagehide'));
    await el.updateComplete;
    expect(personalTraces(el, NAME)).to.deep.equal([]);
    await signIn(el);
    await until(() => text(el).includes(NAME), 'the record again');
    wrapper.removeChild(el);
    expect(personalTraces(el, NAME)).to.deep.equal([]);
  });

  it('returns to sign-in with a clear message when the token expires', async () => {
    let valid = true;
    const { el } = await signedOutElement({ resources: demoRecord({ weeks: 4 }), accepts: () => valid });
    valid = false;
    await signIn(el);
    await until(() => /session has ended/.test(text(el)), 'the message');
    expect(text(el)).to.match(/Type the number on your resident card/);
  });

  it('shows an empty record and a record without readings sensibly', async () => {
    const { el } = await signedOutElement({ resources: demoRecord({ noObservations: true }) });
    await signIn(el);
    await until(() => text(el).includes(NAME), 'the record');
    await el.loaded;
    await el.updateComplete;
    expect(text(el)).to.contain('No readings yet.');
    const empty = await signedOutElement({ resources: [{ resourceType: 'Patient', id: 'pat-demo' }] });
    await signIn(empty.el);
    await empty.el.loaded;
    await until(() => text(empty.el).includes('No active conditions recorded.'), 'the empty record');
    expect(text(empty.el)).to.contain('No current medications recorded.');
    await expect(empty.el).to.be.accessible();
  });

  it('says so when a proxy answers HTML or the server an OperationOutcome, without crashing', async () => {
    const html = await signedOutElement({ resources: demoRecord({ weeks: 2 }), override: (p) => (p.startsWith('/fhir/Observation') ? new Response('<html>502 Bad Gateway</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }) : undefined) });
    await signIn(html.el);
    await until(() => /not a health record/.test(text(html.el)), 'the HTML message');
    const oo = await signedOutElement({ resources: demoRecord({ weeks: 2 }), override: (p) => (p.startsWith('/fhir/Condition') ? new Response(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ diagnostics: 'too costly' }] }), { status: 200 }) : undefined) });
    await signIn(oo.el);
    await until(() => /not a health record/.test(text(oo.el)), 'the OperationOutcome message');
  });

  it('offers a single-use QR link when the site says so', async () => {
    const { el } = await signedOutElement({ resources: demoRecord({ weeks: 2 }) });
    await signIn(el);
    await until(() => text(el).includes(NAME), 'the record');
    tab(el, 'Take it with you').click();
    await until(() => !!el.shadowRoot!.querySelector('ck-qr-code'), 'the QR code');
    expect(text(el)).to.match(/opens once and expires in 10 minutes/);
  });

  it('a fhir-base that answers HTML: one warning naming the element, fhir-base and its value; the element keeps working', async () => {
    const warnings = await warningsOf(async () => {
      for (let i = 0; i < 2; i++) {
        const { el } = await signedOutElement(
          { resources: demoRecord({ weeks: 2 }), base: '/portal', override: (p) => (p.startsWith('/portal/') ? new Response('<!doctype html><title>Portal login</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }) : undefined) },
          'fhir-base="/portal" card-prefix="XK"',
        );
        await signIn(el);
        await until(() => /not a health record/.test(text(el)), 'the message');
        await el.loaded;
        // Still usable: it signs out back to the card screen.
        el.signOut();
        await el.updateComplete;
        expect(text(el)).to.match(/Type the number on your resident card/);
        await expect(el).to.be.accessible();
      }
    });
    const ours = warnings.filter((w) => w.includes('<ck-health-record>'));
    expect(ours, warnings.join('\n')).to.have.length(1);
    expect(ours[0]).to.contain('fhir-base="/portal"').and.to.contain('not FHIR JSON');
    expect(ours[0]).to.not.contain('Portal login');
  });

  describe('bad attribute and property values: one warning naming the element and attribute, then the default', () => {
    const attributes: [string, string, keyof HealthRecordElement, unknown][] = [
      ['fhir-base', 'javascript:alert(1)', 'fhirBase', '/fhir'],
      ['fhir-base', 'not a url', 'fhirBase', '/fhir'],
      ['api', 'ftp://files.example/api', 'api', '/api'],
      ['page-size', '-5', 'pageSize', 100],
      ['page-size', '2.5', 'pageSize', 100],
      ['take-away', 'telegram', 'takeAway', 'none'],
      ['view', 'graphs', 'view', 'summary'],
    ];
    for (const [attribute, value, property, fallback] of attributes) {
      it(`${attribute}="${value}"`, async () => {
        const warnings = await warningsOf(async () => {
          const { el } = await signedOutElement({ resources: demoRecord({ weeks: 2 }) }, `card-prefix="XK" ${attribute}='${value}'`);
          expect(el[property]).to.deep.equal(fallback);
          expect(text(el)).to.match(/Type the number on your resident card/);
        });
        const ours = warnings.filter((w) => w.includes('<ck-health-record>'));
        expect(ours, warnings.join('\n')).to.have.length(1);
        expect(ours[0]).to.contain(`${attribute}="${value}"`);
      });
    }

    const properties: [string, unknown, unknown][] = [
      ['fhirBase', 'data:text/html,x', '/fhir'],
      ['api', 42, '/api'],
      ['pageSize', -1, 100],
      ['takeAway', 'carrier pigeon', 'none'],
      ['view', 'x-ray', 'summary'],
      ['idleCountdown', 'yes', true],
    ];
    for (const [property, value, fallback] of properties) {
      it(`.${property} = ${JSON.stringify(value)}`, async () => {
        const warnings = await warningsOf(async () => {
          const { el } = await signedOutElement({ resources: demoRecord({ weeks: 2 }) });
          (el as unknown as Record<string, unknown>)[property] = value;
          await el.updateComplete;
          expect((el as unknown as Record<string, unknown>)[property]).to.deep.equal(fallback);
          expect(text(el)).to.match(/Type the number on your resident card/);
        });
        expect(warnings.filter((w) => w.includes('<ck-health-record>')), warnings.join('\n')).to.have.length(1);
      });
    }
  });

  it('warns once about a bad take-away value and offers nothing', async () => {
    const warnings = await warningsOf(async () => {
      const { el } = await signedOutElement({ resources: demoRecord({ weeks: 2 }) }, 'take-away="fax"');
      expect(el.takeAway).to.equal('none');
    });
    expect(warnings.some((w) => /take-away/.test(w))).to.equal(true);
  });
});

describe('<ck-health-record> with someone else\'s FHIR server and token', function () {
  this.timeout(20_000);

  it('reads a differently shaped server: separate BP, application/json, paging without total, 401 then a refreshed token', async () => {
    const { createFakeFhir } = await import('../src/fake-fhir.js');
    const log: { method: string; url: string; authorization: string | null; cache?: RequestCache }[] = [];
    let issued = 0;
    const fetch = createFakeFhir({
      resources: demoRecord({ weeks: 30, separatePressure: true, mgdl: true, pid: 'abc', name: 'Ann Smith' }),
      base: '/r4',
      pageSize: 7,
      total: false,
      contentType: 'application/json',
      accepts: (token) => token === 'fresh-2',
      log,
    });
    const el: HealthRecordElement = document.createElement('ck-health-record');
    el.setAttribute('fhir-base', `${location.origin}/r4`);
    el.setAttribute('patient-id', 'abc');
    el.setAttribute('lang', 'en');
    el.transport = fetch;
    el.accessToken = () => Promise.resolve(`fresh-${(issued += 1)}`);
    document.body.append(el);
    try {
      await until(() => text(el).includes('Ann Smith'), 'the record');
      await el.loaded;
      await el.updateComplete;
      expect(issued).to.equal(2, 'asked for a token again after the 401');
      expect(el.shadowRoot!.querySelector('ck-keypad')).to.equal(null, 'no sign-in screen');
      const t = text(el);
      expect(t).to.match(/\d+\/\d+ mmHg/);
      expect(t).to.match(/mg\/dL \(\d+(\.\d)? mmol\/L\)/);
      expect(log.filter((l) => l.url.includes('_offset')).length).to.be.above(5, 'followed next links');
      expect(log.every((l) => l.cache === 'no-store')).to.equal(true);
      expect(tab(el, 'Trends'), text(el)).to.not.equal(undefined);
      tab(el, 'Trends').click();
      await el.updateComplete;
      expect((el.shadowRoot!.querySelector('ck-chart') as unknown as { labels: string[] }).labels.length).to.be.above(20);
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
    }
    expect(personalTraces(el, 'Ann Smith')).to.deep.equal([]);
    expect(personalTraces(el, 'fresh-2')).to.deep.equal([]);
  });

  it('never sends the token to a next link outside the FHIR base', async () => {
    const { FhirReader } = await import('../src/source.js');
    const seen: string[] = [];
    const fetch = ((input: RequestInfo | URL) => {
      seen.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(new Response(JSON.stringify({ resourceType: 'Bundle', link: [{ relation: 'next', url: 'https://evil.example/fhir/Observation?page=2' }], entry: [] }), { status: 200 }));
    }) as typeof window.fetch;
    const reader = new FhirReader(new HttpClient({ baseUrl: '', fetch }), 'https://fhir.example/r4', 'secret-token');
    let error: unknown;
    try {
      await reader.search('Condition', 'p', {});
    } catch (e) {
      error = e;
    }
    expect(String((error as { body?: { message?: string } }).body?.message)).to.match(/outside the FHIR base/);
    expect(seen.every((u) => u.startsWith('https://fhir.example/r4/'))).to.equal(true);
  });
});
