import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { BarcodeScannerController } from '../src/controllers/scanner.js';
import { ScanDetector } from '../src/scan-detector.js';

/** Feeds `text` then Enter, `gap` ms apart, starting at `start`. */
function type(detector: ScanDetector, text: string, gap: number, start = 1000): Array<string | undefined> {
  return [...text, 'Enter'].map((key, i) => detector.feed(key, start + i * gap));
}

describe('ScanDetector', () => {
  it('reports a fast burst that ends with Enter as one code', () => {
    const results = type(new ScanDetector(), '9787020002207', 8);
    expect(results.at(-1)).to.equal('9787020002207');
    expect(results.slice(0, -1).every((r) => r === undefined)).to.equal(true);
  });

  it('lets a person typing at human speed through', () => {
    expect(type(new ScanDetector(), '123456', 180).at(-1)).to.equal(undefined);
  });

  it('ignores codes shorter than the minimum and keys that are not characters', () => {
    const detector = new ScanDetector({ minLength: 6 });
    expect(type(detector, '12345', 5).at(-1)).to.equal(undefined);
    expect(detector.feed('Shift', 2000)).to.equal(undefined);
    expect(type(detector, 'A12345', 5, 3000).at(-1)).to.equal('A12345');
  });

  it('starts a new code after a pause, dropping the stray keys before it', () => {
    const detector = new ScanDetector();
    detector.feed('x', 0);
    expect(type(detector, '40001', 5, 500).at(-1)).to.equal('40001');
  });

  it('rejects an Enter that comes long after the burst, and a burst too slow on average', () => {
    const late = new ScanDetector();
    type(late, '12345678', 5).slice(0, -1);
    expect(late.feed('Enter', 5000)).to.equal(undefined);
    const slow = new ScanDetector({ maxGapMs: 100, maxAverageGapMs: 30 });
    expect(type(slow, '12345678', 45).at(-1)).to.equal(undefined);
  });

  it('knows when a burst is under way', () => {
    const detector = new ScanDetector();
    expect(detector.isScanning(0)).to.equal(false);
    detector.feed('1', 100);
    expect(detector.isScanning(110)).to.equal(true);
    expect(detector.isScanning(400)).to.equal(false);
  });
});

class ScanProbe extends LitElement {
  codes: string[] = [];
  scanner = new BarcodeScannerController(this, { onScan: (code) => this.codes.push(code) });
  override render() {
    return html`<button>OK</button>`;
  }
}
customElements.define('ck-scan-probe', ScanProbe);

const key = (k: string) => new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, composed: true });

describe('BarcodeScannerController', () => {
  it('hears a scanner anywhere on the page and swallows its Enter', async () => {
    const el = await fixture<ScanProbe>(html`<ck-scan-probe></ck-scan-probe>`);
    for (const k of '31234000567') document.body.dispatchEvent(key(k));
    const enter = key('Enter');
    document.body.dispatchEvent(enter);
    expect(el.codes).to.deep.equal(['31234000567']);
    expect(enter.defaultPrevented).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('leaves a person pressing keys alone', async () => {
    const el = await fixture<ScanProbe>(html`<ck-scan-probe></ck-scan-probe>`);
    for (const k of '1234') {
      document.body.dispatchEvent(key(k));
      await aTimeout(70);
    }
    const enter = key('Enter');
    document.body.dispatchEvent(enter);
    expect(el.codes).to.deep.equal([]);
    expect(enter.defaultPrevented).to.equal(false);
  });

  it('stops listening when its host leaves the page', async () => {
    const el = await fixture<ScanProbe>(html`<ck-scan-probe></ck-scan-probe>`);
    el.remove();
    for (const k of '55556666') document.body.dispatchEvent(key(k));
    document.body.dispatchEvent(key('Enter'));
    expect(el.codes).to.deep.equal([]);
  });
});

/** A keydown as the scanner or a person makes it, at a chosen time (ms, as `event.timeStamp`). */
function keyAt(k: string, time: number): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, composed: true });
  Object.defineProperty(event, 'timeStamp', { value: time });
  return event;
}

/** Types `text` (then Enter when `enter`) into `target`, `gap` ms a key; returns the Enter event. */
function typeInto(target: EventTarget, text: string, gap: number, enter = true): KeyboardEvent {
  const start = performance.now();
  const keys = [...text, ...(enter ? ['Enter'] : [])].map((k, i) => keyAt(k, start + i * gap));
  for (const event of keys) target.dispatchEvent(event);
  return keys.at(-1)!;
}

describe('BarcodeScannerController owns a scan', () => {
  async function setUp() {
    const el = await fixture<ScanProbe>(html`<ck-scan-probe></ck-scan-probe>`);
    const host = document.createElement('div');
    const input = document.createElement('input');
    host.attachShadow({ mode: 'open' }).append(input);
    el.after(host);
    const seen: string[] = [];
    input.addEventListener('keydown', (event) => seen.push(event.key));
    input.focus();
    return { el, input, seen };
  }

  for (const gap of [5, 15, 30]) {
    it(`keeps every key of a scan at ${gap} ms a key away from a focused input`, async () => {
      const { el, input, seen } = await setUp();
      const enter = typeInto(input, '9787020002207', gap);
      await aTimeout(120);
      expect(el.codes).to.deep.equal(['9787020002207']);
      expect(seen).to.deep.equal([]);
      expect(input.value).to.equal('');
      expect(enter.defaultPrevented).to.equal(true);
      expect(el.scanner.holding).to.equal(false);
    });
  }

  for (const gap of [120, 250]) {
    it(`hands a person's keys at ${gap} ms a key on, in order, and types them into the input`, async () => {
      const { el, input, seen } = await setUp();
      typeInto(input, '4711', gap, false);
      await aTimeout(150);
      const enter = keyAt('Enter', performance.now());
      input.dispatchEvent(enter);
      expect(el.codes).to.deep.equal([]);
      expect(seen).to.deep.equal(['4', '7', '1', '1', 'Enter']);
      expect(input.value).to.equal('4711');
      expect(enter.defaultPrevented).to.equal(false);
    });
  }

  it('gives back a short fast run that turns out not to be a scan (no Enter), before the next key', async () => {
    const { el, input, seen } = await setUp();
    typeInto(input, '12', 10, false);
    expect(el.scanner.holding).to.equal(true);
    input.dispatchEvent(keyAt('Backspace', performance.now() + 500));
    expect(seen).to.deep.equal(['1', '2', 'Backspace']);
    expect(el.codes).to.deep.equal([]);
  });

  it('hands held keys on when Enter ends typing that was not a scan', async () => {
    const { el, input, seen } = await setUp();
    typeInto(input, '12', 10, false);
    input.dispatchEvent(keyAt('Enter', performance.now() + 20));
    expect(seen).to.deep.equal(['1', '2', 'Enter']);
    expect(el.codes).to.deep.equal([]);
  });

  it('lets only the Enter be kept when asked not to own the scan', async () => {
    class LooseProbe extends LitElement {
      codes: string[] = [];
      scanner = new BarcodeScannerController(this, { onScan: (code) => this.codes.push(code), ownScan: false });
    }
    customElements.define('ck-loose-scan-probe', LooseProbe);
    const el = await fixture<LooseProbe>(html`<ck-loose-scan-probe></ck-loose-scan-probe>`);
    const seen: string[] = [];
    document.body.addEventListener('keydown', (event) => seen.push(event.key));
    typeInto(document.body, '12345', 5);
    expect(el.codes).to.deep.equal(['12345']);
    expect(seen).to.deep.equal(['1', '2', '3', '4', '5']);
  });
});
