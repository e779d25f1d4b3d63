import net from 'node:net';
import { FrameSplitter, frame, parse, Sip2ParseError, type ParsedMessage, fields, sipDate } from './codec.js';

export class Sip2Error extends Error {
  /** `offline`: no answer at all (connect refused, timeout, closed); `protocol`: answers that stay malformed, out of sequence or corrupt after the resends. */
  constructor(
    readonly kind: 'offline' | 'protocol' | 'login',
    message: string,
  ) {
    super(message);
  }
}

export interface Sip2ClientOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  location: string;
  institution: string;
  timeoutMs: number;
  /** Resends (ours after a 96, the ACS's after our 97) before a request fails. */
  retries: number;
  checksums: boolean;
  poolSize: number;
}

type Waiter = { resolve(m: ParsedMessage | Error): void };

/**
 * One TCP connection to the ACS: logged in (93/94) and status-checked (99/98) on open, then one request
 * at a time. Sequence numbers run 0–9; an answer with another number (a late answer to an earlier
 * request, a duplicate) or a bad checksum is asked again with 97; a 96 from the ACS makes us resend
 * our last message. After `retries` resends, or no answer within the timeout, the connection is closed
 * (its stream can no longer be trusted) and the request fails.
 */
export class Sip2Connection {
  private socket: net.Socket | null = null;
  private readonly splitter = new FrameSplitter();
  private waiter: Waiter | null = null;
  private sequence = -1;
  closed = false;
  /** From the ACS's 98: its own retry limit (999 = not given). */
  acsRetries = 999;
  acsOnline = true;

  constructor(private readonly o: Sip2ClientOptions) {}

  async open(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: this.o.host, port: this.o.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Sip2Error('offline', 'connect timeout'));
      }, this.o.timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve();
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new Sip2Error('offline', error.message));
      });
      this.socket = socket;
    });
    const socket = this.socket!;
    socket.on('data', (chunk: Buffer) => {
      let messages: Buffer[];
      try {
        messages = this.splitter.push(chunk);
      } catch (error) {
        this.deliver(error as Error);
        return;
      }
      for (const raw of messages) {
        try {
          this.deliver(parse(raw));
        } catch (error) {
          this.deliver(error instanceof Sip2ParseError ? error : new Sip2ParseError(String(error)));
        }
      }
    });
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
    if (this.o.user) {
      const login = await this.request(`9300${fields([['CN', this.o.user], ['CO', this.o.password], ['CP', this.o.location || undefined]])}`, '94');
      if (login.fixed.ok !== '1') {
        this.close();
        throw new Sip2Error('login', 'the ACS refused the login (94 ok=0): check SIP2_USER / SIP2_PASSWORD');
      }
    }
    await this.status();
  }

  /** SC status (99) → ACS status (98): online flag and the ACS's retry limit. */
  async status(): Promise<ParsedMessage> {
    const m = await this.request('9900802.00', '98');
    this.acsOnline = m.fixed.online === 'Y';
    const retries = Number(m.fixed.retries);
    this.acsRetries = Number.isFinite(retries) ? retries : 999;
    return m;
  }

  private deliver(m: ParsedMessage | Error): void {
    // Nobody is waiting (a late duplicate after a request finished): dropped, never kept for the next request.
    if (!this.waiter) return;
    const w = this.waiter;
    this.waiter = null;
    w.resolve(m);
  }

  private next(deadline: number): Promise<ParsedMessage | Error> {
    if (this.closed) return Promise.resolve(new Sip2Error('offline', 'connection closed'));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(new Sip2Error('offline', 'no answer within the timeout'));
      }, Math.max(1, deadline - Date.now()));
      this.waiter = {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
    });
  }

  private write(bytes: Buffer): void {
    if (!this.socket || this.closed) throw new Sip2Error('offline', 'connection closed');
    this.socket.write(bytes);
  }

  /** Sends one request (its body without AY/AZ) and waits for the answer with code `expect`. */
  async request(body: string, expect: string): Promise<ParsedMessage> {
    if (this.closed) throw new Sip2Error('offline', 'connection closed');
    this.sequence = (this.sequence + 1) % 10;
    const seq = this.sequence;
    const bytes = frame(body, this.o.checksums ? seq : null, this.o.checksums);
    const limit = Math.min(this.o.retries, this.acsRetries);
    let resends = 0;
    this.write(bytes);
    const deadline = Date.now() + this.o.timeoutMs;
    for (;;) {
      const m = await this.next(deadline);
      if (m instanceof Sip2Error) {
        this.close();
        throw m;
      }
      const again = (why: string, resend: Buffer) => {
        if (resends >= limit) {
          this.close();
          throw new Sip2Error('protocol', `${why} after ${resends} resend(s)`);
        }
        resends += 1;
        this.write(resend);
      };
      if (m instanceof Error) {
        again(`malformed answer (${m.message})`, frame('97', null, this.o.checksums));
        continue;
      }
      if (m.code === '96') {
        again('the ACS kept asking for a resend (96)', bytes);
        continue;
      }
      if (this.o.checksums && (m.checksumOk !== true || m.sequence !== seq || m.code !== expect)) {
        again(m.checksumOk !== true ? 'bad checksum' : `out-of-sequence answer (${m.code} AY${m.sequence ?? '-'}, expected ${expect} AY${seq})`, frame('97', null, true));
        continue;
      }
      if (m.code !== expect) {
        again(`unexpected answer ${m.code} (expected ${expect})`, frame('97', null, false));
        continue;
      }
      return m;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket?.destroy();
    this.deliver(new Sip2Error('offline', 'connection closed'));
  }
}

