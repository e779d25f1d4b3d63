import type { ServerConfig } from './config.js';
import type { DataStore } from './db/database.js';
import type { Principal } from './identity/tokens.js';

/** What every route needs: the data store, configuration, the token secret and a clock tests can move. */
export interface AppContext {
  store: DataStore;
  config: ServerConfig;
  tokenSecret: string;
  now(): Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    principal: Principal | null;
    deviceKey: string | null;
  }
  interface FastifyContextConfig {
    /** Marks routes that only a registered kiosk may call. */
    device?: boolean;
  }
}
