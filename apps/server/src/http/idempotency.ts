import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../db/database.js';
import { isUniqueViolation } from '../db/database.js';
import { idempotencyScope } from './auth.js';
import { ApiError, errors } from './errors.js';

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

export interface WriteResult {
  status: number;
  body: unknown;
}

class AlreadyStored extends Error {}

/** Key order must not change the fingerprint of the same request body. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function fingerprint(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? '';
  return createHash('sha256')
    .update(`${request.method} ${path}\n${canonical(request.body)}`)
    .digest('base64url');
}

const isRefusal = (error: unknown): error is ApiError => error instanceof ApiError && error.statusCode < 500;

/**
 * Runs a write once per Idempotency-Key: the handler and the stored answer
 * commit in one transaction, so a retry after a lost response gets the same
 * answer and never applies the write twice. A rule refusal is stored too, so
 * the same key always gets the same answer; a different body under the same
 * key is refused with 422.
 *
 * The key is not looked up before the write (a round trip on every write for
 * the rare retry): a retry runs the handler again, the stored answer's primary
 * key stops it at the end, its changes are rolled back and the stored answer is
 * sent. On SQLite the transaction is shared with the writes that arrive at the
 * same time (group commit, see db/group-commit.ts); on PostgreSQL it is its own.
 */
export async function idempotentWrite(
  request: FastifyRequest,
  reply: FastifyReply,
  handler: (tx: Tx) => Promise<WriteResult>,
): Promise<unknown> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw errors.idempotencyKeyRequired();
  const { store } = request.server.ctx;
  const { db } = store;
  const scope = idempotencyScope(request);
  const print = fingerprint(request);
  const now = request.server.ctx.now().toISOString();

  const lookup = () => db.selectFrom('idempotency').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  const replay = async (): Promise<unknown> => {
    const stored = await lookup();
    if (!stored) throw errors.conflictInFlight();
    if (stored.fingerprint !== print) throw errors.idempotencyMismatch();
    reply.header('Idempotent-Replayed', 'true');
    return reply.code(stored.status).send(JSON.parse(stored.response) as unknown);
  };

  const record = async (q: Tx | Db, status: number, body: unknown): Promise<void> => {
    try {
      await q.insertInto('idempotency').values({ scope, key, fingerprint: print, status, response: JSON.stringify(body), created_at: now }).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyStored();
      throw error;
    }
  };
  const write = async (tx: Tx): Promise<WriteResult> => {
    const out = await handler(tx);
    await record(tx, out.status, out.body);
    return out;
  };

  let outcome: WriteResult | ApiError;
  try {
    if (store.groupCommit) {
      // The refusal is stored in the same shared commit, after the handler's changes were undone.
      outcome = await store.groupCommit.run<WriteResult | ApiError>(write, async (tx, error) => {
        if (!isRefusal(error)) throw error;
        await record(tx, error.statusCode, error.toBody());
        return error;
      });
    } else {
      try {
        outcome = await db.transaction().execute(write);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        await record(db, error.statusCode, error.toBody());
        outcome = error;
      }
    }
  } catch (error) {
    if (error instanceof AlreadyStored) return replay();
    // A retry whose handler failed some other way (say, on a unique key its first run filled) still gets the stored answer.
    if (!(error instanceof ApiError) && (await lookup())) return replay();
    throw error;
  }
  if (outcome instanceof ApiError) throw outcome;
  return reply.code(outcome.status).send(outcome.body);
}
