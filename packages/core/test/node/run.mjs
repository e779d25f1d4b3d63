// Runs core's Node-side tests (node:test; they need no DOM, or start their own
// Chromium) after the browser tests, and adds their counts to the
// test-results.json that web-test-runner wrote, so the repository's test
// count includes them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = join(here, '..', '..');
const reporter = fileURLToPath(new URL('../../../../scripts/node-test-count-reporter.mjs', import.meta.url));
const counts = join(tmpdir(), `ck-core-node-tests-${process.pid}.json`);
const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs')).map((f) => join(here, f));

const run = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', `--test-reporter=${reporter}`, `--test-reporter-destination=${counts}`, ...files],
  { stdio: 'inherit', cwd: pkg },
);
const node = existsSync(counts) ? JSON.parse(readFileSync(counts, 'utf8')) : { passed: 0, failed: 1, skipped: 0 };
rmSync(counts, { force: true });
const resultFile = join(pkg, 'test-results.json');
const total = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
for (const key of ['passed', 'failed', 'skipped']) total[key] = (total[key] ?? 0) + (node[key] ?? 0);
writeFileSync(resultFile, JSON.stringify(total));
console.log(`core node tests: ${node.passed} passed, ${node.failed} failed, ${node.skipped} skipped`);
process.exit(run.status ?? 1);
