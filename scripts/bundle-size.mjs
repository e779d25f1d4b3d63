// Measures a bundle the way a consumer's bundler would load it: esbuild
// (minified, code-split, ES2022), gzip level 9. "Initial" is the entry chunk
// and every chunk it imports statically; the rest loads on demand.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** lit itself is shared by every component on a page, so no budget counts it. */
export const LIT = ['lit', 'lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit/reactive-element', '@lit/reactive-element/*'];

export const kb = (bytes) => (bytes / 1024).toFixed(2);

/**
 * @param {{ imports: string[], resolveDir: string, external?: string[] }} options
 *   modules to bundle (re-exported whole, as a package consumer may use all of it)
 * @returns {Promise<{ initialBytes: number, lazy: { bytes: number, inputs: string[] }[] }>}
 */
export async function measureBundle({ imports, resolveDir, external = [] }) {
  const outdir = mkdtempSync(join(tmpdir(), 'ck-size-'));
  try {
    const contents = imports.map((name, i) => `export * as m${i} from '${name}';`).join('\n');
    const result = await build({
      stdin: { contents, resolveDir, loader: 'js' },
      bundle: true, minify: true, splitting: true, format: 'esm', target: 'es2022',
      outdir, metafile: true, write: true, external: [...LIT, ...external], logLevel: 'error',
    });
    const outputs = result.metafile.outputs;
    const initial = new Set();
    const visit = (file) => {
      if (initial.has(file)) return;
      initial.add(file);
      for (const dep of outputs[file].imports) if (dep.kind === 'import-statement' && !dep.external) visit(dep.path);
    };
    // The stdin module is the entry; other outputs with an entryPoint are dynamic-import chunks.
    visit(Object.keys(outputs).find((file) => outputs[file].entryPoint === '<stdin>'));
    const gz = (file) => gzipSync(readFileSync(join(resolveDir, file)), { level: 9 }).length;
    const initialBytes = [...initial].reduce((sum, file) => sum + gz(file), 0);
    const lazy = Object.keys(outputs)
      .filter((file) => !initial.has(file) && file.endsWith('.js'))
      .map((file) => ({ bytes: gz(file), inputs: Object.keys(outputs[file].inputs) }));
    return { initialBytes, lazy };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
