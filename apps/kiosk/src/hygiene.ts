// A public touchscreen must not select text, open context menus, zoom with two
// fingers or ctrl+wheel, or drag images: each leaves the next visitor a broken screen.
export function lockDownKiosk(target: Window = window): void {
  const stop = (event: Event) => event.preventDefault();
  target.addEventListener('contextmenu', stop);
  target.addEventListener('dragstart', stop);
  target.addEventListener('selectstart', stop);
  // Safari-style pinch events; Chromium's pinch is stopped by touch-action (app.css) and the touchmove guard below.
  target.addEventListener('gesturestart', stop);
  target.addEventListener('wheel', (event) => event.ctrlKey && event.preventDefault(), { passive: false });
  target.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && ['+', '-', '=', '0'].includes(event.key)) event.preventDefault();
  });
  target.addEventListener('touchmove', (event) => event.touches.length > 1 && event.preventDefault(), { passive: false });
}
