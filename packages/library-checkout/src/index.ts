export {
  LibraryCheckout,
  CHECKOUT_EVENT,
  CHECKIN_EVENT,
  RENEW_EVENT,
  HOLD_EVENT,
  type CheckoutDetail,
  type CheckinDetail,
  type RenewDetail,
  type HoldDetail,
  type Screen,
} from './library-checkout.js';
export type * from './types.js';
export { HttpLibrarySource, HttpPatronSource, DEFAULT_STATUS } from './source.js';
export { DemoLibrary, DEMO_CARDS, demoItems, type DemoOptions } from './demo.js';
export { checkIsbn, compactIsbn, isbn10CheckDigit, isbn13CheckDigit, isbn10To13, isbn13To10, looksLikeIsbn, type IsbnCheck } from './isbn.js';
export { readScan, cardNumberFrom, type ScanKind } from './scan.js';
export { ScanList, type Row, type RowState } from './scan-list.js';
export { retryLost, type RetryOptions } from './retry.js';
export { whatToDo, contractCode, blocksCard } from './reasons.js';
export { RECEIPTS, type ReceiptKind } from './rules.js';
