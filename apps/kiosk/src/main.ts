// The kiosk's entry: page-level theme tokens and kiosk CSS, strings, elements, lock-down.
import '@civic-kiosk/core/themes/themes.css';
import './app.css';
import './translations.js';
import './define.js';
import { lockDownKiosk } from './hygiene.js';
import { registerServiceWorker } from './offline.js';

lockDownKiosk();
// Production builds only: the dev server and Storybook serve modules that change on every edit.
if (import.meta.env.PROD) registerServiceWorker();
