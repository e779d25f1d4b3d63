import { createHash, createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../db/database.js';
import { isUniqueViolation } from '../db/database.js';
import { resolveDevice } from './device.js';
import { ApiError, errors } from './errors.js';

/** How long a stored answer is replayed; after that the key may be used again. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

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

/**
 * The fingerprint of a request: a keyed hash (HMAC with the server's secret)
 * of the route pattern, its parameters and the body. Keyed, because a plain
 * hash of a ballot (three possible bodies) could be reversed by anyone who
 * reads the table. The route pattern, not the raw URL, so one request spelled
 * two ways is one request.
 */
function fingerprint(request: FastifyRequest): string {
  return createHmac('sha256', request.server.ctx.keys.fingerprintKey)
    .update(`${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]} ${canonical(request.params)}\n${canonical(request.body)}`)
    .digest('base64url');
}

const short = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/**
 * Whose write this is: the signed-in person (or the kiosk itself) AND the
 * validated device, so two kiosks (or a stolen token on another kiosk) never
 * share a key space. Without a valid device: a hash of the address.
 */
export async function idempotencyScope(request: FastifyRequest): Promise<string> {
  const who = request.principal ? `${request.principal.svc}:${request.principal.sub}` : 'kiosk';
  const check = await resolveDevice(request);
  const where = 'device' in check ? `device:${check.device.id}` : `ip:${short(request.ip)}`;
  return `${who}@${where}`;
}

/** Deletes expired records (and any from before records had an age, which may still hold a choice). */
export async function sweepIdempotency(db: Db, nowMs: number): Promise<number> {
  const res = await db
    .deleteFrom('idempotency')
    .where((eb) => eb.or([eb('created_ms', '<', nowMs - IDEMPOTENCY_TTL_MS), eb('created_ms', 'is', null)]))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Sweeps on start and every hour (each instance; the deletes are idempotent). */
export function scheduleIdempotencySweep(app: FastifyInstance): void {
  let timer: NodeJS.Timeout | undefined;
  const sweep = () => sweepIdempotency(app.ctx.store.db, app.ctx.now().getTime()).catch((error: unknown) => app.log.warn({ err: error }, 'idempotency sweep failed'));
  app.addHook('onReady', async () => {
    await sweep();
    timer = setInterval(() => void sweep(), 60 * 60 * 1000);
    timer.unref();
  });
  app.addHook('onClose', (_instance, done) => {
    if (timer) clearInterval(timer);
    done();
  });
}

/** Fields a stored answer must not keep (a voter's choice); a replay takes them from the identical request body. */
function without(body: unknown, fields: readonly string[]): unknown {
  if (!fields.length || !body || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy = { ...(body as Record<string, unknown>) };
  for (const f of fields) delete copy[f];
  return copy;
}

export interface IdempotencyOptions {
  /** Request-body fields echoed in the answer that must never be stored (e.g. a ballot's `choice`). */
  secretFields?: readonly string[];
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
  options: IdempotencyOptions = {},
  retried = false,
): Promise<unknown> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw errors.idempotencyKeyRequired();
  const { store } = request.server.ctx;
  const { db } = store;
  const scope = await idempotencyScope(request);
  const print = fingerprint(request);
  const nowDate = request.server.ctx.now();
  const now = nowDate.toISOString();
  const nowMs = nowDate.getTime();
  const secret = options.secretFields ?? [];

  const lookup = () => db.selectFrom('idempotency').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  const replay = async (): Promise<unknown> => {
    const stored = await lookup();
    if (!stored) throw errors.conflictInFlight();
    // An expired record is gone in all but the sweep: remove it and run the write as new (once).
    if (!retried && (stored.created_ms === null || Number(stored.created_ms) < nowMs - IDEMPOTENCY_TTL_MS)) {
      await db.deleteFrom('idempotency').where('scope', '=', scope).where('key', '=', key).where('fingerprint', '=', stored.fingerprint).execute();
      return idempotentWrite(request, reply, handler, options, true);
    }
    if (stored.fingerprint !== print) throw errors.idempotencyMismatch();
    reply.header('Idempotent-Replayed', 'true');
    const body = JSON.parse(stored.response) as unknown;
    // The same fingerprint means the same body: the withheld fields are the ones in this request.
    const restored = secret.length && stored.status < 300 && body && typeof body === 'object' ? { ...body, ...Object.fromEntries(secret.map((f) => [f, (request.body as Record<string, unknown>)[f]])) } : body;
    return reply.code(stored.status).send(restored);
  };

  const record = async (q: Tx | Db, status: number, body: unknown): Promise<void> => {
    try {
      await q.insertInto('idempotency').values({ scope, key, fingerprint: print, status, response: JSON.stringify(without(body, secret)), created_at: now, created_ms: nowMs }).execute();
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