/**
 * Connections to the ACS, at most `poolSize`, opened (and logged in) on demand; a connection that failed
 * is dropped and the next request opens a new one (reconnect and re-login). Requests beyond the pool
 * wait their turn.
 */
export class Sip2Pool {
  private readonly idle: Sip2Connection[] = [];
  private open = 0;
  private readonly queue: ((c: Sip2Connection | Error) => void)[] = [];
  private closed = false;

  constructor(readonly options: Sip2ClientOptions) {}

  private async connect(): Promise<Sip2Connection> {
    const c = new Sip2Connection(this.options);
    try {
      await c.open();
      return c;
    } catch (error) {
      c.close();
      throw error;
    }
  }

  private acquire(): Promise<Sip2Connection> {
    if (this.closed) return Promise.reject(new Sip2Error('offline', 'pool closed'));
    while (this.idle.length) {
      const c = this.idle.pop()!;
      if (!c.closed) return Promise.resolve(c);
      this.open -= 1;
    }
    if (this.open < this.options.poolSize) {
      this.open += 1;
      return this.connect().catch((error: unknown) => {
        this.open -= 1;
        throw error;
      });
    }
    return new Promise((resolve, reject) => this.queue.push((c) => (c instanceof Error ? reject(c) : resolve(c))));
  }

  private release(c: Sip2Connection): void {
    if (c.closed) {
      this.open -= 1;
      const waiting = this.queue.shift();
      if (waiting) {
        this.open += 1;
        this.connect().then(waiting, (error: Error) => {
          this.open -= 1;
          waiting(error);
        });
      }
      return;
    }
    const waiting = this.queue.shift();
    if (waiting) waiting(c);
    else this.idle.push(c);
  }

  /** Runs `fn` on one connection (several requests in a row on the same one, e.g. check then act). */
  async with<T>(fn: (c: Sip2Connection) => Promise<T>): Promise<T> {
    const c = await this.acquire();
    try {
      return await fn(c);
    } finally {
      this.release(c);
    }
  }

  request(body: string, expect: string): Promise<ParsedMessage> {
    return this.with((c) => c.request(body, expect));
  }

  close(): void {
    this.closed = true;
    for (const c of this.idle) c.close();
    this.idle.length = 0;
    for (const w of this.queue.splice(0)) w(new Sip2Error('offline', 'pool closed'));
  }
}

/** The request bodies (without AY/AZ), field by field as in the 3M SIP2 2.00 specification. */
export const requests = {
  patronStatus: (o: { institution: string; patron: string; pin?: string; terminalPassword?: string }, at: Date) =>
    `23000${sipDate(at)}${fields([['AO', o.institution], ['AA', o.patron], ['AC', o.terminalPassword ?? ''], ['AD', o.pin ?? '']])}`,
  /** summary: one of 'hold' | 'overdue' | 'charged' | 'fine' | 'recall' | 'unavailable' (the spec allows one at a time). */
  patronInformation: (o: { institution: string; patron: string; pin?: string; summary?: 'hold' | 'overdue' | 'charged' | 'fine' | 'recall' | 'unavailable'; start?: number; end?: number }, at: Date) => {
    const pos = ['hold', 'overdue', 'charged', 'fine', 'recall', 'unavailable'].indexOf(o.summary ?? '');
    const summary = Array.from({ length: 10 }, (_, i) => (i === pos ? 'Y' : ' ')).join('');
    return `63000${sipDate(at)}${summary}${fields([['AO', o.institution], ['AA', o.patron], ['AC', ''], ['AD', o.pin], ['BP', o.summary ? String(o.start ?? 1) : undefined], ['BQ', o.summary ? String(o.end ?? 50) : undefined]])}`;
  },
  itemInformation: (o: { institution: string; item: string }, at: Date) => `17${sipDate(at)}${fields([['AO', o.institution], ['AB', o.item], ['AC', '']])}`,
  checkout: (o: { institution: string; patron: string; item: string; pin?: string }, at: Date) =>
    `11NN${sipDate(at)}${' '.repeat(18)}${fields([['AO', o.institution], ['AA', o.patron], ['AB', o.item], ['AC', ''], ['AD', o.pin], ['BO', 'N'], ['BI', 'N']])}`,
  checkin: (o: { institution: string; item: string; location: string }, at: Date) => `09N${sipDate(at)}${sipDate(at)}${fields([['AP', o.location], ['AO', o.institution], ['AB', o.item], ['AC', ''], ['BI', 'N']])}`,
  renew: (o: { institution: string; patron: string; item: string; pin?: string }, at: Date) =>
    `29NN${sipDate(at)}${' '.repeat(18)}${fields([['AO', o.institution], ['AA', o.patron], ['AD', o.pin], ['AB', o.item], ['AC', ''], ['BO', 'N']])}`,
  renewAll: (o: { institution: string; patron: string; pin?: string }, at: Date) => `65${sipDate(at)}${fields([['AO', o.institution], ['AA', o.patron], ['AD', o.pin], ['AC', ''], ['BO', 'N']])}`,
  hold: (o: { institution: string; patron: string; item: string; mode: '+' | '-'; pickup?: string }, at: Date) =>
    `15${o.mode}${sipDate(at)}${fields([['BS', o.pickup], ['BY', '2'], ['AO', o.institution], ['AA', o.patron], ['AB', o.item], ['AC', ''], ['BO', 'N']])}`,
  endSession: (o: { institution: string; patron: string }, at: Date) => `35${sipDate(at)}${fields([['AO', o.institution], ['AA', o.patron], ['AC', '']])}`,
};
