// Registers <ck-health-record> and the ui elements it renders. Import the
// class from the index instead to register it under another name.
import { defineElement } from '@civic-kiosk/core';
import { KioskChart } from '@civic-kiosk/ui/chart.js';
import { KioskDialog } from '@civic-kiosk/ui/dialog.js';
import { KioskKeypad } from '@civic-kiosk/ui/keypad.js';
import { KioskQrCode } from '@civic-kiosk/ui/qr-code.js';
import { KioskStatusBanner } from '@civic-kiosk/ui/status-banner.js';
import { HealthRecordElement } from './health-record.js';

const elements = {
  'ck-health-record': HealthRecordElement,
  'ck-chart': KioskChart,
  'ck-dialog': KioskDialog,
  'ck-keypad': KioskKeypad,
  'ck-qr-code': KioskQrCode,
  'ck-status-banner': KioskStatusBanner,
} as const;
// Two copies on one page warn once per tag instead of throwing; the ui package's own define is no conflict.
for (const [tag, element] of Object.entries(elements)) defineElement(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'ck-health-record': HealthRecordElement;
  }
}
