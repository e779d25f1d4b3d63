import { setLocale } from '@civic-kiosk/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PropertyValues } from 'lit';
import QRCode from 'qrcode';
import '../src/define.js';
import { KioskQrCode } from '../src/qr-code.js';
import { QUIET_ZONE } from '../src/qr-matrix.js';
import { all, part, text } from './helpers.js';

const route = 'https://stations.example.cn/route?from=kiosk-17&to=dongqiao-park';

async function ready(el: KioskQrCode): Promise<SVGSVGElement> {
  await waitUntil(() => el.shadowRoot!.querySelector('svg[part="code"]'), 'the code never appeared');
  return part<SVGSVGElement>(el, 'code');
}

/** Dark modules drawn by a path of `M x y h n v1 h-n z` runs. */
function darkModules(path: string): number {
  return [...path.matchAll(/h(\d+)v1/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** Records what the first render showed, before the encoder could answer. */
class QrProbe extends KioskQrCode {
  firstRender = '';
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.firstRender) return;
    const shown = this.shadowRoot!.querySelector('[part]')!;
    this.firstRender = `${shown.getAttribute('part')} ${shown.getBoundingClientRect().width}`;
  }
}
customElements.define('ck-qr-probe', QrProbe);

describe('ck-qr-code', () => {
  afterEach(() => setLocale('zh-CN'));

  it('shows a placeholder until the encoder has loaded', async () => {
    const el = await fixture<QrProbe>(html`<ck-qr-probe .value=${route} size="200"></ck-qr-probe>`);
    expect(el.firstRender).to.equal('placeholder 200');
    await ready(el);
  });

  it('draws the code as one svg with one path, module for module', async () => {
    const el = await fixture<KioskQrCode>(html`<ck-qr-code .value=${route} label="去东桥公园站的路线"></ck-qr-code>`);
    const svg = await ready(el);
    const expected = QRCode.create(route, { errorCorrectionLevel: 'M' }).modules;
    expect(all(el, 'svg')).to.have.length(1);
    expect(svg.querySelectorAll('path')).to.have.length(1);
    const side = expected.size + 2 * QUIET_ZONE;
    expect(svg.getAttribute('viewBox')).to.equal(`0 0 ${side} ${side}`);
    const path = svg.querySelector('path')!.getAttribute('d')!;
    expect(darkModules(path)).to.equal(expected.data.reduce((sum, bit) => sum + bit, 0));
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('去东桥公园站的路线');
    await expect(el).to.be.accessible();
  });

  it('stays black on white in the high-contrast theme, which scanners need', async () => {
    const el = await fixture<KioskQrCode>(html`<ck-qr-code theme="high-contrast" value="https://example.cn"></ck-qr-code>`);
    const style = getComputedStyle(await ready(el));
    expect(style.backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(style.fill).to.equal('rgb(0, 0, 0)');
  });

  it('follows the error correction level and the size', async () => {
    const el = await fixture<KioskQrCode>(html`<ck-qr-code value="https://example.cn/a" error-correction="H" size="300"></ck-qr-code>`);
    const svg = await ready(el);
    const side = QRCode.create('https://example.cn/a', { errorCorrectionLevel: 'H' }).modules.size + 2 * QUIET_ZONE;
    expect(svg.getAttribute('viewBox')).to.equal(`0 0 ${side} ${side}`);
    expect(svg.getBoundingClientRect().width).to.equal(300);
    expect(svg.getAttribute('aria-label'), 'default name').to.equal('二维码');
  });

  it('falls back to level M and the default size for bad values', async () => {
    const el = await fixture<KioskQrCode>(html`<ck-qr-code value="x" error-correction="Z" size="-5"></ck-qr-code>`);
    const svg = await ready(el);
    const side = QRCode.create('x', { errorCorrectionLevel: 'M' }).modules.size + 2 * QUIET_ZONE;
    expect(svg.getAttribute('viewBox')).to.equal(`0 0 ${side} ${side}`);
    expect(svg.getAttribute('width')).to.equal('240');
  });

  it('draws the new code when the value changes', async () => {
    const el = await fixture<KioskQrCode>(html`<ck-qr-code value="first"></ck-qr-code>`);
    const before = (await ready(el)).querySelector('path')!.getAttribute('d');
    el.value = 'second value, a little longer than the first';
    await el.updateComplete;
    const after = (await ready(el)).querySelector('path')!.getAttribute('d');
    expect(after).not.to.equal(before);
  });

  it('shows the code of the value it was given last', async () => {
    const el = await fixture<KioskQrCode>(html`<ck-qr-code value="one"></ck-qr-code>`);
    el.value = 'two';
    await el.updateComplete;
    const side = QRCode.create('two', { errorCorrectionLevel: 'M' }).modules.size + 2 * QUIET_ZONE;
    expect((await ready(el)).getAttribute('viewBox')).to.equal(`0 0 ${side} ${side}`);
  });

  it('says there is nothing to show for an empty value, without throwing', async () => {
    const el = await fixture<KioskQrCode>(html`<ck-qr-code></ck-qr-code>`);
    expect(el.shadowRoot!.querySelector('svg[part="code"]')).to.equal(null);
    expect(text(part(el, 'message'))).to.equal('没有可生成二维码的内容。');
    await expect(el).to.be.accessible();
    await setLocale('en');
    await el.updateComplete;
    expect(text(part(el, 'message'))).to.equal('There is nothing to show as a QR code.');
  });

  it('says when a value is too long for any QR code', async () => {
    const el = await fixture<KioskQrCode>(html`<ck-qr-code .value=${'https://example.cn/' + 'a'.repeat(3000)}></ck-qr-code>`);
    expect(text(part(el, 'message'))).to.equal('链接过长，无法生成二维码。');
    expect(el.shadowRoot!.querySelector('svg[part="code"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows a caption from its slot', async () => {
    const el = await fixture<KioskQrCode>(html`<ck-qr-code value="https://example.cn">用手机扫码</ck-qr-code>`);
    await ready(el);
    expect(el.shadowRoot!.querySelector('slot')!.assignedNodes()[0]!.textContent).to.equal('用手机扫码');
  });

  it('says through codeComplete when the code is shown, and shows only the newest value', async () => {
    const el = await fixture<KioskQrCode>(html`<ck-qr-code value="x"></ck-qr-code>`);
    el.value = `${route}&via=${'riverside-'.repeat(20)}`;
    await el.updateComplete;
    await el.codeComplete;
    const expected = QRCode.create(el.value, { errorCorrectionLevel: 'M' }).modules.size + 2 * QUIET_ZONE;
    expect(expected).to.be.greaterThan(QRCode.create('x', { errorCorrectionLevel: 'M' }).modules.size + 2 * QUIET_ZONE);
    expect(part(el, 'code').getAttribute('viewBox')).to.equal(`0 0 ${expected} ${expected}`);
  });
});
