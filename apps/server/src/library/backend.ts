import type { FastifyRequest } from 'fastify';
import type { Tx } from '../db/database.js';
import type { WriteResult } from '../http/idempotency.js';

/**
 * The routes under /api/library/* talk to one LibraryBackend: the server's own catalogue
 * (catalogue.ts, rules enforced here in SQL) or a library system over SIP2 (sip2/backend.ts,
 * rules enforced by the library system, refusals translated to the same codes). A new backend
 * implements this interface and nothing in routes.ts changes.
 */
export type Localized = { 'zh-CN': string; en: string };

export interface ItemView {
  barcode: string;
  isbn: string;
  title: Localized;
  author: string;
  callNumber: string;
  loanable: boolean;
}

/** What a SIP2 library system said for the screen (AF) and the receipt printer (AG); absent for the own catalogue. */
export interface SystemMessages {
  screenMessages?: string[];
  printLines?: string[];
}

export interface PatronRef {
  /** The id the patron's token carries: the catalogue's patron id, or the card number for SIP2. */
  id: string;
  name: string;
  expiresOn: string;
}

/** A write in progress: the idempotent transaction (own catalogue) or null (a remote system), and its instant. */
export interface WriteCtx {
  tx: Tx | null;
  at: Date;
}

export type SearchBy = 'any' | 'title' | 'author' | 'isbn' | 'initials';

export interface LibraryBackend {
  readonly kind: 'catalogue' | 'sip2';
  /**
   * true: writes run inside the server's idempotent transaction (`WriteCtx.tx` is set). false: the write
   * goes to another system first and its answer is recorded under the Idempotency-Key afterwards.
   */
  readonly transactional: boolean;
  /** Does the library system answer now? (The own catalogue always does.) */
  online(): Promise<boolean>;
  /** Checks a card, with its PIN or (`pin === null`, allowed by the route's policy) without. */
  signin(request: FastifyRequest, cardNumber: string, pin: string | null, at: Date): Promise<PatronRef>;
  item(barcode: string, at: Date): Promise<unknown>;
  search(q: string, by: SearchBy, limit: number, at: Date): Promise<unknown>;
  account(patronId: string, at: Date): Promise<unknown>;
  checkout(w: WriteCtx, patronId: string, barcode: string): Promise<WriteResult>;
  checkin(w: WriteCtx, barcode: string): Promise<WriteResult>;
  renew(w: WriteCtx, patronId: string, barcode: string): Promise<WriteResult>;
  renewAll(w: WriteCtx, patronId: string): Promise<WriteResult>;
  placeHold(w: WriteCtx, patronId: string, barcode: string): Promise<WriteResult>;
  /** Cancels one of the patron's holds; cancelling one already cancelled is not an error. */
  cancelHold(w: WriteCtx, patronId: string, holdId: number): Promise<void>;
  /** The patron signed out: a library system that keeps patron sessions is told (SIP2 35/36). Optional. */
  endSession?(patronId: string, at: Date): Promise<unknown>;
  /** Staff: a fine was paid at the desk. */
  finePaid(w: WriteCtx, fineId: number, staffId: string): Promise<WriteResult>;
  close(): Promise<void>;
}

/**
 * The identity hook (issue 12 item 1). A deployment that verifies patrons another way (a face
 * recognition terminal, a government ID reader) registers a verifier with `setPatronVerifier(app, v)`
 * before the server listens; a sign-in with a card number and no PIN is then accepted when the verifier
 * says yes, whatever the scan-alone policy. None ships with the server: biometric data is sensitive
 * personal information under PIPL, and the server never sees or stores it — the verifier answers yes/no
 * from whatever the kiosk's own hardware sent (e.g. a signed assertion in a request header).
 */
export interface PatronVerifier {
  /** Names the method in the audit log, e.g. 'face-terminal'. */
  readonly method: string;
  verify(request: FastifyRequest, cardNumber: string): Promise<boolean>;
}

const verifiers = new WeakMap<object, PatronVerifier>();
export function setPatronVerifier(app: object, verifier: PatronVerifier | null): void {
  if (verifier) verifiers.set(app, verifier);
  else verifiers.delete(app);
}
export const patronVerifierOf = (app: object): PatronVerifier | null => verifiers.get(app) ?? null;
