// Every subpath of the built package imports in plain Node (SSR, unit tests): no window, no document at
// import time, and it exports one component per element of its package's manifest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { generate, PACKAGES } from '../scripts/generate.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const files = generate();

for (const sub of PACKAGES) {
  test(`@civic-kiosk/react/${sub} imports in Node with no DOM and exports its components`, () => {
    assert.ok(pkg.exports[`./${sub}`], 'in exports');
    const script = `if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('a DOM is present');
      const m = await import('@civic-kiosk/react/${sub}');
      console.log(JSON.stringify(Object.keys(m).sort()));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: new URL('..', import.meta.url) });
    const expected = [...files[`${sub}.ts`].matchAll(/^export const (\w+)/gm)].map((m) => m[1]).sort();
    assert.deepEqual(JSON.parse(out.trim().split('\n').pop()), expected);
    assert.ok(expected.length > 0);
  });
}
