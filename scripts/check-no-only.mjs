// Fails when a test or story file still has a focused test (`it.only`, `describe.only`,
// `test.only`, `suite.only`): a focused test silently skips every other test in its run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const FOCUSED = /\b(?:it|describe|test|suite|context)\.only\s*\(/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', 'storybook-static', 'generated', '.turbo', '.git']);

function* testFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* testFiles(path);
    else if (/\.(test|e2e)\.(ts|mjs|js)$/.test(name) || /\.stories\.ts$/.test(name)) yield path;
  }
}

const offenders = [];
for (const group of ['packages', 'apps', 'scripts']) {
  for (const file of testFiles(join(root, group))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (FOCUSED.test(line)) offenders.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
  }
}
if (offenders.length > 0) {
  console.error(`Focused tests left in (remove .only):\n${offenders.join('\n')}`);
  process.exit(1);
}
console.log('no focused tests (.only)');
