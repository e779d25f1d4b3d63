/**
 * Every event of this package goes through core's `fire()`: declared in
 * `HTMLElementEventMap` next to its element, bubbling, composed, fired for a
 * visitor's action only (a method call or a property set by code fires
 * nothing), with no personal data in `detail`.
 */
export { fire } from '@civic-kiosk/core';
