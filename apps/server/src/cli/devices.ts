import { loadConfig } from '../config.js';
import { openDataStore } from '../db/database.js';
import { migrate } from '../db/migrations.js';
import { createEnrollmentCode, listDevices, revokeDevice } from '../http/device.js';

/**
 * Fleet administration on the server's own database (DATABASE_URL or SQLITE_PATH):
 *   device:add <siteId>      a one-time enrollment code; the LAST line printed is the enrollment URL
 *   device:list              every device, its site, enrollment, revocation and last heartbeat
 *   device:revoke <deviceId> the credential stops working at once, on every instance
 */
const [command, arg] = process.argv.slice(2);
const config = loadConfig();
const store = openDataStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
let code = 0;
try {
  await migrate(store.db as never, store.dialect);
  const now = Date.now();
  if (command === 'add' && arg) {
    const out = await createEnrollmentCode(store.db, arg, now, config.publicUrl);
    console.log(`Enrollment code for site ${arg}: ${out.code}`);
    console.log(`Single use, valid until ${out.expiresAt}. Open this on the kiosk:`);
    console.log(out.url);
  } else if (command === 'list') {
    const rows = await listDevices(store.db);
    if (rows.length === 0) console.log('No devices enrolled.');
    else console.table(rows);
  } else if (command === 'revoke' && arg) {
    if (await revokeDevice(store.db, arg, now)) console.log(`Revoked ${arg}: its credential is refused from now on.`);
    else {
      console.error(`No live device "${arg}" (unknown or already revoked).`);
      code = 1;
    }
  } else {
    console.error('usage: device:add <siteId> | device:list | device:revoke <deviceId>');
    code = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  code = 1;
} finally {
  await store.close();
}
process.exit(code);
