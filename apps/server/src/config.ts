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
  /** TOKEN_SECRET: the token signing key (at least 32 characters); the same on every instance of a fleet. */
  tokenSecret: string | undefined;
  /** TOKEN_SECRET_PREVIOUS: the key before a rotation; verifies for one token lifetime after start. */
  tokenSecretPrevious: string | undefined;
  /** TOKEN_SECRET_FILE: a file with the secret, or a key file kept by `keys:rotate`. */
  tokenSecretFile: string | undefined;
  /** Where the demo generates its key when none is configured (TOKEN_KEY_FILE, default ./data/token-keys.json). */
  tokenKeyFile: string;
  /** NODE_ENV=production: no key is ever generated. */
  production: boolean;
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
    tokenSecretPrevious: env.TOKEN_SECRET_PREVIOUS || undefined,
    tokenSecretFile: env.TOKEN_SECRET_FILE ? path.resolve(env.TOKEN_SECRET_FILE) : undefined,
    tokenKeyFile: path.resolve(env.TOKEN_KEY_FILE ?? './data/token-keys.json'),
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? 'info',
    stationsMaxStaleMs: Number(env.STATIONS_MAX_STALE_MS ?? 1000),
  };
}
