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
      });
      return true;
    } catch {
      return false;
    }
  }
}
