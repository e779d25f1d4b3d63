import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditChain } from '../src/audit/verify.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { audit } from '../src/http/audit.js';
import { Keyring, loadKeyring, rotateKeyFile } from '../src/identity/keys.js';
import { signToken, TOKEN_TTL_MS, verifyToken } from '../src/identity/tokens.js';
import { cloneDatabase, dialect, residentToken, TEST_TOKEN_SECRET } from './helpers.js';

/** Issue 9 part A, items 8 and 13: signing keys outside the database, and an audit log that shows tampering. */
let db: Awaited<ReturnType<typeof cloneDatabase>>;
before(async () => {
  db = await cloneDatabase();
});
after(async () => {
  await db.store.close();
  await db.drop();
});

const at = new Date('2026-06-01T10:00:00Z');

describe('audit log', () => {
  it('chains every entry, with the device, so a deleted row is found by audit:verify', async () => {
    const app = await buildApp({ store: db.store, config: { ...loadConfig({}), tokenSecret: TEST_TOKEN_SECRET } });
    await residentToken(app, 'XK0001', 'health');
    for (let i = 0; i < 5; i += 1) await audit(db.store.db, { at, actor: 'test', action: 'test.entry', subject: `n:${i}`, deviceId: 'dk_test' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit(db.store.db, { at, actor: 'test', action: 'test.concurrent', subject: `c:${i}` })));
    await app.close();
    const signIn = await db.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'signin').executeTakeFirstOrThrow();
    assert.equal(signIn.device_id, 'demo-xikou-hall', 'a sign-in is logged with its enrolled device');
    const good = await verifyAuditChain(db.store.db);
    assert.equal(good.ok, true, JSON.stringify(good.broken));
    assert.ok(good.entries >= 26);

    const cli = () => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts'], { env: { ...process.env, ...(db.url ? { DATABASE_URL: db.url } : { SQLITE_PATH: db.file }) }, encoding: 'utf8' });
    const ok = cli();
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /OK/);

    // Tamper as someone who got past the triggers (a superuser, or a file editor for SQLite).
    // Any entry with a later one in its chain (the newest entry of each chain can only be vouched for by a copy kept elsewhere).
    const all = await db.store.db.selectFrom('audit_log').select(['id', 'chain']).orderBy('id').execute();
    const victim = all.find((r, i) => all.slice(i + 1).some((x) => x.chain === r.chain))!;
    if (dialect === 'postgres') {
      await db.store.db.connection().execute(async (c) => {
        await sql`SET session_replication_role = replica`.execute(c);
        await sql`DELETE FROM audit_log WHERE id = ${victim.id}`.execute(c);
        await sql`SET session_replication_role = origin`.execute(c);
      });
    } else {
      await sql`DROP TRIGGER audit_log_no_delete`.execute(db.store.db);
      await sql`DELETE FROM audit_log WHERE id = ${victim.id}`.execute(db.store.db);
    }
    const bad = await verifyAuditChain(db.store.db);
    assert.equal(bad.ok, false);
    assert.ok(bad.broken!.id > victim.id);
    const failed = cli();
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /BROKEN/);
  });

  it('refuses UPDATE, DELETE and (on PostgreSQL) TRUNCATE', async () => {
    await assert.rejects(sql`UPDATE audit_log SET actor = 'x'`.execute(db.store.db), /append-only/);
    if (dialect === 'postgres') {
      await assert.rejects(sql`DELETE FROM audit_log`.execute(db.store.db), /append-only/);
      await assert.rejects(sql`TRUNCATE audit_log`.execute(db.store.db), /append-only/);
    } else {
      await sql`CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db.store.db);
      await assert.rejects(sql`DELETE FROM audit_log`.execute(db.store.db), /append-only/);
    }
  });
});

describe('signing keys', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-keys-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates a demo key file with a warning, and refuses to in production', () => {
    const file = path.join(dir, 'token-keys.json');
    const warnings: string[] = [];
    assert.throws(() => loadKeyring({ keyFile: file, production: true }, at.getTime()), /TOKEN_SECRET/);
    const ring = loadKeyring({ keyFile: file, production: false }, at.getTime(), (m) => warnings.push(m));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /demo only/);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(loadKeyring({ keyFile: file, production: false }, at.getTime(), (m) => warnings.push(m)).current.kid, ring.current.kid, 'reused, not regenerated');
    assert.throws(() => loadKeyring({ secret: 'short', keyFile: file, production: true }, at.getTime()), /32 characters/);
  });

  it('rotates: the old key verifies for one token lifetime, then not', () => {
    const file = path.join(dir, 'rotate.json');
    const t0 = at.getTime();
    const before = loadKeyring({ keyFile: file, production: false }, t0, () => {});
    const old = signToken(before, { sub: 'r1', svc: 'health', dev: 'dk_x' }, t0).token;
    rotateKeyFile(file, t0 + 1000);
    const afterRotation = loadKeyring({ keyFile: file, production: false }, t0 + 1000);
    assert.notEqual(afterRotation.current.kid, before.current.kid);
    assert.equal(verifyToken(afterRotation, old, t0 + 60_000)?.sub, 'r1', 'old tokens still work');
    const fresh = signToken(afterRotation, { sub: 'r2', svc: 'health', dev: 'dk_x' }, t0 + 2000);
    assert.equal(verifyToken(afterRotation, fresh.token, t0 + 3000)?.sub, 'r2');
    // A token forged later with the retired key is refused once its lifetime has passed.
    const forged = signToken(new Keyring(before.current), { sub: 'r3', svc: 'health', dev: 'dk_x' }, t0 + TOKEN_TTL_MS + 2000).token;
    assert.equal(verifyToken(afterRotation, forged, t0 + TOKEN_TTL_MS + 3000), null);
  });

  it('keeps resident and staff tokens apart (different derived keys)', () => {
    const ring = new Keyring({ kid: 'k', secret: TEST_TOKEN_SECRET });
    const resident = signToken(ring, { sub: 'r1', svc: 'health', dev: 'd' }, at.getTime()).token;
    const [payload, mac] = resident.split('.');
    const asStaff = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    asStaff.svc = 'staff';
    assert.equal(verifyToken(ring, `${Buffer.from(JSON.stringify(asStaff)).toString('base64url')}.${mac}`, at.getTime()), null);
  });
});

describe('staff:add', () => {
  it('creates the first admin from the command line, password from STAFF_PASSWORD, and logs it', async () => {
    const env = { ...process.env, ...(db.url ? { DATABASE_URL: db.url } : { SQLITE_PATH: db.file }), STAFF_PASSWORD: 'a long admin password' };
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/staff-add.ts', ...args], { env, encoding: 'utf8' });
    const ok = run('--username', 'admin', '--name', '王芳');
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /added admin admin/);
    const row = await db.store.db.selectFrom('staff').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
    assert.equal(row.role, 'admin');
    assert.match(row.password_hash, /^scrypt\$/);
    assert.ok(await db.store.db.selectFrom('audit_log').select('id').where('action', '=', 'staff.add').where('subject', '=', `staff:${row.id}`).executeTakeFirst());
    const refused = run('--username', 'site', '--name', 'x', '--role', 'site-admin');
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /needs a site/);
  });
});
