import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDataStore } from './db/database.js';
import { migrate } from './db/migrations.js';
import { prepareDatabase, StartupRefused } from './startup.js';

const config = loadConfig();
const store = openDataStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
await migrate(store.db as never, store.dialect);
let prepared;
try {
  prepared = await prepareDatabase(store, config, new Date());
} catch (error) {
  if (!(error instanceof StartupRefused)) throw error;
  console.error(error.message);
  await store.close();
  process.exit(1);
}
const app = await buildApp({ store, config, logger: true });
if (prepared.seeded) app.log.info('seeded demo data');
if (prepared.rebasedDays) app.log.info({ days: prepared.rebasedDays }, 're-based the demo data to today');
if (prepared.enrollments.length) {
  // The demo kiosks' one-time enrollment links (valid 24 h): open one on a kiosk to enroll it.
  console.log('\nDemo kiosks: open one link per kiosk to enroll it (single use, valid 24 h):');
  for (const e of prepared.enrollments) console.log(`  ${e.siteId.padEnd(20)} ${e.url}`);
  console.log('');
}
app.log.info({ database: store.dialect === 'postgres' ? 'postgres' : config.sqlitePath }, 'database ready');

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await store.close();
  process.exit(0);
};
process.once('SIGINT', (s) => void shutdown(s));
process.once('SIGTERM', (s) => void shutdown(s));

await app.listen({ port: config.port, host: config.host });
