import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { lowerDecorators } from '../../scripts/vite-lower-decorators.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // Vite 8 leaves TC39 decorators in place: lower them before anything else sees the TypeScript.
  plugins: [
    lowerDecorators(),
    // Offline (issue 14 item 6): the app shell is precached; public data (stations, the site's own
    // configuration, the deliberation topics, the catalogue) is served network-first with the last
    // answer kept for when the network is gone. Nothing sent with a token (Authorization) is ever
    // kept, nor anything of /fhir, nor any write: personal data never reaches the cache.
    VitePWA({
      injectRegister: false,
      manifest: false,
      filename: 'sw.js',
      registerType: 'autoUpdate',
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/fhir\//, /^\/ops/],
        cleanupOutdatedCaches: true,
        // One file: the worker runs under the page's CSP with Trusted Types, which refuses importScripts().
        inlineWorkboxRuntime: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, request, sameOrigin }) =>
              sameOrigin &&
              request.method === 'GET' &&
              !request.headers.has('authorization') &&
              /^\/api\/(stations|kiosk\/site$|deliberation\/(topics|proposals\/[^/]+\/comments$|motions\/[^/]+(\/results)?$)|library\/(search|status|items\/))/.test(url.pathname),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'ck-public-data',
              networkTimeoutSeconds: 4,
              expiration: { maxEntries: 300, maxAgeSeconds: 7 * 86_400 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  define: { __KIOSK_VERSION__: JSON.stringify(version) },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    // The polyfill is an inline script, which the server's CSP (script-src 'self') refuses.
    modulePreload: { polyfill: false },
    // The kiosk app, and the staff fleet page (/ops) with its own small entry.
    rollupOptions: { input: { main: 'index.html', ops: 'ops.html' } },
    // Leaflet's chunk is large on its own; it loads only with the station finder.
    chunkSizeWarningLimit: 400,
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
