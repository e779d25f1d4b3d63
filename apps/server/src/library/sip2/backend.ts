import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Sip2Config } from '../../config.js';
import { ApiError } from '../../http/errors.js';
import type { WriteResult } from '../../http/idempotency.js';
import type { LibraryBackend, PatronRef, SearchBy, WriteCtx } from '../backend.js';

export const libraryOffline = () => new ApiError(503, 'LIBRARY_OFFLINE', 'The library system does not answer. Please try again later or ask staff.', '图书馆系统暂时无法连接，请稍后再试或联系工作人员。');

/** Placeholder until the gateway lands (step 2 of issue 12). */
export class Sip2Backend implements LibraryBackend {
  readonly kind = 'sip2' as const;
  readonly transactional = false;
  constructor(
    readonly config: Sip2Config,
    readonly log: FastifyBaseLogger,
  ) {}
  online(): Promise<boolean> {
    return Promise.resolve(false);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  private offline(): Promise<never> {
    return Promise.reject(libraryOffline());
  }
  signin(_r: FastifyRequest, _c: string, _p: string | null, _a: Date): Promise<PatronRef> { return this.offline(); }
  item(_b: string, _a: Date): Promise<unknown> { return this.offline(); }
  search(_q: string, _b: SearchBy, _l: number, _a: Date): Promise<unknown> { return this.offline(); }
  account(_p: string, _a: Date): Promise<unknown> { return this.offline(); }
  checkout(_w: WriteCtx, _p: string, _b: string): Promise<WriteResult> { return this.offline(); }
  checkin(_w: WriteCtx, _b: string): Promise<WriteResult> { return this.offline(); }
  renew(_w: WriteCtx, _p: string, _b: string): Promise<WriteResult> { return this.offline(); }
  renewAll(_w: WriteCtx, _p: string): Promise<WriteResult> { return this.offline(); }
  placeHold(_w: WriteCtx, _p: string, _b: string): Promise<WriteResult> { return this.offline(); }
  cancelHold(_w: WriteCtx, _p: string, _h: number): Promise<void> { return this.offline(); }
  finePaid(_w: WriteCtx, _f: number, _s: string): Promise<WriteResult> { return this.offline(); }
}
