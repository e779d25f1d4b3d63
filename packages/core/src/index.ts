export { KioskElement, kioskStyles } from './kiosk-element.js';
export * from './tokens.js';
export { contrastRatio, parseHex } from './color.js';
// WCAG contrast checks of a theme: `@civic-kiosk/core/contrast.js` (for theme editors and tests; not on every page).
export { registerTokens, themeFiles, themeRules, hostThemeStyles } from './theme-styles.js';
export {
  DEFAULT_LOCALE,
  LOCALES,
  LOCALE_STATUS_EVENT,
  ensureLocalization,
  getLocale,
  inLocale,
  kioskTemplates,
  pageLocale,
  registerTranslations,
  resolveLocale,
  setLocale,
  type Locale,
} from './localization.js';
export * from './format.js';
export * from './http.js';
export * from './events.js';
export * from './converters.js';
export { defineElement, mayDefine } from './define.js';
export * from './session.js';
export * from './personal-data.js';
export * from './scan-detector.js';
export * from './controllers/idle.js';
export * from './controllers/idle-reset.js';
export * from './controllers/theme.js';
export * from './controllers/speech.js';
export * from './controllers/scanner.js';
/** Types of the server's API answers, generated from its OpenAPI document (ApiTypes.components['schemas'], ApiTypes.paths). */
export type * as ApiTypes from './generated/api-types.js';
