// Renders React 19 into the test page the way an app does (createRoot), synchronously.
// react and react-dom are CommonJS: default imports are what their ES-module form gives in every tool.
import type { ReactNode } from 'react';
import ReactDOM from 'react-dom';
import ReactDOMClient, { type Root } from 'react-dom/client';

export interface Mounted {
  host: HTMLDivElement;
  root: Root;
  render(node: ReactNode): void;
  unmount(): void;
}

const mounted: Mounted[] = [];

export function mount(node: ReactNode): Mounted {
  const host = document.createElement('div');
  host.lang = 'en';
  document.body.append(host);
  const root = ReactDOMClient.createRoot(host);
  const m: Mounted = {
    host,
    root,
    render: (next) => ReactDOM.flushSync(() => root.render(next)),
    unmount: () => {
      ReactDOM.flushSync(() => root.unmount());
      host.remove();
    },
  };
  m.render(node);
  mounted.push(m);
  return m;
}

/** Unmounts what a test left on the page. */
export function cleanup(): void {
  for (const m of mounted.splice(0)) if (m.host.isConnected) m.unmount();
}

export async function until(check: () => unknown, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const shadowText = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
