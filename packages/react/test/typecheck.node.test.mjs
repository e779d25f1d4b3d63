// The types an embedder sees, checked with tsc against the BUILT package (exports + .d.ts), as a React 19
// app would: test/fixtures/app.tsx uses every subpath and the raw tags, with `@ts-expect-error` on mistakes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function typecheck(project) {
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: String(error.stdout) + String(error.stderr) };
  }
}

test('a React 19 app using the wrappers and the raw tags type-checks, and every deliberate mistake is caught', () => {
  const { ok, output } = typecheck(join(fixtures, 'tsconfig.json'));
  assert.ok(ok, output);
});

test('without its @ts-expect-error, a wrong prop type fails the check (the test above can fail)', () => {
  const source = readFileSync(join(fixtures, 'app.tsx'), 'utf8');
  const marker = '{/* @ts-expect-error radiusKm is a number */}\n      <CkStationFinder radiusKm="2" />';
  assert.ok(source.includes(marker), 'the fixture still has its wrong radiusKm');
  const dir = mkdtempSync(join(fixtures, '.tmp-'));
  try {
    writeFileSync(join(dir, 'app.tsx'), source.replace(marker, '<CkStationFinder radiusKm="2" />'));
    const config = JSON.parse(readFileSync(join(fixtures, 'tsconfig.json'), 'utf8'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...config, files: ['app.tsx'] }));
    const { ok, output } = typecheck(join(dir, 'tsconfig.json'));
    assert.equal(ok, false);
    assert.match(output, /app\.tsx\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
    assert.equal(output.match(/error TS/g)?.length, 1, output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
