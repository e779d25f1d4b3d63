import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { audit } from '../http/audit.js';
import { hashPin } from '../identity/pin.js';

export type StaffRole = 'admin' | 'site-admin';

export interface NewStaff {
  username: string;
  name: string;
  role: StaffRole;
  /** Required for `site-admin`, refused for `admin` (an admin has every site). */
  siteId?: string | null;
  password: string;
}

export const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;
export const MIN_PASSWORD = 12;

/** Problems with a new staff account, in English (the CLI prints them); empty when it is fine. */
export function staffProblems(s: NewStaff): string[] {
  const out: string[] = [];
  if (!USERNAME.test(s.username)) out.push('the username must be 3-32 lower-case letters, digits, ".", "_" or "-", starting with a letter');
  if (!s.name.trim()) out.push('the name is empty');
  if (s.password.length < MIN_PASSWORD) out.push(`the password needs at least ${MIN_PASSWORD} characters`);
  if (s.role === 'site-admin' && !s.siteId) out.push('a site-admin needs a site (--site <siteId>)');
  if (s.role === 'admin' && s.siteId) out.push('an admin has every site: leave out --site');
  return out;
}

/** Creates a staff account (password hashed with scrypt, like PINs) and logs it. */
export async function addStaff(db: Db, s: NewStaff, actor: string, now: Date): Promise<string> {
  const problems = staffProblems(s);
  if (problems.length) throw new Error(problems.join('; '));
  if (s.siteId && !(await db.selectFrom('sites').select('id').where('id', '=', s.siteId).executeTakeFirst())) throw new Error(`no site ${s.siteId}`);
  const id = `staff-${randomBytes(6).toString('hex')}`;
  await db
    .insertInto('staff')
    .values({ id, username: s.username, name: s.name, role: s.role, site_id: s.siteId ?? null, password_hash: await hashPin(s.password), failed_pins: 0, created_at: now.toISOString() })
    .execute();
  await audit(db, { at: now, actor, action: 'staff.add', subject: `staff:${id}`, detail: { username: s.username, role: s.role, siteId: s.siteId ?? null } });
  return id;
}
