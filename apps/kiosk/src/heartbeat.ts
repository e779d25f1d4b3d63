// Tells the server this kiosk is alive (POST /api/kiosk/heartbeat), so a fleet can be watched.
import type { HttpClient } from '@civic-kiosk/core';

export interface HeartbeatOptions {
  /** The session's client: it carries the device credential, which names the device and its site to the server. */
  client: HttpClient;
  /** The id inside the credential (the server refuses a beat that names another device). */
  deviceId: string;
  version: string;
  intervalMs: number;
  /** When a visitor last touched the screen, or undefined. */
  lastInteraction: () => Date | undefined;
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
  constructor(readonly options: HeartbeatOptions) {}

  start(): void {
    this.stop();
    void this.send();
    this.#timer = setInterval(() => void this.send(), this.options.intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
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
        lastError,
      });
      return true;
    } catch {
      return false;
    }
  }
}
