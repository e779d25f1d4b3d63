// Issue 13 item 4 in plain Node: every module imports with no DOM, and every
// element's shell renders with @lit-labs/ssr (scripts/ssr-check.mjs does the work).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../../../scripts/ssr-check.mjs', import.meta.url));
let result;
try {
  result = JSON.parse(execFileSync(process.execPath, [script, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
} catch (error) {
  // Exit code 1 still carries the JSON of what failed.
  result = JSON.parse(error.stdout);
}

describe('safe anywhere: every class module imports in plain Node', () => {
  it('checks the modules of every package', () => {
    const packages = new Set(result.imports.map((i) => i.module.split('/')[1]));
    assert.deepEqual([...packages].sort(), ['core', 'health-record', 'library-checkout', 'parking-board', 'react', 'station-finder', 'ui']);
  });
  for (const entry of result.imports) {
    it(`${entry.module}${entry.shim ? ' (a define module, under the SSR DOM shim)' : ' touches no window, document or customElements'}`, () => {
      assert.equal(entry.error, undefined);
      assert.equal(entry.ok, true);
    });
  }
});

describe('safe anywhere: @lit-labs/ssr renders each element', () => {
  it('finds every element of every package', () => {
    assert.ok(result.renders.length >= 12, `only ${result.renders.length} elements`);
  });
  for (const entry of result.renders) {
    it(`<${entry.tag}> renders its shell${entry.tag === 'ck-session' ? ' (light DOM)' : ' into a declarative shadow root'}`, () => {
      assert.equal(entry.error, undefined);
      assert.equal(entry.ok, true);
    });
  }
  it('no "defined by another copy" warning with one copy of each package', () => {
    assert.deepEqual(result.warnings, []);
  });
});
