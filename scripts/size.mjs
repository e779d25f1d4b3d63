// Size budgets: bundles each group from the built packages with esbuild
// (minified, code-split, lit external), gzips the initial chunks and fails
// when a group is over its budget. Lazy chunks are listed apart.
//   node scripts/size.mjs            check every budget in size-budgets.json
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(root, 'size-budgets.json'), 'utf8'));
const kb = (bytes) => (bytes / 1024).toFixed(2);
let failed = 0;

for (const budget of config.budgets) {
  const outdir = mkdtempSync(join(tmpdir(), 'ck-size-'));
  const contents = budget.imports.map((name, i) => `export * as m${i} from '${name}';`).join('\n');
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true, minify: true, splitting: true, format: 'esm', target: 'es2022',
    outdir, metafile: true, write: true, external: [...config.external, ...(budget.external ?? [])], logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint);
  // Initial = the entry and every chunk it imports statically, transitively.
  const initial = new Set();
  const visit = (file) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const dep of outputs[file].imports) if (dep.kind === 'import-statement' && !dep.external) visit(dep.path);
  };
  visit(entry);
  const gz = (file) => gzipSync(readFileSync(join(root, file)), { level: 9 }).length;
  const initialBytes = [...initial].reduce((sum, file) => sum + gz(file), 0);
  const lazy = Object.keys(outputs).filter((file) => !initial.has(file) && file.endsWith('.js'));
  const lazyBytes = lazy.reduce((sum, file) => sum + gz(file), 0);
  const ok = initialBytes <= budget.limitKb * 1024;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${budget.name}: ${kb(initialBytes)} kB gzipped initial (budget ${budget.limitKb} kB); ${kb(lazyBytes)} kB in ${lazy.length} chunk(s) loaded on demand`);
  rmSync(outdir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
