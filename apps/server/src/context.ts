import type { ServerConfig } from './config.js';
import type { DataStore } from './db/database.js';
import type { Keyring } from './identity/keys.js';
import type { Principal } from './identity/tokens.js';

/** What every route needs: the data store, configuration, the signing keys and a clock tests can move. */
export interface AppContext {
  store: DataStore;
  config: ServerConfig;
  /** Token signing keys (identity/keys.ts), never stored in the database. */
  keys: Keyring;
  now(): Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}
