// Registers <ck-station-finder> and the two ui elements it renders. Import the
// class from the index instead to register it under another name.
import { KioskQrCode } from '@civic-kiosk/ui/qr-code.js';
import { KioskStatusBanner } from '@civic-kiosk/ui/status-banner.js';
import { StationFinder } from './station-finder.js';

const elements = { 'ck-station-finder': StationFinder, 'ck-qr-code': KioskQrCode, 'ck-status-banner': KioskStatusBanner } as const;
for (const [tag, element] of Object.entries(elements)) {
  // Two copies on one page (or the ui package's own define) must not throw.
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-station-finder': StationFinder;
  }
}
