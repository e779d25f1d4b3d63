import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sessionContext } from '../session.js';
import { IDLE_EVENT } from './idle.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The one way a component hears that the visitor has gone: `ck-idle` on
 * the session's idle target (from a provider), else on `window` where
 * `IdleController` fires it. Listens only while the host is on the page.
 * Replaces each component's own `window.addEventListener('ck-idle', …)`.
 *
 * ```ts
 * #idle = new IdleResetController(this, () => this.resetView());
 * ```
 */
export class IdleResetController implements ReactiveController {
  readonly #consumer: ContextConsumer<typeof sessionContext, Host>;
  #target: EventTarget | undefined;

  constructor(
    host: Host,
    private readonly onIdle: () => void,
  ) {
    // Added before this controller, so the provider's session is known when hostConnected runs.
    this.#consumer = new ContextConsumer(host, {
      context: sessionContext,
      subscribe: true,
      callback: () => this.#listen(),
    });
    host.addController(this);
  }

  hostConnected(): void {
    this.#listen();
  }

  hostDisconnected(): void {
    this.#target?.removeEventListener(IDLE_EVENT, this.#onIdle);
    this.#target = undefined;
  }

  #listen(): void {
    const target = this.#consumer.value?.idle ?? window;
    if (target === this.#target) return;
    this.#target?.removeEventListener(IDLE_EVENT, this.#onIdle);
    this.#target = target;
    target.addEventListener(IDLE_EVENT, this.#onIdle);
  }

  #onIdle = () => this.onIdle();
}
