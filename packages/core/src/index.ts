export { KioskElement, kioskStyles } from './kiosk-element.js';
export * from './tokens.js';
export { contrastRatio, parseHex } from './color.js';
export { registerTokens, themeFiles, themeRules, hostThemeStyles } from './theme-styles.js';
export {
  DEFAULT_LOCALE,
  LOCALES,
  LOCALE_STATUS_EVENT,
  getLocale,
  registerTranslations,
  resolveLocale,
  setLocale,
  type Locale,
} from './localization.js';
export * from './format.js';
export * from './http.js';
export * from './scan-detector.js';
export * from './controllers/idle.js';
export * from './controllers/speech.js';
export * from './controllers/scanner.js';
