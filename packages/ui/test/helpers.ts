// Small helpers shared by the element tests.
export function part<T extends Element = HTMLElement>(el: Element, name: string): T {
  const found = el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}" in <${el.localName}>`);
  return found;
}

export function all<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(selector)];
}

/** Visible and spoken text of the shadow root, whitespace collapsed. */
export function text(node: Element | ShadowRoot | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The element that really has focus, through open shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Puts the core theme CSS on the test page once, so `data-ck-theme` works as on a kiosk page. */
export async function useThemeCss(): Promise<void> {
  if (document.getElementById('ck-themes')) return;
  const { themeFiles } = await import('@civic-kiosk/core');
  const style = document.createElement('style');
  style.id = 'ck-themes';
  style.textContent = themeFiles()['themes.css']!;
  document.head.append(style);
}
