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
  /** `NODE_ENV=production`: no demo credentials, no demo seed, no generated signing key (the server refuses to start with any). */
  production: boolean;
  /** The fixed demo credentials `ckd_demo-<siteId>.demo-secret` are accepted (DEMO_DEVICES=1, the default outside production). */
  demoDevices: boolean;
  /** Where kiosks open the app; enrollment URLs are `${publicUrl}/?enroll=<code>`. */
  publicUrl: string;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS, comma-separated); none by default. */
  corsOrigins: string[];
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
  logLevel: string;
  /** How long `GET /api/stations` may serve its in-memory copy before re-checking the database (0: check on every request). */
  stationsMaxStaleMs: number;
  /** The library service (issue 12): its own catalogue, or a SIP2 library system. */
  library: LibraryConfig;
}

/** LIBRARY_* and SIP2_* (branch library-server). */
export interface LibraryConfig {
  /** LIBRARY_OVERDUE_RENEWAL: an overdue loan's renewal is refused (default) or renewed with the late fine charged. */
  overdueRenewal: 'refuse' | 'charge';
  /** LIBRARY_SCAN_ALONE_SIGNIN=1: a card scan alone signs a patron in at every site (a site's own policy row wins). Default: PIN required. */
  scanAloneSignin: boolean;
  /** LIBRARY_SIP2=<host>:<port> selects the SIP2 gateway instead of the own catalogue. */
  sip2: Sip2Config | null;
}

export interface Sip2Config {
  host: string;
  port: number;
  /** SIP2_USER / SIP2_PASSWORD: the login (93) of the self-check account (CN / CO). */
  user: string;
  password: string;
  /** SIP2_INSTITUTION (AO) and SIP2_LOCATION (CP, the login's location code). */
  institution: string;
  location: string;
  /** SIP2_POOL_SIZE: connections kept open to the ACS (default 2). */
  poolSize: number;
  /** SIP2_TIMEOUT_MS: how long to wait for one answer (default 5000). */
  timeoutMs: number;
  /** SIP2_RETRIES: resends after a 96 or a timeout before giving up (default 3; the ACS's own limit from 98 wins when lower). */
  retries: number;
  /** SIP2_CHECKSUMS=0 turns error detection (AY/AZ) off for an ACS that has it off; on by default. */
  checksums: boolean;
  /** SIP2_TIME_ZONE: the zone of dates the ACS sends with a blank zone (its local time); default Asia/Shanghai. */
  timeZone: string;
}

function sip2Config(env: NodeJS.ProcessEnv): Sip2Config | null {
  const target = env.LIBRARY_SIP2?.trim();
  if (!target) return null;
  const m = /^(.+):(\d{1,5})$/.exec(target);
  if (!m) throw new Error(`LIBRARY_SIP2 must be <host>:<port>, got "${target}"`);
  return {
    host: m[1]!.replace(/^\[(.*)\]$/, '$1'),
    port: Number(m[2]),
    user: env.SIP2_USER ?? '',
    password: env.SIP2_PASSWORD ?? '',
    institution: env.SIP2_INSTITUTION ?? '',
    location: env.SIP2_LOCATION ?? '',
    poolSize: Math.max(1, Number(env.SIP2_POOL_SIZE ?? 2) || 2),
    timeoutMs: Math.max(100, Number(env.SIP2_TIMEOUT_MS ?? 5000) || 5000),
    retries: Math.max(0, Number(env.SIP2_RETRIES ?? 3)),
    checksums: env.SIP2_CHECKSUMS !== '0',
    timeZone: env.SIP2_TIME_ZONE?.trim() || 'Asia/Shanghai',
  };
}

export function loadLibraryConfig(env: NodeJS.ProcessEnv): LibraryConfig {
  return {
    overdueRenewal: env.LIBRARY_OVERDUE_RENEWAL === 'charge' ? 'charge' : 'refuse',
    scanAloneSignin: env.LIBRARY_SCAN_ALONE_SIGNIN === '1',
    sip2: sip2Config(env),
  };
}

/** The documented demo credential of a demo site (accepted only outside production with DEMO_DEVICES=1). */
export const demoCredential = (siteId: string) => `ckd_demo-${siteId}.demo-secret`;
export const DEMO_SECRET = 'demo-secret';
/** The demo credential of the village hall, the site the tests and the demo use most. */
export const DEMO_DEVICE_KEY = demoCredential('xikou-hall');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const url = env.DATABASE_URL?.trim();
  const production = env.NODE_ENV === 'production';
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: url && /^postgres(ql)?:\/\//.test(url) ? url : undefined,
    sqlitePath: path.resolve(env.SQLITE_PATH ?? './data/kiosk.sqlite'),
    staticDir: env.STATIC_DIR ? path.resolve(env.STATIC_DIR) : undefined,
    frameAncestors: env.FRAME_ANCESTORS?.trim() || "'self'",
    production,
    demoDevices: (env.DEMO_DEVICES ?? (production ? '0' : '1')) === '1',
    publicUrl: (env.PUBLIC_URL?.trim() || `http://localhost:${Number(env.PORT ?? 8080)}`).replace(/\/+$/, ''),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? 600),
    tokenSecret: env.TOKEN_SECRET || undefined,
    tokenSecretPrevious: env.TOKEN_SECRET_PREVIOUS || undefined,
    tokenSecretFile: env.TOKEN_SECRET_FILE ? path.resolve(env.TOKEN_SECRET_FILE) : undefined,
    tokenKeyFile: path.resolve(env.TOKEN_KEY_FILE ?? './data/token-keys.json'),
    logLevel: env.LOG_LEVEL ?? 'info',
    stationsMaxStaleMs: Number(env.STATIONS_MAX_STALE_MS ?? 1000),
    library: loadLibraryConfig(env),
  };
}
