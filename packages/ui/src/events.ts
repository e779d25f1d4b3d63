/**
 * Dispatches a `ck-` event the way every element of this package does: typed
 * detail, bubbling and composed, so it reaches listeners outside shadow roots.
 */
export function emit<Detail>(host: EventTarget, type: string, detail: Detail): boolean {
  return host.dispatchEvent(new CustomEvent<Detail>(type, { detail, bubbles: true, composed: true }));
}
