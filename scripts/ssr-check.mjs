// Issue 13 item 4, "safe anywhere", from the sources (no build needed):
//  1. every module of every package's src/ that registers nothing imports in plain
//     Node with NO DOM shim: nothing touches window, document or customElements at
//     import (a touch throws ReferenceError here, and none of them may appear on
//     globalThis afterwards);
//  2. under @lit-labs/ssr's DOM shim, every define module imports, and every element
//     (each `@tagname` in the sources) renders its shell with @lit-labs/ssr without
//     throwing, into a declarative shadow root (`<template shadowroot…`).
// The sources are bundled by esbuild (decorators lowered, @civic-kiosk/* imports
// mapped to their src/) with the lit family left external, so the elements and
// @lit-labs/ssr share one lit. Each step runs in a fresh Node process.
//
//   node scripts/ssr-check.mjs          prints one line per module / element; exits 1 on any problem
//   node scripts/ssr-check.mjs --json   prints { imports: [...], renders: [...] } (for packages/core's node test)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(root, 'packages');
const asJson = process.argv.includes('--json');

/** Modules that register elements (they need a DOM, or its shim): these are "define" modules. */
const REGISTERS = /customElements\.define\(|\bdefineElement\(/;
/** The lit family stays external: one copy shared with @lit-labs/ssr. */
const LIT = /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/;

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) {
      if (name !== 'generated') out.push(...sourceFiles(file));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.stories.ts')) out.push(file);
  }
  return out;
}

const packages = readdirSync(packagesDir)
  .filter((name) => existsSync(join(packagesDir, name, 'package.json')) && existsSync(join(packagesDir, name, 'src')))
  .map((name) => {
    const json = JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8'));
    // Declared browser-only (loaded by the element itself, in a browser, on demand): skipped, as in pack-check.
    const browserOnly = (json.civicKiosk?.browserOnly ?? []).map((f) => basename(f, '.js'));
    return { name, npm: json.name, files: sourceFiles(join(packagesDir, name, 'src')).filter((f) => !browserOnly.includes(basename(f, '.ts'))) };
  })
  .filter((p) => p.npm?.startsWith('@civic-kiosk/'));

const entries = packages.flatMap((p) => p.files);
const registering = new Set(entries.filter((f) => REGISTERS.test(readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''))));
const tags = [...new Set(entries.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/@tagname\s+(ck-[a-z0-9-]+)/g)].map((m) => m[1])))].sort();

/** `@civic-kiosk/ui/qr-code.js` -> packages/ui/src/qr-code.ts; `@civic-kiosk/core` -> packages/core/src/index.ts. */
const sourcesPlugin = {
  name: 'civic-kiosk-sources',
  setup(b) {
    b.onResolve({ filter: /^@civic-kiosk\// }, (args) => {
      const [, pkg, ...rest] = args.path.split('/');
      const dir = packages.find((p) => p.npm === `@civic-kiosk/${pkg}`);
      if (!dir) return undefined;
      const sub = rest.length ? rest.join('/').replace(/\.js$/, '.ts') : 'index.ts';
      return { path: join(packagesDir, dir.name, 'src', sub) };
    });
    b.onResolve({ filter: LIT }, (args) => ({ path: realpathSync(createRequire(args.importer || join(root, 'package.json')).resolve(args.path)), external: true }));
  },
};

