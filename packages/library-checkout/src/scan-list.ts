/**
 * The rows of a borrow or return session, one per scanned item, newest first.
 * Pure: the element wires it to the source.
 *
 * A row appears the moment its code is scanned ("checking…") and is settled
 * by the server's answer: done, refused (with the server's code and reasons)
 * or unconfirmed (the answer was lost even after retrying with the same
 * idempotency key: the screen says the item is NOT shown as done, and a new
 * scan asks again — the server never does it twice).
 */
import type { Refusal } from './reasons.js';
import type { ItemView } from './types.js';

/** `queued`: a return kept on this kiosk while the network is down, sent when it is back. */
export type RowState = 'checking' | 'done' | 'refused' | 'unconfirmed' | 'queued';

export interface Row<Answer> {
  barcode: string;
  state: RowState;
  /** One key per visitor intent: the retries of this scan reuse it. */
  idempotencyKey: string;
  answer?: Answer;
  error?: Refusal;
  /** What the item is, looked up after a refusal (the refusal does not say). */
  item?: ItemView;
}

export class ScanList<Answer> {
  #rows: readonly Row<Answer>[] = [];

  get rows(): readonly Row<Answer>[] {
    return this.#rows;
  }

  get checking(): boolean {
    return this.#rows.some((row) => row.state === 'checking');
  }

  /** The rows that ended done. */
  get done(): Row<Answer>[] {
    return this.#rows.filter((row) => row.state === 'done');
  }

  /**
   * A scan of `barcode`: the new row (at the top), or undefined when the same
   * item is still being checked (a double scan, a scanner that repeats): ignored.
   * A settled row of the same item is moved to the top and asked again.
   */
  start(barcode: string, idempotencyKey: string): Row<Answer> | undefined {
    if (this.#rows.some((row) => row.barcode === barcode && row.state === 'checking')) return undefined;
    const row: Row<Answer> = { barcode, state: 'checking', idempotencyKey };
    this.#rows = [row, ...this.#rows.filter((r) => r.barcode !== barcode)];
    return row;
  }

  settle(row: Row<Answer>, next: Partial<Pick<Row<Answer>, 'state' | 'answer' | 'error' | 'item'>>): void {
    this.#rows = this.#rows.map((r) => (r === row || (r.idempotencyKey === row.idempotencyKey && r.barcode === row.barcode) ? { ...r, ...next } : r));
  }

  clear(): void {
    this.#rows = [];
  }
}
