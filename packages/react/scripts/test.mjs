// The package's tests: generated sources up to date, then the Node tests (types, imports without a DOM), then
// the browser tests (react-dom 19 in Chromium). Writes the added counts to test-results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const results = join(here, 'test-results.json');
const nodeCounts = join(here, '.node-test-results.json');
// The runner's own bin, so the script also works outside `pnpm test` (no node_modules/.bin on PATH).
const wtr = join(dirname(createRequire(import.meta.url).resolve('@web/test-runner')), 'bin.js');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: here, stdio: 'inherit' }).status ?? 1;
rmSync(results, { force: true });

const fresh = run(process.execPath, ['scripts/generate.mjs', '--check']);
const nodeTests = readdirSync(join(here, 'test')).filter((f) => f.endsWith('.node.test.mjs')).map((f) => join('test', f));
const nodeCode = run(process.execPath, [
  '--test',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  `--test-reporter=${join(here, '../../scripts/node-test-count-reporter.mjs')}`,
  `--test-reporter-destination=${nodeCounts}`,
  ...nodeTests,
]);
const browserCode = run(process.execPath, [wtr, '--config', 'web-test-runner.config.mjs']);

const counts = { passed: 0, failed: fresh === 0 ? 0 : 1, skipped: 0 };
for (const [file, code] of [[nodeCounts, nodeCode], [results, browserCode]]) {
  if (!existsSync(file)) {
    counts.failed += 1;
    continue;
  }
  const c = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of Object.keys(counts)) counts[key] += c[key] ?? 0;
  if (code !== 0 && !c.failed) counts.failed += 1;
}
rmSync(nodeCounts, { force: true });
writeFileSync(results, JSON.stringify(counts) + '\n');
console.log(`@civic-kiosk/react: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed === 0 && fresh === 0 && nodeCode === 0 && browserCode === 0 ? 0 : 1);
