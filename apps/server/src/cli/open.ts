import { loadConfig } from '../config.js';
import { openDataStore, type DataStore } from '../db/database.js';
import { migrate } from '../db/migrations.js';

/** The database the server would use (DATABASE_URL or SQLITE_PATH), migrated. */
export async function openConfigured(): Promise<DataStore> {
  const config = loadConfig();
  const store = openDataStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: 2 });
  await migrate(store.db as never, store.dialect);
  return store;
}
