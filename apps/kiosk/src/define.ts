// Registers the kiosk's elements and the few ui primitives the shell itself uses
// (the services bring their own when they load).
import { KioskButton } from '@civic-kiosk/ui/button.js';
import { KioskDialog } from '@civic-kiosk/ui/dialog.js';
import { KioskStatusBanner } from '@civic-kiosk/ui/status-banner.js';
import { KioskAttract } from './attract.js';
import { KioskHome } from './home.js';
import { KioskApp } from './kiosk-app.js';
import { KioskOutOfService } from './out-of-service.js';
import { defineElement } from '@civic-kiosk/core';

const elements = {
  'ck-button': KioskButton,
  'ck-dialog': KioskDialog,
  'ck-status-banner': KioskStatusBanner,
  'ck-home': KioskHome,
  'ck-attract': KioskAttract,
  'ck-out-of-service': KioskOutOfService,
  'ck-kiosk-app': KioskApp,
} as const;
for (const [tag, element] of Object.entries(elements)) {
  defineElement(tag, element);
}
