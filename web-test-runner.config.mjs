// Shared @web/test-runner config. Each package runs `wtr --config ../../web-test-runner.config.mjs`
// from its own folder: tests are test/**/*.test.ts, coverage is measured over src/.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { chromeLauncher } from '@web/test-runner-chrome';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countReporter } from './scripts/wtr-count-reporter.mjs';
import { defaultReporter } from '@web/test-runner';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = relative(root, process.cwd());
const commonjs = fromRollup(rollupCommonjs);

export const chromiumArgs = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // Test pages run side by side: keep timers and rendering of the hidden ones at full speed.
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
];

export default {
  rootDir: root,
  files: ['test/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'development'] },
  // One page at a time: a background tab gets no animation frames, which fixture() waits for.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: chromiumArgs },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: resolve(root, 'tsconfig.base.json') }),
    commonjs({
      strictRequires: 'auto',
      requireReturnsDefault: 'preferred',
      include: ['**/node_modules/qrcode/**', '**/node_modules/dijkstrajs/**', '**/node_modules/isbn3/**'],
    }),
  ],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  coverage: true,
  coverageConfig: {
    include: [`**/${pkg}/src/**/*.ts`],
    exclude: ['**/*.stories.ts', '**/src/generated/**', '**/node_modules/**'],
    report: true,
    reportDir: resolve(process.cwd(), 'coverage'),
    reporters: ['text-summary', 'lcovonly'],
    threshold: { statements: 90, branches: 90, functions: 90, lines: 90 },
  },
  reporters: [defaultReporter(), countReporter(resolve(process.cwd(), 'test-results.json'))],
};
