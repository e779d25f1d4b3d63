import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { addStaff, staffProblems, type StaffRole } from '../staff/accounts.js';
import { openConfigured } from './open.js';

/**
 * `pnpm --filter @civic-kiosk/server staff:add -- --username admin --name "Li Wei" [--role admin|site-admin] [--site <siteId>]`
 * The password comes from STAFF_PASSWORD or is asked for (never a command-line argument: it would sit in the shell history).
 */
const { values } = parseArgs({
  // `pnpm staff:add -- --username …` may hand the script the `--` itself.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' }, site: { type: 'string' } },
});
if (!values.username || !values.name || (values.role !== 'admin' && values.role !== 'site-admin')) {
  console.error('usage: staff:add --username <name> --name <full name> [--role admin|site-admin] [--site <siteId>]  (password from STAFF_PASSWORD or asked)');
  process.exit(2);
}
let password = process.env.STAFF_PASSWORD ?? '';
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('password (at least 12 characters): ');
  rl.close();
}
const role: StaffRole = values.role === 'site-admin' ? 'site-admin' : 'admin';
const account = { username: values.username, name: values.name, role, siteId: values.site ?? null, password };
const problems = staffProblems(account);
if (problems.length) {
  console.error(`not added: ${problems.join('; ')}`);
  process.exit(2);
}
const store = await openConfigured();
try {
  const id = await addStaff(store.db, account, 'cli:staff:add', new Date());
  console.log(`added ${account.role} ${account.username} (${id})${account.siteId ? ` for site ${account.siteId}` : ''}`);
} finally {
  await store.close();
}
