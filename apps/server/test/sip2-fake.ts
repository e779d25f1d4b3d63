/**
 * A fake ACS (library system) speaking 3M SIP2 2.00 over TCP, for the gateway's tests, the benchmark and
 * the kiosk's end-to-end run (`pnpm --filter @civic-kiosk/server sip2:fake`). Written from the
 * specification, apart from the client: its own framing, checksum and field parsing, so a mistake in
 * the client's reading of the spec is not mirrored here. Its books and patrons are the demo seed's.
 *
 * Faults on demand (`fake.faults`): answers with a bad checksum or the wrong sequence number, answers
 * cut into one-byte TCP segments, a 96 (resend) instead of an answer, garbage, and an ACS that applies
 * a request and then never answers it (the "stopped mid-checkout" case).
 */
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { seedLibrary } from '../src/db/seed/library.js';

const DAY = 86_400_000;

interface FakeItem { barcode: string; title: string; loanable: boolean; charged: string | null; due: Date | null; holds: string[]; readyFor: string | null; renewals: number }
interface FakePatron { id: string; pin: string; name: string; expires: string; fineCents: number; fines: string[]; overdue: boolean; maxLoans: number }

export interface Faults {
  /** The next n answers carry a wrong checksum. */
  badChecksum: number;
  /** The next n answers carry the wrong sequence number. */
  wrongSequence: number;
  /** The next n requests are answered with 96 (please resend) instead. */
  askResend: number;
  /** The next n answers are garbage (no valid message). */
  garbage: number;
  /** Answers are written one byte per TCP segment. */
  split: boolean;
  /** Requests with these codes are carried out but never answered, once each. */
  applyThenSilence: Set<string>;
  /** Requests with these codes are lost on the way in (neither carried out nor answered), once each. */
  swallow: Set<string>;
  /** Nothing at all is answered (a hung ACS). */
  silent: boolean;
}

export interface FakeAcs {
  port: number;
  faults: Faults;
  /** Every message received, as sent (without the CR). */
  received: string[];
  items: Map<string, FakeItem>;
  patrons: Map<string, FakePatron>;
  logins: number;
  close(): Promise<void>;
}

