// Registers <ck-station-finder> and the two ui elements it renders. Import the
// class from the index instead to register it under another name.
import { defineElement, mayDefine } from '@civic-kiosk/core';
import { KioskQrCode } from '@civic-kiosk/ui/qr-code.js';
import { KioskStatusBanner } from '@civic-kiosk/ui/status-banner.js';
import { StationFinder } from './station-finder.js';

const uiElements = { 'ck-qr-code': KioskQrCode, 'ck-status-banner': KioskStatusBanner } as const;
// Two copies on one page warn once per tag instead of throwing; the ui package's own define is no conflict.
// The element's own definition is spelled out so the custom-elements manifest records it (the React
// wrappers and framework typings are generated from that).
if (mayDefine('ck-station-finder', StationFinder)) customElements.define('ck-station-finder', StationFinder);
for (const [tag, element] of Object.entries(uiElements)) defineElement(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'ck-station-finder': StationFinder;
  }
}
