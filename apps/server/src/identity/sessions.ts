import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import { deviceIdOf } from '../http/device-id.js';
import { signToken, TOKEN_TTL_MS, type Principal } from './tokens.js';

/**
 * Sessions back every token: a token names its session, and a token whose
 * session row is revoked (sign-out, lockout) is refused by every instance that
 * shares the database, at once. Rows outlive their tokens by nothing useful,
 * so `expires_at` is the token's expiry.
 */
export async function issueToken(
  app: FastifyInstance,
  request: FastifyRequest,
  principal: Omit<Principal, 'exp' | 'kid' | 'sid' | 'dev'>,
  subject: string,
): Promise<{ token: string; expiresAt: string; sessionId: string }> {
  const now = app.ctx.now();
  const sessionId = randomBytes(16).toString('base64url');
  const dev = deviceIdOf(request);
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS).toISOString();
  await app.ctx.store.db
    .insertInto('sessions')
    .values({ id: sessionId, subject, service: principal.svc, device_id: dev, created_at: now.toISOString(), expires_at: expiresAt, revoked_at: null, revoked_reason: null })
    .execute();
  const signed = signToken(app.ctx.keys, { ...principal, sid: sessionId, dev }, now.getTime());
  // Now and then, drop what can no longer matter: sessions a day past expiry, failures past the burst window.
  if (Math.random() < 0.01) await pruneSignInRecords(app.ctx.store.db, now);
  return { ...signed, sessionId };
}

export async function pruneSignInRecords(db: Db, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  await db.deleteFrom('sessions').where('expires_at', '<', dayAgo).execute();
  await db.deleteFrom('signin_failures').where('at', '<', dayAgo).execute();
}

/** A session that exists, is not revoked and has not expired. */
export async function sessionIsLive(db: Db, sessionId: string, now: Date): Promise<boolean> {
  const row = await db.selectFrom('sessions').select(['revoked_at', 'expires_at']).where('id', '=', sessionId).executeTakeFirst();
  return !!row && row.revoked_at === null && row.expires_at > now.toISOString();
}

export async function revokeSession(db: Db, sessionId: string, now: Date, reason: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString(), revoked_reason: reason }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Every live session of one account (a lockout ends them all). */
export async function revokeSessionsOf(db: Db, subject: string, now: Date, reason: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString(), revoked_reason: reason })
    .where('subject', '=', subject)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
