import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { lowerDecorators } from '../../scripts/vite-lower-decorators.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // Vite 8 leaves TC39 decorators in place: lower them before anything else sees the TypeScript.
  plugins: [lowerDecorators()],
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