/** Sum of the bytes up to and including "AZ", two's complement, 16 bits, four upper-case hex digits (spec, "Error detection"). */
function sum16(text: string): string {
  let s = 0;
  for (const b of Buffer.from(text, 'utf8')) s += b;
  return ((0x10000 - (s & 0xffff)) & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

function d18(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}   Z${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** Variable fields of a request: after the fixed part, `XXvalue|`… up to the AY/AZ trailer. */
function varFields(text: string, fixedLength: number): Record<string, string> {
  const out: Record<string, string> = {};
  let rest = text.slice(fixedLength);
  rest = rest.replace(/AY\dAZ[0-9A-F]{4}$/, '').replace(/AZ[0-9A-F]{4}$/, '');
  for (const part of rest.split('|')) if (part.length >= 2) out[part.slice(0, 2)] ??= part.slice(2);
  return out;
}

/** Fixed-part length of each request, from the spec's message layouts (code included). */
const REQUEST_FIXED: Record<string, number> = { '93': 4, '99': 10, '23': 23, '63': 33, '17': 20, '11': 40, '09': 39, '29': 40, '65': 20, '15': 21, '35': 20 };

export function demoData(now = new Date()): { items: Map<string, FakeItem>; patrons: Map<string, FakePatron> } {
  const seed = seedLibrary(now);
  const items = new Map<string, FakeItem>();
  const byId = new Map<string, FakeItem>();
  for (const i of seed.items) {
    const item: FakeItem = { barcode: i.barcode, title: i.title_zh === i.title_en ? i.title_zh : `${i.title_zh} ${i.title_en}`, loanable: i.loanable === 1, charged: null, due: null, holds: [], readyFor: null, renewals: 0 };
    items.set(i.barcode, item);
    byId.set(i.id, item);
  }
  const patrons = new Map<string, FakePatron>();
  const cardOf = new Map<string, string>();
  for (const p of seed.patrons) {
    cardOf.set(p.id, p.card_number);
    patrons.set(p.card_number, { id: p.card_number, pin: '123456', name: p.name, expires: p.expires_on, fineCents: 0, fines: [], overdue: false, maxLoans: p.max_loans });
  }
  for (const l of seed.loans) {
    const item = byId.get(l.item_id)!;
    item.charged = cardOf.get(l.patron_id)!;
    item.due = new Date(l.due_at);
    if (item.due.getTime() < now.getTime()) patrons.get(item.charged)!.overdue = true;
  }
  for (const h of seed.holds) {
    const item = byId.get(h.item_id)!;
    if (h.status === 'ready') item.readyFor = cardOf.get(h.patron_id)!;
    else item.holds.push(cardOf.get(h.patron_id)!);
  }
  for (const f of seed.fines) {
    const p = patrons.get(cardOf.get(f.patron_id)!)!;
    p.fineCents += f.amount_cents;
    p.fines.push(`${(f.amount_cents / 100).toFixed(2)} ${f.reason}`);
  }
  return { items, patrons };
}

export async function startFakeAcs(options: { port?: number; host?: string; user?: string; password?: string; now?: () => Date } = {}): Promise<FakeAcs> {
  const now = options.now ?? (() => new Date());
  const { items, patrons } = demoData(now());
  const faults: Faults = { badChecksum: 0, wrongSequence: 0, askResend: 0, garbage: 0, split: false, applyThenSilence: new Set(), swallow: new Set(), silent: false };
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const state = { logins: 0 };

  const patronStatus = (p: FakePatron | undefined): string => {
    if (!p) return 'YYYY          ';
    const expired = Date.parse(`${p.expires}T23:59:59Z`) < now().getTime();
    const loans = [...items.values()].filter((i) => i.charged === p.id).length;
    const flags = Array(14).fill(' ');
    if (expired || p.overdue || p.fineCents > 1000) flags[0] = 'Y';
    if (loans >= p.maxLoans) flags[5] = 'Y';
    if (p.overdue) flags[6] = 'Y';
    if (p.fineCents > 1000) flags[10] = 'Y';
    return flags.join('');
  };
  const money = (cents: number) => (cents / 100).toFixed(2);

  /** The answer body (without AY/AZ) to one request, or null to stay silent. */
  function answer(code: string, text: string): string {
    const at = d18(now());
    const f = varFields(text, REQUEST_FIXED[code] ?? 2);
    const patron = f.AA !== undefined ? patrons.get(f.AA) : undefined;
    const item = f.AB !== undefined ? items.get(f.AB) : undefined;
    const inst = `AO${f.AO ?? ''}|`;
    switch (code) {
      case '93': {
        const ok = (options.user === undefined || f.CN === options.user) && (options.password === undefined || f.CO === options.password);
        if (ok) state.logins += 1;
        return `94${ok ? '1' : '0'}`;
      }
      case '99':
        return `98YYYYNN030003${at}2.00AOck|AM龙游县溪口镇图书室|BXYYYYYYYYYYYNNYYY|AFfake ACS ready|`;
      case '23': {
        const validPin = patron && (f.AD === undefined || f.AD === '' ? 'N' : f.AD === patron.pin ? 'Y' : 'N');
        return `24${patronStatus(patron)}001${at}${inst}AA${f.AA ?? ''}|AE${patron?.name ?? ''}|BL${patron ? 'Y' : 'N'}|CQ${validPin ?? 'N'}|BHCNY|BV${money(patron?.fineCents ?? 0)}|${patron ? '' : 'AFUnknown patron|'}`;
      }
      case '63': {
        const summary = text.slice(23, 33);
        const mine = [...items.values()].filter((i) => patron && i.charged === patron.id);
        const ready = [...items.values()].filter((i) => patron && i.readyFor === patron.id);
        const waiting = [...items.values()].filter((i) => patron && i.holds.includes(patron.id));
        const overdue = mine.filter((i) => i.due && i.due.getTime() < now().getTime());
        const counts = [ready.length, overdue.length, mine.length, patron?.fines.length ?? 0, 0, waiting.length].map((n) => String(n).padStart(4, '0')).join('');
        let list = '';
        if (summary[0] === 'Y') list = ready.map((i) => `AS${i.barcode}|`).join('');
        if (summary[1] === 'Y') list = overdue.map((i) => `AT${i.barcode}|`).join('');
        if (summary[2] === 'Y') list = mine.map((i) => `AU${i.barcode}|`).join('');
        if (summary[3] === 'Y') list = (patron?.fines ?? []).map((t) => `AV${t}|`).join('');
        if (summary[5] === 'Y') list = waiting.map((i) => `CD${i.barcode}|`).join('');
        return `64${patronStatus(patron)}001${at}${counts}${inst}AA${f.AA ?? ''}|AE${patron?.name ?? ''}|BZ0005|CA0001|CB0005|BL${patron ? 'Y' : 'N'}|CQ${patron && f.AD === patron.pin ? 'Y' : 'N'}|BHCNY|BV${money(patron?.fineCents ?? 0)}|CC10.00|${list}PA${patron?.expires.replace(/-/g, '') ?? ''}    000000|`;
      }
      case '17': {
        if (!item) return `18010001${at}AB${f.AB ?? ''}|AJ|AFItem not found|`;
        const status = item.charged ? '04' : item.readyFor || item.holds.length ? '08' : item.loanable ? '03' : '01';
        const pickup = item.readyFor ? `CM${d18(new Date(now().getTime() + 4 * DAY))}|` : '';
        return `18${status}0001${at}CF${String(item.holds.length).padStart(0, '0')}|${item.due ? `AH${d18(item.due)}|` : ''}${pickup}AB${item.barcode}|AJ${item.title}|BG溪口镇图书室|CK001|AQ${item.loanable ? 'I' : 'R'}|CSI${item.barcode.slice(-3)}|`;
      }
      case '11': {
        const refuse = (why: string) => `120NUN${at}${inst}AA${f.AA ?? ''}|AB${f.AB ?? ''}|AJ${item?.title ?? ''}|AH|AF${why}|`;
        if (!patron) return refuse('Invalid patron');
        if (!item) return refuse('Invalid item');
        const status = patronStatus(patron);
        if (status[0] === 'Y' && Date.parse(`${patron.expires}T23:59:59Z`) < now().getTime()) return refuse('Patron card expired');
        if (status[6] === 'Y') return refuse('Patron has overdue items');
        if (status[10] === 'Y') return refuse(`Patron owes ${money(patron.fineCents)}: excessive fines`);
        if (!item.loanable) return refuse('Item is not for loan');
        if (item.charged === patron.id) {
          item.due = new Date(now().getTime() + 30 * DAY);
          return `121YNY${at}${inst}AA${patron.id}|AB${item.barcode}|AJ${item.title}|AH${d18(item.due)}|AFItem renewed|`;
        }
        if (item.charged) return refuse('Item checked out to another patron');
        const first = item.readyFor ?? item.holds[0];
        if (first && first !== patron.id) return refuse('Item on hold for another patron');
        if (status[5] === 'Y') return refuse('Too many items charged');
        item.charged = patron.id;
        item.due = new Date(now().getTime() + 30 * DAY);
        if (item.readyFor === patron.id) item.readyFor = null;
        item.holds = item.holds.filter((h) => h !== patron.id);
        return `121NNY${at}${inst}AA${patron.id}|AB${item.barcode}|AJ${item.title}|AH${d18(item.due)}|BHCNY|AFCheckout OK|AG${item.title} due ${item.due.toISOString().slice(0, 10)}|`;
      }
      case '09': {
        if (!item || !item.charged) return `100NUN${at}${inst}AB${f.AB ?? ''}|AQI|AJ${item?.title ?? ''}|AFItem not checked out|`;
        const was = item.charged;
        const late = item.due && item.due.getTime() < now().getTime() ? Math.floor((now().getTime() - item.due.getTime()) / DAY) * 10 : 0;
        if (late > 0) {
          const p = patrons.get(was)!;
          p.fineCents += late;
          p.fines.push(`${money(late)} late ${item.title}`);
        }
        item.charged = null;
        item.due = null;
        const next = item.holds.shift();
        if (next) {
          item.readyFor = next;
          return `101YNY${at}${inst}AB${item.barcode}|AQI|AJ${item.title}|AA${was}|CK001|CLH-${next.slice(-2)}|CV02|AFPut on hold shelf for ${next}|`;
        }
        return `101YNN${at}${inst}AB${item.barcode}|AQI|AJ${item.title}|AA${was}|CK001|AFReturned|`;
      }
      case '29': {
        if (!patron || !item || item.charged !== patron.id) return `300NUN${at}${inst}AA${f.AA ?? ''}|AB${f.AB ?? ''}|AJ${item?.title ?? ''}|AH|AFItem not checked out to you|`;
        if (item.holds.length) return `300NUN${at}${inst}AA${patron.id}|AB${item.barcode}|AJ${item.title}|AH|AFItem on hold for another patron|`;
        if (item.due && item.due.getTime() < now().getTime()) return `300NUN${at}${inst}AA${patron.id}|AB${item.barcode}|AJ${item.title}|AH|AFItem overdue: renewal refused|`;
        if (item.renewals >= 2) return `300NUN${at}${inst}AA${patron.id}|AB${item.barcode}|AJ${item.title}|AH|AFRenewal limit reached|`;
        item.renewals += 1;
        item.due = new Date(Math.max(now().getTime(), item.due?.getTime() ?? 0) + 30 * DAY);
        return `301YNY${at}${inst}AA${patron.id}|AB${item.barcode}|AJ${item.title}|AH${d18(item.due)}|`;
      }
      case '65': {
        const mine = [...items.values()].filter((i) => patron && i.charged === patron.id);
        const ok: FakeItem[] = [];
        const not: FakeItem[] = [];
        for (const i of mine) {
          if (i.holds.length || (i.due && i.due.getTime() < now().getTime()) || i.renewals >= 2) not.push(i);
          else {
            i.renewals += 1;
            i.due = new Date(Math.max(now().getTime(), i.due?.getTime() ?? 0) + 30 * DAY);
            ok.push(i);
          }
        }
        return `66${patron ? '1' : '0'}${String(ok.length).padStart(4, '0')}${String(not.length).padStart(4, '0')}${at}${inst}${ok.map((i) => `BM${i.barcode}|`).join('')}${not.map((i) => `BN${i.barcode}|`).join('')}`;
      }
      case '15': {
        const mode = text[2];
        if (!patron || !item) return `160N${at}${inst}AA${f.AA ?? ''}|AB${f.AB ?? ''}|AFInvalid patron or item|`;
        if (mode === '-') {
          const had = item.holds.includes(patron.id) || item.readyFor === patron.id;
          item.holds = item.holds.filter((h) => h !== patron.id);
          if (item.readyFor === patron.id) item.readyFor = item.holds.shift() ?? null;
          return `16${had ? '1' : '0'}N${at}${inst}AA${patron.id}|AB${item.barcode}|AJ${item.title}|`;
        }
        if (item.holds.includes(patron.id)) return `160N${at}${inst}AA${patron.id}|AB${item.barcode}|AJ${item.title}|AFHold already placed|`;
        item.holds.push(patron.id);
        return `161N${at}BW${d18(new Date(now().getTime() + 90 * DAY))}|BR${item.holds.length}|BSck|${inst}AA${patron.id}|AB${item.barcode}|AJ${item.title}|`;
      }
      case '35':
        return `36Y${at}${inst}AA${f.AA ?? ''}|AFGoodbye|`;
      default:
        return '96';
    }
  }

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = Buffer.alloc(0);
    let last: Buffer | null = null;
    socket.setNoDelay(true);
    /** Writes one answer; with `split`, one byte per TCP segment, in order (a Chinese title's three bytes arrive apart). */
    const send = (bytes: Buffer) => {
      if (!faults.split) {
        socket.write(bytes);
        return;
      }
      let i = 0;
      const step = () => {
        if (i >= bytes.length || !socket.writable) return;
        socket.write(bytes.subarray(i, i + 1));
        i += 1;
        setTimeout(step, 1);
      };
      step();
    };
    /** The answer as the ACS means it (kept for a 97), and the copy that goes on the wire, damaged "in transit" when a fault is set. */
    const finish = (body: string, seq: string | null): { good: Buffer; wire: Buffer } => {
      if (body === '96') {
        const b = Buffer.from(`96AZ${sum16('96AZ')}\r`, 'utf8');
        return { good: b, wire: b };
      }
      const head = seq === null ? body : `${body}AY${seq}AZ`;
      const good = Buffer.from(`${head}${seq === null ? '' : sum16(head)}\r`, 'utf8');
      if (faults.garbage > 0) {
        faults.garbage -= 1;
        return { good, wire: Buffer.from('\u0001zz|garbage\r', 'utf8') };
      }
      if (seq !== null && faults.wrongSequence > 0) {
        // A stale answer: the same message with another sequence number (and a checksum that fits it).
        faults.wrongSequence -= 1;
        const stale = `${body}AY${(Number(seq) + 5) % 10}AZ`;
        return { good, wire: Buffer.from(`${stale}${sum16(stale)}\r`, 'utf8') };
      }
      if (seq !== null && faults.badChecksum > 0) {
        faults.badChecksum -= 1;
        const sum = sum16(head);
        return { good, wire: Buffer.from(`${head}${sum === '0000' ? '0001' : '0000'}\r`, 'utf8') };
      }
      return { good, wire: good };
    };
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      let cr: number;
      while ((cr = pending.indexOf(0x0d)) >= 0) {
        const text = pending.subarray(0, cr).toString('utf8').replace(/^\n+/, '');
        pending = pending.subarray(cr + 1);
        if (!text) continue;
        received.push(text);
        if (faults.silent) continue;
        const code = text.slice(0, 2);
        if (code === '97') {
          // A resend of our last answer: damaged again while a bad-checksum fault is still counting down.
          if (last && faults.badChecksum > 0) {
            faults.badChecksum -= 1;
            send(Buffer.from(last.toString('utf8').replace(/AZ[0-9A-F]{4}\r$/, 'AZ0000\r'), 'utf8'));
          } else if (last) send(last);
          continue;
        }
        const trailer = /AY(\d)AZ([0-9A-F]{4})$/.exec(text);
        if (trailer && sum16(text.slice(0, -4)) !== trailer[2]) {
          send(Buffer.from(`96AZ${sum16('96AZ')}\r`, 'utf8'));
          continue;
        }
        if (faults.askResend > 0 && code !== '96') {
          faults.askResend -= 1;
          send(Buffer.from(`96AZ${sum16('96AZ')}\r`, 'utf8'));
          continue;
        }
        if (faults.swallow.delete(code)) continue;
        const body = answer(code, text);
        if (faults.applyThenSilence.delete(code)) continue;
        const out = finish(body, trailer ? trailer[1]! : null);
        last = out.good;
        send(out.wire);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    faults,
    received,
    items,
    patrons,
    get logins() {
      return state.logins;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// Standalone: `pnpm --filter @civic-kiosk/server sip2:fake` (SIP2_FAKE_PORT, default 6001; SIP2_USER / SIP2_PASSWORD checked when set).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const acs = await startFakeAcs({ port: Number(process.env.SIP2_FAKE_PORT ?? 6001), host: process.env.SIP2_FAKE_HOST ?? '127.0.0.1', user: process.env.SIP2_USER, password: process.env.SIP2_PASSWORD });
  console.log(`fake SIP2 ACS listening on 127.0.0.1:${acs.port} — start the server with LIBRARY_SIP2=127.0.0.1:${acs.port}`);
}
