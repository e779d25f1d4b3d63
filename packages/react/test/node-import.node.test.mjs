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

test('the wrappers render to a string in Node (SSR): the tag is in the HTML, the props wait for the browser', () => {
  const script = `import React from 'react';
    import { renderToString } from 'react-dom/server';
    import { CkStationFinder } from '@civic-kiosk/react/station-finder';
    import { CkButton } from '@civic-kiosk/react/ui';
    const h = React.createElement;
    console.log(renderToString(h('main', null, h(CkStationFinder, { api: '/api', radiusKm: 2, onCkStationSelect() {} }), h(CkButton, { variant: 'primary' }, 'OK'))));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: new URL('..', import.meta.url) });
  assert.equal(out.trim().split('\n').pop(), '<main><ck-station-finder></ck-station-finder><ck-button>OK</ck-button></main>');
});
