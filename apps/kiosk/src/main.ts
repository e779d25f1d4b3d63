// The kiosk's entry: page-level theme tokens and kiosk CSS, strings, elements, lock-down.
import '@civic-kiosk/core/themes/themes.css';
import './app.css';
import './translations.js';
import './define.js';
import { lockDownKiosk } from './hygiene.js';

lockDownKiosk();
