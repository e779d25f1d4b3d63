// Adds up the test-results.json that each package's test runner wrote and
// prints "passed failed skipped". A package with a test script but no
// results file counts as one failure (its runner never finished).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const group of ['packages', 'apps']) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const pkgFile = join(dir, name, 'package.json');
    if (!existsSync(pkgFile) || !JSON.parse(readFileSync(pkgFile, 'utf8')).scripts?.test) continue;
    const resultFile = join(dir, name, 'test-results.json');
    if (!existsSync(resultFile)) {
      console.error(`${group}/${name}: no test results`);
      totals.failed++;
      continue;
    }
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    console.error(`${group}/${name}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
    for (const key of Object.keys(totals)) totals[key] += result[key] ?? 0;
  }
}
// The visual run over the built Storybook (scripts/visual/run.mjs) is not a package: its counts are at the root.
const visualFile = join(root, 'visual', 'test-results.json');
if (existsSync(visualFile)) {
  const result = JSON.parse(readFileSync(visualFile, 'utf8'));
  console.error(`visual: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
  for (const key of Object.keys(totals)) totals[key] += result[key] ?? 0;
}
console.log(`${totals.passed} ${totals.failed} ${totals.skipped}`);
