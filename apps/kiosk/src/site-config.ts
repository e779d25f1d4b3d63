// The site configuration the server sends (GET /api/kiosk/sites/:id), checked
// before anything is drawn from it, and the kiosk settings read from the URL.
// Pure: no DOM, no fetch, so both are tested in plain Node.

/** Every service a site may offer. Only some are built yet (see services.ts). */
export const SERVICE_IDS = ['stations', 'deliberation', 'health', 'library'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export type KioskLocale = 'zh-CN' | 'en';

export interface SiteConfig {
  id: string;
  name: { 'zh-CN': string; en: string };
  /** WGS-84. */
  position: { lat: number; lon: number };
  /** Offered services, in the site's order; unknown names are dropped. */
  services: ServiceId[];
  /** "One station, one official": who answers for this site, and how to call them. */
  official: { name: string; phone: string };
  /** "Take it with you" for the health record (GET /api/kiosk/site's healthTakeAway); none when absent. */
  healthTakeAway: TakeAway;
  /** The library's receipt at the end of a visit; a QR code when the site says nothing. */
  libraryReceipt: TakeAway;
  /** Language a new visitor is greeted in. The server may send it; zh-CN otherwise. */
  defaultLocale: KioskLocale;
  /** Whether a new visitor starts in elder mode. */
  defaultElder: boolean;
  /** Seconds without touch before the kiosk resets, when the site sets it. */
  idleSeconds?: number;
  /** IANA time zone for opening hours. */
  timeZone: string;
}

export type ParseResult = { ok: true; config: SiteConfig } | { ok: false; problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, max = 200): value is string => typeof value === 'string' && value.trim().length > 0 && value.length <= max;
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Checks a site configuration. Anything the kiosk cannot run on (no name, no
 * position, services that are not a list, ...) is refused with the reason, so
 * the kiosk shows its out-of-service screen instead of half a home screen.
 */
export function parseSiteConfig(data: unknown): ParseResult {
  const fail = (problem: string): ParseResult => ({ ok: false, problem });
  if (!isRecord(data)) return fail('not an object');
  const { id, name, position, services, official } = data;
  if (!text(id, 64)) return fail('id missing');
  if (!isRecord(name) || !text(name['zh-CN']) || !text(name.en)) return fail('name missing (zh-CN and en)');
  if (!isRecord(position) || !finite(position.lat) || !finite(position.lon)) return fail('position missing');
  if (Math.abs(position.lat) > 90 || Math.abs(position.lon) > 180) return fail('position out of range');
  if (!Array.isArray(services) || !services.every((s) => typeof s === 'string')) return fail('services is not a list of names');
  if (!isRecord(official) || !text(official.name, 100) || !text(official.phone, 40)) return fail('responsible official missing');

  const known = new Set<string>(SERVICE_IDS);
  const offered = [...new Set(services)].filter((s): s is ServiceId => known.has(s));
  const locale = data.defaultLocale ?? data.locale;
  const idle = data.idleSeconds;
  const timeZone = data.timeZone;
  return {
    ok: true,
    config: {
      id: id.trim(),
      name: { 'zh-CN': name['zh-CN'].trim(), en: name.en.trim() },
      position: { lat: position.lat, lon: position.lon },
      services: offered,
      official: { name: official.name.trim(), phone: official.phone.trim() },
      defaultLocale: locale === 'en' ? 'en' : 'zh-CN',
      defaultElder: data.elder === true || data.defaultTheme === 'elder',
      idleSeconds: finite(idle) && idle >= 10 && idle <= 3600 ? idle : undefined,
      timeZone: text(timeZone, 64) && /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(timeZone) ? timeZone : 'Asia/Shanghai',
      healthTakeAway: takeAway(data.healthTakeAway, 'none'),
      libraryReceipt: takeAway(data.libraryReceipt, 'qr'),
    },
  };
}

/** How a visitor takes a record or receipt home, a site setting; anything else is the default. */
export type TakeAway = 'print' | 'qr' | 'none';
function takeAway(value: unknown, fallback: TakeAway): TakeAway {
  return value === 'print' || value === 'qr' || value === 'none' ? value : fallback;
}

export const DEFAULT_IDLE_SECONDS = 90;

/**
 * Settings a kiosk is started with, from its URL (set once by whoever installs it).
 * Which site it is comes from its enrolled device credential, never from the URL.
 */
export interface KioskSettings {
  /** `?idle=SECONDS` overrides the site's (or the default 90 s) idle timeout. */
  idleSeconds: number | undefined;
  /** `?warn=SECONDS`: how long the "still there?" countdown lasts. */
  warningSeconds: number | undefined;
  /** `?lang=en` / `?elder=1` override the site's defaults for a new visitor. */
  locale: KioskLocale | undefined;
  elder: boolean | undefined;
  /** `?service=stations` opens a service at start (demos, screenshots). */
  service: string | undefined;
  /** `?timeout=SECONDS`: how long the site configuration may take. */
  requestTimeoutMs: number;
  /** `?heartbeat=SECONDS`: how often the kiosk reports it is alive. */
  heartbeatMs: number;
  /** `?attract=SECONDS`: how long an untouched home screen waits before the attract screen. */
  attractSeconds: number | undefined;
}

function seconds(value: string | null, min: number, max: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

export function readSettings(search: string): KioskSettings {
  const q = new URLSearchParams(search);
  const lang = q.get('lang');
  const elder = q.get('elder');
  return {
    idleSeconds: seconds(q.get('idle'), 2, 3600),
    warningSeconds: seconds(q.get('warn'), 1, 120),
    locale: lang === 'en' || lang === 'zh-CN' ? lang : undefined,
    elder: elder === null ? undefined : elder === '1' || elder === 'true',
    service: q.get('service') ?? undefined,
    requestTimeoutMs: (seconds(q.get('timeout'), 1, 60) ?? 8) * 1000,
    heartbeatMs: (seconds(q.get('heartbeat'), 5, 3600) ?? 60) * 1000,
    attractSeconds: seconds(q.get('attract'), 2, 3600),
  };
}

/** Idle timeout and warning: the URL wins, then the site, then 90 s; the warning is 15 s or a third of a short timeout. */
export function idleTiming(settings: Pick<KioskSettings, 'idleSeconds' | 'warningSeconds'>, site?: Pick<SiteConfig, 'idleSeconds'>): { timeoutMs: number; warningMs: number } {
  const timeoutMs = (settings.idleSeconds ?? site?.idleSeconds ?? DEFAULT_IDLE_SECONDS) * 1000;
  const warningMs = Math.min(settings.warningSeconds !== undefined ? settings.warningSeconds * 1000 : Math.min(15_000, timeoutMs / 3), timeoutMs);
  return { timeoutMs, warningMs };
}

/** The attract screen follows two minutes of an untouched home screen, unless the URL says otherwise. */
export function attractDelayMs(settings: Pick<KioskSettings, 'attractSeconds'>): number {
  return (settings.attractSeconds ?? 120) * 1000;
}

/** Waits between retries while out of service: 1, 2, 4, 8 s, then every 15 s. */
export function retryDelayMs(attempt: number, baseMs = 1000, capMs = 15_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 20)));
}
