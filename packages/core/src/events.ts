/**
 * One way to fire a civic-kiosk event. Every `ck-*` event:
 * - is declared in `HTMLElementEventMap` with its detail type, next to the
 *   element that fires it (so `addEventListener('ck-…', e => e.detail.…)` is typed);
 * - bubbles and is composed, so it leaves shadow roots and reaches the page;
 * - is fired for a visitor's action only, never because code called a method
 *   or set a property (the caller already knows what it did);
 * - carries no personal data in `detail` (a PIN, a token, a record).
 */

/** The `ck-*` event names declared in `HTMLElementEventMap`. */
export type KioskEventName = Extract<keyof HTMLElementEventMap, `ck-${string}`>;

/** The detail type declared for a `ck-*` event. */
export type KioskEventDetail<Name extends KioskEventName> =
  HTMLElementEventMap[Name] extends CustomEvent<infer Detail> ? Detail : never;

/**
 * Dispatches `name` on `host` with a typed `detail`, bubbling and composed.
 * Returns false when a listener called `preventDefault()` (the event is cancelable).
 */
export function fire<Name extends KioskEventName>(host: EventTarget, name: Name, detail: KioskEventDetail<Name>): boolean {
  return host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
}
