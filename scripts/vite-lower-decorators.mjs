// Vite 8 leaves TC39 decorators in place and Chromium cannot run them yet:
// lower them with esbuild (target es2022) before Vite's own TypeScript step.
import { transform } from 'esbuild';

export function lowerDecorators() {
  return {
    name: 'civic-kiosk:lower-decorators',
    enforce: 'pre',
    async transform(code, id) {
      const file = id.split('?')[0];
      if (!file.endsWith('.ts') || file.includes('/node_modules/')) return null;
      const result = await transform(code, { loader: 'ts', target: 'es2022', sourcemap: true, sourcefile: file });
      return { code: result.code, map: result.map };
    },
  };
}
