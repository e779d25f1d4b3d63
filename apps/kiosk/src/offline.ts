// Offline (issue 14 item 6), the page's side: registers the service worker that
// vite-plugin-pwa generates (vite.config.ts says what it caches), and tells the
// app when the network comes and goes.

const SERVICE_WORKER_URL = '/sw.js';

/** The part of the Trusted Types API used here (not yet in TypeScript's DOM library). */
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

/**
 * The page runs under `require-trusted-types-for 'script'`, and registering a
 * service worker is a script sink: a policy that allows exactly one URL.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const policy = (window as { trustedTypes?: TrustedTypesFactory }).trustedTypes?.createPolicy('ck-service-worker', {
    createScriptURL: (url: string) => {
      if (url !== SERVICE_WORKER_URL) throw new TypeError(`civic-kiosk: only ${SERVICE_WORKER_URL} may become the service worker, not ${url}`);
      return url;
    },
  });
  const scriptURL = policy ? policy.createScriptURL(SERVICE_WORKER_URL) : SERVICE_WORKER_URL;
  // A kiosk without its worker still works online; it only loses the offline copy.
  navigator.serviceWorker.register(scriptURL as string, { scope: '/' }).catch((error: unknown) => console.warn('civic-kiosk: the offline copy could not be set up.', error));
}
