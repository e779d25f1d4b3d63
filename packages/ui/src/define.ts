// Registers every element of this package under its ck- tag name. Importing
// the classes from the index instead lets an embedder register other names.
// Each name is checked first: two copies of this package on one page must
// not throw on the second define. The calls are spelled out so the
// custom-elements manifest can read the tag names.
import { KioskButton } from './button.js';
import { KioskChart } from './chart.js';
import { KioskDialog } from './dialog.js';
import { KioskKeypad } from './keypad.js';
import { KioskQrCode } from './qr-code.js';
import { KioskStatusBanner } from './status-banner.js';

if (!customElements.get('ck-button')) customElements.define('ck-button', KioskButton);
if (!customElements.get('ck-dialog')) customElements.define('ck-dialog', KioskDialog);
if (!customElements.get('ck-keypad')) customElements.define('ck-keypad', KioskKeypad);
if (!customElements.get('ck-qr-code')) customElements.define('ck-qr-code', KioskQrCode);
if (!customElements.get('ck-chart')) customElements.define('ck-chart', KioskChart);
if (!customElements.get('ck-status-banner')) customElements.define('ck-status-banner', KioskStatusBanner);

declare global {
  interface HTMLElementTagNameMap {
    'ck-button': KioskButton;
    'ck-dialog': KioskDialog;
    'ck-keypad': KioskKeypad;
    'ck-qr-code': KioskQrCode;
    'ck-chart': KioskChart;
    'ck-status-banner': KioskStatusBanner;
  }
}
