import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../db/database.js';
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

/**
 * Runs a write once per Idempotency-Key: the handler and the stored answer
 * commit in one transaction, so a retry after a lost response gets the same
 * answer and never applies the write twice. A rule refusal is stored too, so
 * the same key always gets the same answer; a different body under the same
 * key is refused with 422.
 */
export async function idempotentWrite(
  request: FastifyRequest,
  reply: FastifyReply,
  handler: (tx: Tx) => Promise<WriteResult>,
): Promise<unknown> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw errors.idempotencyKeyRequired();
  const { db } = request.server.ctx.store;
  const scope = idempotencyScope(request);
  const print = fingerprint(request);
  const now = request.server.ctx.now().toISOString();

  const replay = async (): Promise<unknown> => {
    const stored = await db.selectFrom('idempotency').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    if (!stored) throw errors.conflictInFlight();
    if (stored.fingerprint !== print) throw errors.idempotencyMismatch();
    reply.header('Idempotent-Replayed', 'true');
    return reply.code(stored.status).send(JSON.parse(stored.response) as unknown);
  };

  const existing = await db.selectFrom('idempotency').select('key').where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  if (existing) return replay();

  const record = (tx: Tx | typeof db, status: number, body: unknown) =>
    tx
      .insertInto('idempotency')
      .values({ scope, key, fingerprint: print, status, response: JSON.stringify(body), created_at: now })
      .execute();

  try {
    const result = await db.transaction().execute(async (tx) => {
      const out = await handler(tx);
      try {
        await record(tx, out.status, out.body);
      } catch (error) {
        if (isUniqueViolation(error)) throw new AlreadyStored();
        throw error;
      }
      return out;
    });
    return reply.code(result.status).send(result.body);
  } catch (error) {
    if (error instanceof AlreadyStored) return replay();
    if (error instanceof ApiError && error.statusCode < 500) {
      try {
        await record(db, error.statusCode, error.toBody());
      } catch (storeError) {
        if (isUniqueViolation(storeError)) return replay();
        throw storeError;
      }
    }
    throw error;
  }
}
