// Tells the server this kiosk is alive (POST /api/kiosk/heartbeat), so a fleet can be watched,
// and keeps the offline write queue going: the heartbeat runs for as long as the kiosk has its
// device client, which is the client queued writes (returns) are sent with.
import type { HttpClient } from '@civic-kiosk/core';
import type { WriteQueue } from '@civic-kiosk/core/offline-queue.js';

export interface HeartbeatOptions {
  /** The session's client: it carries the device credential, which names the device and its site to the server. */
  client: HttpClient;
  /** The id inside the credential (the server refuses a beat that names another device). */
  deviceId: string;
  version: string;
  intervalMs: number;
  /** When a visitor last touched the screen, or undefined. */
  lastInteraction: () => Date | undefined;
  /** The offline write queue; default: the page's own (loaded on demand). `null`: none. */
  queue?: Promise<WriteQueue | undefined> | null;
}

/** The page's write queue, loaded with its own chunk; undefined where IndexedDB is missing. */
export function pageQueue(): Promise<WriteQueue | undefined> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(undefined);
  return import('@civic-kiosk/core/offline-queue.js').then(
    (m) => m.writeQueue(),
    () => undefined,
  );
}

/** The last uncaught error of the page, for the fleet page: the message only (code's words, never a visitor's input). */
let lastError: { message: string; at: string } | null = null;
function noteError(message: unknown): void {
  const text = (typeof message === 'string' ? message : '').replace(/\s+/g, ' ').trim().slice(0, 300);
  if (text) lastError = { message: text, at: new Date().toISOString() };
}
if (typeof window !== 'undefined') {
  window.addEventListener('error', (e) => noteError(e.message));
  window.addEventListener('unhandledrejection', (e) => noteError(e.reason instanceof Error ? e.reason.message : e.reason));
}

export class Heartbeat {
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #started = performance.now();
  readonly #queue: Promise<WriteQueue | undefined>;
  constructor(readonly options: HeartbeatOptions) {
    this.#queue = options.queue === null ? Promise.resolve(undefined) : (options.queue ?? pageQueue());
  }

  start(): void {
    this.stop();
    // Queued writes go out with this client: now, when the browser says it is online again, and on the queue's own retry timer.
    void this.#queue.then((queue) => queue?.start(this.options.client));
    void this.send();
    this.#timer = setInterval(() => void this.send(), this.options.intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    void this.#queue.then((queue) => queue?.stop());
  }

  /** Writes waiting in the offline queue (0 without one). */
  async queuedWrites(): Promise<number> {
    const queue = await this.#queue;
    return queue ? queue.count().catch(() => 0) : 0;
  }

  /** One beat; failures are ignored (the next beat tries again, and the fleet view shows the gap). */
  async send(): Promise<boolean> {
    const { client, deviceId, version } = this.options;
    const last = this.options.lastInteraction();
    try {
      await client.post('/kiosk/heartbeat', {
        deviceId,
        version,
        uptimeSeconds: Math.floor((performance.now() - this.#started) / 1000),
        lastInteractionAt: last ? last.toISOString() : null,
        online: navigator.onLine,
        queuedWrites: await this.queuedWrites(),
        lastError,
      });
      return true;
    } catch {
      return false;
    }
  }
}
