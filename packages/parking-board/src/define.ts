// Registers <ck-parking-board> and the ui elements it renders. Import the class from the index instead to
// register it under another name.
import { defineElement, mayDefine } from '@civic-kiosk/core';
import { KioskChart } from '@civic-kiosk/ui/chart.js';
import { KioskKeypad } from '@civic-kiosk/ui/keypad.js';
import { KioskQrCode } from '@civic-kiosk/ui/qr-code.js';
import { KioskStatusBanner } from '@civic-kiosk/ui/status-banner.js';
import { ParkingBoard } from './parking-board.js';

const uiElements = { 'ck-chart': KioskChart, 'ck-keypad': KioskKeypad, 'ck-qr-code': KioskQrCode, 'ck-status-banner': KioskStatusBanner } as const;
// Two copies on one page warn once per tag instead of throwing; the ui package's own define is no conflict.
// The element's own definition is spelled out so the custom-elements manifest records it (the React
// wrappers and framework typings are generated from that).
if (mayDefine('ck-parking-board', ParkingBoard)) customElements.define('ck-parking-board', ParkingBoard);
for (const [tag, element] of Object.entries(uiElements)) defineElement(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'ck-parking-board': ParkingBoard;
  }
}
