import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { IdleResetController } from './controllers/idle-reset.js';

/** Why personal data was wiped. */
export type WipeReason = 'sign-out' | 'idle' | 'disconnect' | 'page-hide' | 'api';

export interface PersonalDataOptions<T> {
  /** The empty value, restored by every wipe. */
  empty: T;
  /**
   * Called after each wipe, e.g. to reset a view. `previous` is what was held, already gone from the
   * controller: for ending a server session it carried (sign out on idle), never to keep.
   */
  onWipe?: (reason: WipeReason, previous: T) => void;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The one owner of a component's personal data: a resident's token, the
 * records read with it, a PIN being typed, a choice in progress. It keeps
 * the value in memory only (never in an attribute, storage or the URL) and
 * wipes it on sign-out (`wipe('sign-out')`), when the kiosk goes idle
 * (`ck-idle`, through {@link IdleResetController}), when the element leaves
 * the page, and on `pagehide` (the tab is closed, reloaded or frozen).
 *
 * ```ts
 * #personal = new PersonalDataController(this, { empty: { token: '', record: undefined } });
 * render() { const { record } = this.#personal.value; … }
 * ```
 */
export class PersonalDataController<T> implements ReactiveController {
  #value: T;
  readonly #options: PersonalDataOptions<T>;

  constructor(
    private readonly host: Host,
    options: PersonalDataOptions<T>,
  ) {
    this.#options = options;
    this.#value = options.empty;
    new IdleResetController(host, () => this.wipe('idle'));
    host.addController(this);
  }

  get value(): T {
    return this.#value;
  }

  /** Holds a new value and re-renders the host. */
  set value(value: T) {
    this.#value = value;
    this.host.requestUpdate();
  }

  /** Whether anything is held. */
  get held(): boolean {
    return this.#value !== this.#options.empty;
  }

  /** Drops everything held, then calls `onWipe`. Safe to call when empty. */
  wipe(reason: WipeReason = 'api'): void {
    const previous = this.#value;
    this.#value = this.#options.empty;
    this.#options.onWipe?.(reason, previous);
    this.host.requestUpdate();
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    this.wipe('disconnect');
  }

  #onPageHide = () => this.wipe('page-hide');
}
