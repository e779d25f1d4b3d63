import path from 'node:path';

/** Everything the server reads from its environment, resolved once at start. */
export interface ServerConfig {
  port: number;
  host: string;
  /** `postgres://...` selects PostgreSQL; otherwise SQLite at {@link sqlitePath}. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  staticDir: string | undefined;
  frameAncestors: string;
  deviceKeys: string[];
  /** Requests per minute per kiosk (or per address when no device key is sent). */
  rateLimitPerMinute: number;
  /** Overrides the token-signing secret kept in the database (set it the same on every fleet instance if you prefer env). */
  tokenSecret: string | undefined;
  logLevel: string;
  /** How long `GET /api/stations` may serve its in-memory copy before re-checking the database (0: check on every request). */
  stationsMaxStaleMs: number;
}

/** The key accepted in development when DEVICE_KEYS is unset; documented in the README. */
export const DEMO_DEVICE_KEY = 'demo-kiosk-key';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const url = env.DATABASE_URL?.trim();
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: url && /^postgres(ql)?:\/\//.test(url) ? url : undefined,
    sqlitePath: path.resolve(env.SQLITE_PATH ?? './data/kiosk.sqlite'),
    staticDir: env.STATIC_DIR ? path.resolve(env.STATIC_DIR) : undefined,
    frameAncestors: env.FRAME_ANCESTORS?.trim() || "'self'",
    deviceKeys: (env.DEVICE_KEYS ?? DEMO_DEVICE_KEY)
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? 600),
    tokenSecret: env.TOKEN_SECRET || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    stationsMaxStaleMs: Number(env.STATIONS_MAX_STALE_MS ?? 1000),
  };
}
