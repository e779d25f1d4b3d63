// Registers every element of this package under its ck- tag name. Importing
// the classes from the index instead lets an embedder register other names.
// Each name is checked first: a second copy of this package on the page warns
// once per tag instead of throwing (core's mayDefine). The calls are spelled
// out so the custom-elements manifest can read the definitions.
import { mayDefine } from '@civic-kiosk/core';
import { KioskButton } from './button.js';
import { KioskChart } from './chart.js';
import { KioskDialog } from './dialog.js';
import { KioskKeypad } from './keypad.js';
import { KioskQrCode } from './qr-code.js';
import { KioskStatusBanner } from './status-banner.js';

if (mayDefine('ck-button', KioskButton)) customElements.define('ck-button', KioskButton);
if (mayDefine('ck-dialog', KioskDialog)) customElements.define('ck-dialog', KioskDialog);
if (mayDefine('ck-keypad', KioskKeypad)) customElements.define('ck-keypad', KioskKeypad);
if (mayDefine('ck-qr-code', KioskQrCode)) customElements.define('ck-qr-code', KioskQrCode);
if (mayDefine('ck-chart', KioskChart)) customElements.define('ck-chart', KioskChart);
if (mayDefine('ck-status-banner', KioskStatusBanner)) customElements.define('ck-status-banner', KioskStatusBanner);

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
