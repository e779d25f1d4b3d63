// Tells the server this kiosk is alive (POST /api/kiosk/heartbeat), so a fleet can be watched.
import type { HttpClient } from '@civic-kiosk/core';

export interface HeartbeatOptions {
  client: HttpClient;
  deviceId: string;
  version: string;
  intervalMs: number;
  /** The site, once its configuration is known (the server refuses unknown sites). */
  siteId: () => string | undefined;
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
    const siteId = this.options.siteId();
    const last = this.options.lastInteraction();
    try {
      await client.post('/kiosk/heartbeat', {
        deviceId,
        ...(siteId ? { siteId } : {}),
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

const DEVICE_ID_KEY = 'ck-kiosk-device-id';

/** This kiosk's id: given in the URL, or made once and kept (it names a machine, not a person). */
export function deviceId(fromUrl: string | undefined, storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): string {
  if (fromUrl) return fromUrl;
  try {
    const saved = storage?.getItem(DEVICE_ID_KEY);
    if (saved && /^[A-Za-z0-9_.:-]{1,64}$/.test(saved)) return saved;
    const made = `kiosk-${crypto.randomUUID().slice(0, 8)}`;
    storage?.setItem(DEVICE_ID_KEY, made);
    return made;
  } catch {
    return `kiosk-${crypto.randomUUID().slice(0, 8)}`;
  }
}