const work = mkdtempSync(join(tmpdir(), 'ck-ssr-'));
const result = { imports: [], renders: [] };
try {
  await build({
    entryPoints: entries.map((f) => ({ in: f, out: relative(packagesDir, f).replace(/\.ts$/, '') })),
    outdir: work,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: join(root, 'tsconfig.base.json'),
    plugins: [sourcesPlugin],
    // A side-effect import of CSS (e.g. Leaflet's) is not this check's business.
    loader: { '.css': 'empty', '.png': 'empty', '.svg': 'empty' },
    logLevel: 'silent',
  });
  const outOf = (file) => join(work, `${relative(packagesDir, file).replace(/\.ts$/, '')}.js`);

  const ssrRequire = createRequire(join(packagesDir, 'core', 'package.json'));
  const ssrDir = dirname(realpathSync(ssrRequire.resolve('@lit-labs/ssr/package.json')));
  const litUrl = pathToFileURL(realpathSync(createRequire(join(ssrDir, 'package.json')).resolve('lit'))).href;

  // 1. Plain Node: no window, document or customElements anywhere.
  const plain = entries.filter((f) => !registering.has(f));
  const importScript = `
    // lit's Node build puts the SSR shim's customElements on globalThis when it loads (that is lit, not
    // us): load it first, then count any read of customElements while a module of ours is imported.
    await import(${JSON.stringify(litUrl)});
    const registry = globalThis.customElements;
    let reads = 0;
    Object.defineProperty(globalThis, 'customElements', { configurable: true, get() { reads++; return registry; } });
    const out = [];
    for (const [name, url] of ${JSON.stringify(plain.map((f) => [relative(root, f), pathToFileURL(outOf(f)).href]))}) {
      try {
        reads = 0;
        await import(url);
        const touched = ['window', 'document'].filter((g) => g in globalThis);
        if (reads) touched.push('read customElements ' + reads + ' time(s)');
        out.push({ module: name, ok: touched.length === 0, error: touched.length ? touched.join(', ') : undefined });
      } catch (error) {
        out.push({ module: name, ok: false, error: String(error && error.stack || error).split('\\n').slice(0, 3).join(' | ') });
      }
    }
    (await import('node:fs')).writeFileSync(${JSON.stringify(join(work, 'imports.json'))}, JSON.stringify(out));`;
  // Results go through a file: a module may print to stdout.
  execFileSync(process.execPath, ['--input-type=module', '-e', importScript], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  result.imports = JSON.parse(readFileSync(join(work, 'imports.json'), 'utf8'));

  // 2. Under the SSR DOM shim: the define modules, then each element's shell.
  const renderScript = `
    await import(${JSON.stringify(pathToFileURL(join(ssrDir, 'lib/install-global-dom-shim.js')).href)});
    const { render } = await import(${JSON.stringify(pathToFileURL(join(ssrDir, 'index.js')).href)});
    const { collectResult } = await import(${JSON.stringify(pathToFileURL(join(ssrDir, 'lib/render-result.js')).href)});
    const { html } = await import(${JSON.stringify(litUrl)});
    const out = [];
    const warnings = [];
    console.warn = (...args) => warnings.push(args.map(String).join(' '));
    for (const [name, url] of ${JSON.stringify([...registering].map((f) => [relative(root, f), pathToFileURL(outOf(f)).href]))}) {
      try {
        await import(url);
        out.push({ module: name, ok: true });
      } catch (error) {
        out.push({ module: name, ok: false, error: String(error && error.stack || error).split('\\n').slice(0, 3).join(' | ') });
      }
    }
    // <ck-session> is registered by a function of core, not a define module.
    (await import(${JSON.stringify(pathToFileURL(join(work, 'core/src/index.js')).href)})).defineSessionProvider();
    const renders = [];
    for (const tag of ${JSON.stringify(tags)}) {
      if (!customElements.get(tag)) { renders.push({ tag, ok: false, error: 'not registered by any define module' }); continue; }
      // A template of one tag, made at run time: the strings array carries 'raw' like a literal's.
      const strings = Object.assign(['<' + tag + '></' + tag + '>'], { raw: ['<' + tag + '></' + tag + '>'] });
      try {
        const markup = await collectResult(render(html(strings)));
        // A Lit element's shell is its shadow root; a light-DOM element (the <ck-session> provider) has none.
        const lit = typeof customElements.get(tag).prototype.createRenderRoot === 'function';
        const shadow = /<template shadowroot(mode)?="open"/.test(markup);
        renders.push({ tag, ok: shadow === lit, shadow, bytes: markup.length, error: shadow === lit ? undefined : (lit ? 'no declarative shadow root in ' : 'a shadow root in a light-DOM element: ') + markup.slice(0, 200) });
      } catch (error) {
        renders.push({ tag, ok: false, error: String(error && error.stack || error).split('\\n').slice(0, 3).join(' | ') });
      }
    }
    (await import('node:fs')).writeFileSync(${JSON.stringify(join(work, 'renders.json'))}, JSON.stringify({ defines: out, renders, warnings }));`;
  execFileSync(process.execPath, ['--input-type=module', '-e', renderScript], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  const ssr = JSON.parse(readFileSync(join(work, 'renders.json'), 'utf8'));
  result.imports.push(...ssr.defines.map((d) => ({ ...d, shim: true })));
  result.renders = ssr.renders;
  // One copy of every package here: a "defined by another copy" warning would be a bug.
  result.warnings = ssr.warnings.filter((w) => /already defined/.test(w));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const problems = [
  ...result.imports.filter((i) => !i.ok).map((i) => `import ${i.module}${i.shim ? ' (DOM shim)' : ' (no DOM)'}: ${i.error}`),
  ...result.renders.filter((r) => !r.ok).map((r) => `render <${r.tag}>: ${r.error}`),
  ...result.warnings.map((w) => `unexpected warning: ${w}`),
];
if (asJson) {
  process.stdout.write(JSON.stringify(result));
} else {
  for (const i of result.imports) console.log(`${i.ok ? '✓' : '✗'} import ${i.module}${i.shim ? ' (DOM shim)' : ''}`);
  for (const r of result.renders) console.log(`${r.ok ? '✓' : '✗'} render <${r.tag}>${r.ok ? ` ${r.bytes} B` : ''}`);
  for (const p of problems) console.error(`✗ ${p}`);
  console.log(
    problems.length === 0
      ? `ssr check: ${result.imports.length} modules import in Node, ${result.renders.length} elements render with @lit-labs/ssr`
      : `ssr check: ${problems.length} problems`,
  );
}
process.exit(problems.length === 0 ? 0 : 1);
