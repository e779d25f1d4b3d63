import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import * as ui from '../src/index.js';

describe('@civic-kiosk/ui', () => {
  it('registers every element under its ck- tag', () => {
    expect(customElements.get('ck-button')).to.equal(ui.KioskButton);
    expect(customElements.get('ck-dialog')).to.equal(ui.KioskDialog);
    expect(customElements.get('ck-keypad')).to.equal(ui.KioskKeypad);
    expect(customElements.get('ck-qr-code')).to.equal(ui.KioskQrCode);
    expect(customElements.get('ck-chart')).to.equal(ui.KioskChart);
    expect(customElements.get('ck-status-banner')).to.equal(ui.KioskStatusBanner);
  });

  it('exports the event names', () => {
    expect([ui.DIALOG_CLOSE_EVENT, ui.KEYPAD_INPUT_EVENT, ui.KEYPAD_SUBMIT_EVENT, ui.RETRY_EVENT]).to.deep.equal([
      'ck-dialog-close',
      'ck-keypad-input',
      'ck-keypad-submit',
      'ck-retry',
    ]);
  });

  it('lets an embedder register a subclass under another name', async () => {
    class CityButton extends ui.KioskButton {}
    customElements.define('city-button', CityButton);
    const el = await fixture<CityButton>(html`<city-button>好</city-button>`);
    expect(el.shadowRoot!.querySelector('button')).not.to.equal(null);
    await expect(el).to.be.accessible();
  });
});
