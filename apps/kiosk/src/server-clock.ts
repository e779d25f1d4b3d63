// The kiosk's clock may be wrong by hours (a dead CMOS battery, no NTP in a village hall). What that
// may and may not touch, decided here (issue 14, "Bad input"):
// - Timers (idle timeout, the "still there?" countdown, retries) are durations: setTimeout and the
//   monotonic performance.now(), never the wall clock, so a wrong or jumping clock cannot shorten or
//   stretch a visitor's time.
// - Every comparison of instants that matters (enrollment codes, credentials, sessions, PIN waits and
//   locks, vote deadlines on the server) is made by the server on its own clock; the kiosk only shows
//   the waits the server words for it.
// - What the kiosk shows or reports as "now" (the home screen's clock, the heartbeat's last
//   interaction) follows the server's `Date` header when the two differ by more than a few minutes.
//   A smaller difference is left alone: the header has one-second resolution and arrives after a
//   network delay, and a clock that hops back and forth by seconds would look broken.
// Pure: no DOM; tested in plain Node.

/** Beyond this difference the kiosk's clock is not trusted. */
export const CLOCK_TRUST_MS = 3 * 60_000;

export class ServerClock {
  #offsetMs = 0;
  readonly #localNow: () => number;

  constructor(localNow: () => number = () => Date.now()) {
    this.#localNow = localNow;
  }

  /**
   * Learns from one answer's `Date` header (RFC 9110 IMF-fixdate), read when the answer arrived.
   * The header is cut to the second: half a second is added back, the middle of that second.
   */
  observe(dateHeader: string | null | undefined, receivedAtMs: number = this.#localNow()): void {
    if (!dateHeader) return;
    const server = Date.parse(dateHeader);
    if (Number.isNaN(server)) return;
    this.#offsetMs = server + 500 - receivedAtMs;
  }

  /** What is added to the kiosk's clock: 0 while it is within {@link CLOCK_TRUST_MS} of the server's. */
  get offsetMs(): number {
    return Math.abs(this.#offsetMs) > CLOCK_TRUST_MS ? this.#offsetMs : 0;
  }

  /** Whether the kiosk's own clock is off by more than {@link CLOCK_TRUST_MS}. */
  get skewed(): boolean {
    return this.offsetMs !== 0;
  }

  now(): Date {
    return new Date(this.#localNow() + this.offsetMs);
  }
}

/** The page's one clock: the shell feeds it from the server's answers, the screens read it. */
export const serverClock = new ServerClock();
