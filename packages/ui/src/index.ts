export { KioskButton, type ButtonSize, type ButtonVariant } from './button.js';
export { KioskDialog, DIALOG_CLOSE_EVENT, type DialogCloseDetail, type DialogCloseReason } from './dialog.js';
export { KioskKeypad, KEYPAD_INPUT_EVENT, KEYPAD_SUBMIT_EVENT, type KeypadDetail } from './keypad.js';
export { pressKey, sanitize as sanitizeKeypadValue, acceptsX, type KeypadRules } from './keypad-input.js';
export { KioskQrCode } from './qr-code.js';
export { qrPath, fitsInQrCode, QUIET_ZONE, type ErrorCorrectionLevel, type ModuleMatrix } from './qr-matrix.js';
export { KioskChart } from './chart.js';
export {
  buildChartConfig,
  tableRows,
  validateBands,
  validateChartData,
  type ChartBand,
  type ChartKind,
  type ChartSeries,
  type ChartTheme,
  type TableRow,
  type ValidChartData,
} from './chart-config.js';
export { KioskStatusBanner, RETRY_EVENT, type BannerState } from './status-banner.js';
