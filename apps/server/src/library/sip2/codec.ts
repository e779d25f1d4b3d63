/**
 * 3M SIP2 2.00 framing: a message is a two-digit code, fixed-length fields, then variable fields
 * `<two-letter id><value>|`, and with error detection on, `AY<sequence 0-9>AZ<checksum>` before the
 * carriage return that ends it. Pure functions, no I/O: the connection, the fake ACS of the tests and
 * the benchmarks all frame through these.
 */

export const CR = 0x0d;

/**
 * The checksum of SIP2 error detection: the bytes of the message up to and including "AZ", summed
 * into 16 bits, two's complement, as four upper-case hex digits. Computed over the bytes on the wire
 * (UTF-8 here), so a title with Chinese characters checks the same on both ends.
 */
export function checksum(bytes: Uint8Array): string {
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xffff;
  return ((-sum) & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Appends `AY<seq>AZ<checksum>` (or, for 96/97, only `AZ<checksum>`: they never carry a sequence number) and the CR. */
export function frame(body: string, sequence: number | null, withChecksum: boolean): Buffer {
  if (!withChecksum) return Buffer.from(`${body}\r`, 'utf8');
  const head = sequence === null ? `${body}AZ` : `${body}AY${sequence % 10}AZ`;
  return Buffer.from(`${head}${checksum(utf8(head))}\r`, 'utf8');
}

/** A field value may not contain the field separator or the terminator: both become a space. */
export function clean(value: string): string {
  return value.replace(/[|\r\n]/g, ' ');
}

/** `<id><value>|` for each field; undefined values are left out (optional fields). */
export function fields(list: [string, string | undefined][]): string {
  return list
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([id, value]) => `${id}${clean(value)}|`)
    .join('');
}

/**
 * SIP2 dates: 18 characters, YYYYMMDDZZZZHHMMSS. ZZZZ is the time zone: four blanks for the ACS's local
 * time, or right-justified `   Z` for UTC. The gateway always sends UTC.
 */
export function sipDate(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}   Z${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
}

/**
 * Reads an 18-character SIP2 date. `   Z` (or `000Z`, as some systems send) is UTC; blanks are the ACS's
 * local time, read in `localZone` (an IANA zone, default Asia/Shanghai for this deployment) — other
 * zone codes are read as UTC. Systems also send due dates as free text in AH; `parseLooseDate` takes those.
 */
export function parseSipDate(text: string, localZone = 'Asia/Shanghai'): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(.{4})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, zone, h, mi, s] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(utc)) return null;
  if (zone!.trim() === '') return new Date(utc - zoneOffsetMs(localZone, utc));
  return new Date(utc);
}

/** The offset of an IANA zone from UTC at (about) an instant, in ms. */
function zoneOffsetMs(zone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000;
}

