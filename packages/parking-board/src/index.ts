export {
  ParkingBoard,
  VOTE_CAST_EVENT,
  PROPOSAL_SUPPORT_EVENT,
  COMMENT_POST_EVENT,
  RECEIPT_CHECK_EVENT,
  type VoteCastDetail,
  type ProposalSupportDetail,
  type CommentPostDetail,
  type ReceiptCheckDetail,
} from './parking-board.js';
export { HttpDeliberationSource } from './source.js';
export { InMemoryDeliberationSource, type InMemoryOptions, type RawBoard, type DemoResident } from './memory-source.js';
export { normalizeReceipt, receiptKey, findReceipt } from './receipt.js';
export { parseBoard, parseResults, parseMotions, parseProgress, percentagesOf, passedUnder, isOverdue, localized } from './parse.js';
export { VIEWS, type BoardView } from './rules.js';
export type * from './types.js';
