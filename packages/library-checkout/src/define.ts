// Registers <ck-library-checkout> and the ui elements it renders. Import the
// class from the index instead to register it under another name. The
// on-screen keyboard (<ck-keyboard>, a separate ui entry that registers itself)
// is imported by the element when the search screen first opens.
import { defineElement, mayDefine } from '@civic-kiosk/core';
import { KioskButton } from '@civic-kiosk/ui/button.js';
import { KioskKeypad } from '@civic-kiosk/ui/keypad.js';
import { KioskQrCode } from '@civic-kiosk/ui/qr-code.js';
import { KioskStatusBanner } from '@civic-kiosk/ui/status-banner.js';
import { LibraryCheckout } from './library-checkout.js';

const uiElements = {
  'ck-button': KioskButton,
  'ck-keypad': KioskKeypad,
  'ck-qr-code': KioskQrCode,
  'ck-status-banner': KioskStatusBanner,
} as const;
// Two copies on one page warn once per tag instead of throwing; the ui package's own define is no conflict.
// The element's own definition is spelled out so the custom-elements manifest records it (the React
// wrappers and framework typings are generated from that).
if (mayDefine('ck-library-checkout', LibraryCheckout)) customElements.define('ck-library-checkout', LibraryCheckout);
for (const [tag, element] of Object.entries(uiElements)) defineElement(tag, element);
