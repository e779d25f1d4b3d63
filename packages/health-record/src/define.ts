// Registers <ck-health-record> and the ui elements it renders. Import the
// class from the index instead to register it under another name.
import { defineElement, mayDefine } from '@civic-kiosk/core';
import { KioskChart } from '@civic-kiosk/ui/chart.js';
import { KioskDialog } from '@civic-kiosk/ui/dialog.js';
import { KioskKeypad } from '@civic-kiosk/ui/keypad.js';
import { KioskQrCode } from '@civic-kiosk/ui/qr-code.js';
import { KioskStatusBanner } from '@civic-kiosk/ui/status-banner.js';
import { HealthRecordElement } from './health-record.js';

const uiElements = {
  'ck-chart': KioskChart,
  'ck-dialog': KioskDialog,
  'ck-keypad': KioskKeypad,
  'ck-qr-code': KioskQrCode,
  'ck-status-banner': KioskStatusBanner,
} as const;
// Two copies on one page warn once per tag instead of throwing; the ui package's own define is no conflict.
// The element's own definition is spelled out so the custom-elements manifest records it (the React
// wrappers and framework typings are generated from that).
if (mayDefine('ck-health-record', HealthRecordElement)) customElements.define('ck-health-record', HealthRecordElement);
for (const [tag, element] of Object.entries(uiElements)) defineElement(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'ck-health-record': HealthRecordElement;
  }
}