/** Due dates in AH are "a date" in any format the ACS likes: the SIP2 form, ISO 8601, or `YYYY-MM-DD`. */
export function parseLooseDate(text: string, localZone = 'Asia/Shanghai'): Date | null {
  const t = text.trim();
  if (!t) return null;
  const sip = parseSipDate(t, localZone);
  if (sip) return sip;
  const ymd = /^(\d{4})-?(\d{2})-?(\d{2})(?:[ T](\d{2}):?(\d{2})(?::?(\d{2}))?)?$/.exec(t);
  if (ymd) {
    const [, y, mo, d, h = '23', mi = '59', s = '59'] = ymd;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    return new Date(utc - zoneOffsetMs(localZone, utc));
  }
  const parsed = Date.parse(t);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

/** Fees (BV, CC): a decimal amount in the currency of BH, e.g. "12.50"; as integer cents, or null when unreadable. */
export function parseFeeCents(text: string | undefined): number | null {
  if (text === undefined) return null;
  const m = /^\s*(-?)(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

export const yes = (flag: string | undefined): boolean => flag === 'Y' || flag === '1';

export interface ParsedMessage {
  code: string;
  /** The fixed-length part after the code, cut by the message's layout (`FIXED` below). */
  fixed: Record<string, string>;
  /** Variable fields by id; repeatable ones (AF, AG, AS, AU, BM, …) keep every value in order. */
  fields: Map<string, string[]>;
  sequence: number | null;
  /** null: the message carried no checksum. */
  checksumOk: boolean | null;
}

export class Sip2ParseError extends Error {}

/** The fixed-length fields of each message the gateway reads or (in the fake ACS) receives: [name, length]. */
export const FIXED: Record<string, [string, number][]> = {
  // ACS → SC
  '94': [['ok', 1]],
  '98': [['online', 1], ['checkinOk', 1], ['checkoutOk', 1], ['renewalPolicy', 1], ['statusUpdateOk', 1], ['offlineOk', 1], ['timeout', 3], ['retries', 3], ['dateTime', 18], ['version', 4]],
  '24': [['patronStatus', 14], ['language', 3], ['date', 18]],
  '64': [['patronStatus', 14], ['language', 3], ['date', 18], ['holdCount', 4], ['overdueCount', 4], ['chargedCount', 4], ['fineCount', 4], ['recallCount', 4], ['unavailableHoldsCount', 4]],
  '18': [['circulationStatus', 2], ['securityMarker', 2], ['feeType', 2], ['date', 18]],
  '12': [['ok', 1], ['renewalOk', 1], ['magneticMedia', 1], ['desensitize', 1], ['date', 18]],
  '10': [['ok', 1], ['resensitize', 1], ['magneticMedia', 1], ['alert', 1], ['date', 18]],
  '30': [['ok', 1], ['renewalOk', 1], ['magneticMedia', 1], ['desensitize', 1], ['date', 18]],
  '66': [['ok', 1], ['renewedCount', 4], ['unrenewedCount', 4], ['date', 18]],
  '16': [['ok', 1], ['available', 1], ['date', 18]],
  '36': [['endSession', 1], ['date', 18]],
  '96': [],
  '97': [],
  // SC → ACS
  '93': [['uidAlgorithm', 1], ['pwdAlgorithm', 1]],
  '99': [['statusCode', 1], ['maxPrintWidth', 3], ['version', 4]],
  '23': [['language', 3], ['date', 18]],
  '63': [['language', 3], ['date', 18], ['summary', 10]],
  '17': [['date', 18]],
  '11': [['scRenewalPolicy', 1], ['noBlock', 1], ['date', 18], ['nbDueDate', 18]],
  '09': [['noBlock', 1], ['date', 18], ['returnDate', 18]],
  '29': [['thirdPartyAllowed', 1], ['noBlock', 1], ['date', 18], ['nbDueDate', 18]],
  '65': [['date', 18]],
  '15': [['holdMode', 1], ['date', 18]],
  '35': [['date', 18]],
};

/**
 * Parses one message (without its CR). Fixed fields are cut by length in characters; a message too
 * short for its layout, an unknown code or a field without a two-letter id is a Sip2ParseError.
 */
export function parse(raw: Buffer | string): ParsedMessage {
  let text: string;
  if (typeof raw === 'string') {
    text = raw;
  } else {
    try {
      text = decoder.decode(raw);
    } catch {
      throw new Sip2ParseError('not UTF-8');
    }
  }
  text = text.replace(/[\r\n]+$/, '');
  let sequence: number | null = null;
  let checksumOk: boolean | null = null;
  const tail = /(?:AY(\d))?AZ([0-9A-Fa-f]{4})$/.exec(text);
  if (tail) {
    const upTo = utf8(text.slice(0, tail.index + (tail[0].length - 4)));
    checksumOk = checksum(upTo) === tail[2]!.toUpperCase();
    sequence = tail[1] === undefined ? null : Number(tail[1]);
    text = text.slice(0, tail.index);
  } else {
    const seq = /AY(\d)$/.exec(text);
    if (seq) {
      sequence = Number(seq[1]);
      text = text.slice(0, seq.index);
    }
  }
  const code = text.slice(0, 2);
  const layout = FIXED[code];
  if (!layout) throw new Sip2ParseError(`unknown message ${JSON.stringify(code)}`);
  const chars = [...text];
  let at = 2;
  const fixed: Record<string, string> = {};
  for (const [name, length] of layout) {
    if (at + length > chars.length) throw new Sip2ParseError(`message ${code} too short for ${name}`);
    fixed[name] = chars.slice(at, at + length).join('');
    at += length;
  }
  const rest = chars.slice(at).join('');
  const map = new Map<string, string[]>();
  if (rest.length) {
    const parts = rest.split('|');
    // A message ends with "|" after its last field; tolerate an ACS that leaves the last one open.
    if (parts[parts.length - 1] === '') parts.pop();
    for (const part of parts) {
      if (!/^[A-Z]{2}/.test(part)) throw new Sip2ParseError(`message ${code}: bad field ${JSON.stringify(part.slice(0, 8))}`);
      const id = part.slice(0, 2);
      const list = map.get(id) ?? [];
      list.push(part.slice(2));
      map.set(id, list);
    }
  }
  return { code, fixed, fields: map, sequence, checksumOk };
}

export const field = (m: ParsedMessage, id: string): string | undefined => m.fields.get(id)?.[0];
export const fieldAll = (m: ParsedMessage, id: string): string[] => m.fields.get(id) ?? [];

/**
 * Cuts a byte stream into messages at CR. Works on bytes, not text, so a multi-byte UTF-8 character
 * split across two TCP segments is joined before it is decoded. LF after CR (some ACSs send CRLF) is dropped.
 */
export class FrameSplitter {
  private pending: Buffer = Buffer.alloc(0);
  constructor(private readonly maxBytes = 64 * 1024) {}

  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < this.pending.length; i += 1) {
      if (this.pending[i] !== CR) continue;
      let from = start;
      while (from < i && this.pending[from] === 0x0a) from += 1;
      if (i > from) out.push(this.pending.subarray(from, i));
      start = i + 1;
    }
    this.pending = this.pending.subarray(start);
    if (this.pending.length > this.maxBytes) throw new Sip2ParseError('message longer than the limit');
    return out;
  }

  reset(): void {
    this.pending = Buffer.alloc(0);
  }
}
