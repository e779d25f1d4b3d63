import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Fired on window when the "still there?" warning starts. detail: { remainingMs } */
export const IDLE_WARNING_EVENT = 'ck-idle-warning';
/** Fired on window when the visitor has gone: every component wipes personal state. */
export const IDLE_EVENT = 'ck-idle';
/** Fired on window when activity resumes during a warning. */
export const IDLE_ACTIVE_EVENT = 'ck-idle-active';

export type IdleState = 'active' | 'warning' | 'idle';

export interface IdleOptions {
  /** Milliseconds without touch or key before the visitor counts as gone. Default 90 000. */
  timeoutMs?: number;
  /** How long before the timeout the warning starts. Default 15 000 (never more than timeoutMs). */
  warningMs?: number;
  /** Called when the warning starts, before anything is wiped. */
  onWarning?: (remainingMs: number) => void;
  /** Called when the timeout has passed. */
  onIdle?: () => void;
  /** Called when the visitor touches the screen during the warning. */
  onActive?: () => void;
  /** Where activity is watched. Default: window. */
  target?: EventTarget;
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Idle detection for a kiosk. After `timeoutMs - warningMs` without activity
 * it warns (so a "still there?" prompt can show), then after `timeoutMs` it
 * fires idle. Both are also dispatched on window as `ck-idle-warning` and
 * `ck-idle`, so every component on the page can react without wiring.
 */
export class IdleController implements ReactiveController {
  #state: IdleState = 'active';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #deadline = 0;
  readonly #options: Required<Omit<IdleOptions, 'onWarning' | 'onIdle' | 'onActive'>> & IdleOptions;

  constructor(host: ReactiveControllerHost, options: IdleOptions = {}) {
    const timeoutMs = options.timeoutMs ?? 90_000;
    this.#options = {
      ...options,
      timeoutMs,
      warningMs: Math.min(options.warningMs ?? 15_000, timeoutMs),
      target: options.target ?? window,
    };
    host.addController(this);
  }

  get state(): IdleState {
    return this.#state;
  }

  /** Milliseconds until idle (0 once idle, until the next touch). */
  get remainingMs(): number {
    return Math.max(0, this.#deadline - Date.now());
  }

  hostConnected(): void {
    for (const type of ACTIVITY_EVENTS) this.#options.target.addEventListener(type, this.#onActivity, { capture: true, passive: true });
    this.reset();
  }

  hostDisconnected(): void {
    for (const type of ACTIVITY_EVENTS) this.#options.target.removeEventListener(type, this.#onActivity, { capture: true });
    clearTimeout(this.#timer);
  }

  /** Starts the countdown afresh, as if the visitor had just touched the screen. */
  reset(): void {
    const wasWarning = this.#state === 'warning';
    this.#state = 'active';
    this.#deadline = Date.now() + this.#options.timeoutMs;
    this.#schedule(this.#options.timeoutMs - this.#options.warningMs, this.#warn);
    if (wasWarning) {
      this.#options.onActive?.();
      window.dispatchEvent(new CustomEvent(IDLE_ACTIVE_EVENT));
    }
  }

  /** Ends the session now (e.g. a "Done" button): the same as the timeout passing. */
  expire(): void {
    clearTimeout(this.#timer);
    this.#goIdle();
  }

  #onActivity = () => this.reset();

  #warn = () => {
    this.#state = 'warning';
    const remainingMs = this.remainingMs;
    this.#options.onWarning?.(remainingMs);
    window.dispatchEvent(new CustomEvent(IDLE_WARNING_EVENT, { detail: { remainingMs } }));
    this.#schedule(remainingMs, () => this.#goIdle());
  };

  #goIdle(): void {
    this.#state = 'idle';
    this.#deadline = Date.now();
    this.#options.onIdle?.();
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    // No timer now: the next visitor's first touch starts a fresh countdown.
  }

  #schedule(delay: number, run: () => void): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(run, Math.max(0, delay));
  }
}

declare global {
  interface WindowEventMap {
    [IDLE_WARNING_EVENT]: CustomEvent<{ remainingMs: number }>;
    [IDLE_EVENT]: CustomEvent<undefined>;
    [IDLE_ACTIVE_EVENT]: CustomEvent<undefined>;
  }
  interface HTMLElementEventMap {
    [IDLE_WARNING_EVENT]: CustomEvent<{ remainingMs: number }>;
    [IDLE_EVENT]: CustomEvent<undefined>;
    [IDLE_ACTIVE_EVENT]: CustomEvent<undefined>;
  }
}
