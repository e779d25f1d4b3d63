import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errors } from '../http/errors.js';
import { idempotencyScope, idempotentWrite, type WriteResult } from '../http/idempotency.js';

/**
 * An idempotent write to another system (the SIP2 gateway). The network call must not run inside a
 * database transaction (on SQLite it would hold every other kiosk's write behind a round trip to the
 * library system), so: a key already answered is replayed without calling out; otherwise the call runs,
 * and its answer (or its refusal) is recorded under the key by `idempotentWrite`, whose handler then
 * only returns it. A second request with the same key while the first is out waits for it here (one
 * process), then gets the stored answer. A 503 (library offline) is not recorded: a retry tries again.
 */
const inflight = new Map<string, Promise<unknown>>();

export async function remoteIdempotentWrite(request: FastifyRequest, reply: FastifyReply, call: () => Promise<WriteResult>): Promise<unknown> {
  const key = request.headers['idempotency-key'];
  // No valid key (the pattern of http/idempotency.ts): refused with its usual 400 before anything is sent out.
  if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{8,128}$/.test(key)) throw errors.idempotencyKeyRequired();
  const scope = await idempotencyScope(request);
  const slot = `${scope}\u0000${key}`;
  const earlier = inflight.get(slot);
  if (earlier) await earlier.catch(() => undefined);
  const { db } = request.server.ctx.store;
  const stored = await db.selectFrom('idempotency').select('key').where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  // The handler of a replay never runs: idempotentWrite finds the stored answer and sends it (or 422 on another body).
  if (stored) return idempotentWrite(request, reply, () => Promise.reject(new Error('replayed')));

  const outcome: Promise<WriteResult | ApiError> = call().catch((error: unknown) => {
    if (error instanceof ApiError && error.statusCode < 500) return error;
    throw error;
  });
  inflight.set(slot, outcome);
  try {
    const result = await outcome;
    return await idempotentWrite(request, reply, () => (result instanceof ApiError ? Promise.reject(result) : Promise.resolve(result)));
  } finally {
    if (inflight.get(slot) === outcome) inflight.delete(slot);
  }
}
