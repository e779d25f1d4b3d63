// Size budgets: bundles each group from the built packages and fails when its
// initial JavaScript (gzipped, lit excluded) is over budget. Lazy chunks are listed apart.
//   node scripts/size.mjs            check every budget in size-budgets.json
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kb, measureBundle } from './bundle-size.mjs';

const root = new URL('..', import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(root, 'size-budgets.json'), 'utf8'));
let failed = 0;

for (const budget of config.budgets) {
  const { initialBytes, lazy } = await measureBundle({
    imports: budget.imports,
    resolveDir: root,
    external: [...config.external, ...(budget.external ?? [])],
  });
  const lazyBytes = lazy.reduce((sum, chunk) => sum + chunk.bytes, 0);
  const ok = initialBytes <= budget.limitKb * 1024;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${budget.name}: ${kb(initialBytes)} kB gzipped initial (budget ${budget.limitKb} kB); ${kb(lazyBytes)} kB in ${lazy.length} chunk(s) loaded on demand`);
}
process.exit(failed ? 1 : 0);
