// The staff fleet page's entry (/ops): theme tokens, strings, and its few elements.
import '@civic-kiosk/core/themes/themes.css';
import '../translations.js';
import { KioskButton } from '@civic-kiosk/ui/button.js';
import { KioskDialog } from '@civic-kiosk/ui/dialog.js';
import { OpsApp } from './ops-app.js';
import { defineElement } from '@civic-kiosk/core';

for (const [tag, element] of Object.entries({ 'ck-button': KioskButton, 'ck-dialog': KioskDialog, 'ck-ops-app': OpsApp })) {
  defineElement(tag, element);
}
