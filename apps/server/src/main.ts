import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDataStore } from './db/database.js';
import { migrate } from './db/migrations.js';
import { seedIfEmpty } from './db/seed/index.js';

const config = loadConfig();
const store = openDataStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
await migrate(store.db as never, store.dialect);
const seeded = await seedIfEmpty(store, new Date());
const app = await buildApp({ store, config, logger: true });
if (seeded) app.log.info('seeded demo data');
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
