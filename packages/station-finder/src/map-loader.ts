type MapModule = typeof import('./map-view.js');
let loading: Promise<MapModule> | undefined;

/**
 * Loads the map (Leaflet, supercluster) on demand, so the list renders
 * without them. Leaflet's feature detection writes `innerHTML = '<svg/>'`
 * as it loads, which a page enforcing Trusted Types refuses — and then the
 * whole import fails. While it loads, that one probe is answered with a node
 * built through the DOM; every other write goes through untouched.
 */
export function loadMapView(): Promise<MapModule> {
  loading ??= (async () => {
    const native = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML')!;
    Object.defineProperty(HTMLDivElement.prototype, 'innerHTML', {
      configurable: true,
      get(this: HTMLDivElement) {
        return native.get!.call(this) as string;
      },
      set(this: HTMLDivElement, value: unknown) {
        if (value === '<svg/>') this.replaceChildren(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
        else native.set!.call(this, value);
      },
    });
    try {
      return await import('./map-view.js');
    } finally {
      delete (HTMLDivElement.prototype as { innerHTML?: string }).innerHTML;
    }
  })();
  return loading;
}
