// Builds the plain example (plain/ -> dist/plain/) WITHOUT bundling: every
// module the page can load (the packages' own dist files and those of lit,
// @lit/*, leaflet, chart.js, ...) is copied byte for byte into dist/plain/vendor/
// and the page gets an import map that sends each bare specifier to its copy.
//
// esbuild is used only to walk the module graph (its metafile says, for each
// file, which specifier it imports and which file that resolves to, with the
// browser/import conditions a browser would want). Its bundle is thrown away.
// The one exception is a CommonJS dependency (qrcode, loaded by <ck-qr-code>
// on demand): a browser cannot import CommonJS, so it alone is converted into
// one ES module file (vendor/<name>@<version>/esm.js).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'plain');
const out = path.join(root, 'dist', 'plain');
const vendorDir = path.join(out, 'vendor');

/** What the page imports: one define module per service (importing it defines the tags). */
export const ENTRIES = ['@civic-kiosk/station-finder/define.js', '@civic-kiosk/parking-board/define.js'];

const packageOf = new Map();
/** The package a file belongs to: its nearest package.json with a name (dir, name, version). */
function owningPackage(file) {
  let dir = path.dirname(file);
  while (dir !== path.dirname(dir)) {
    if (packageOf.has(dir)) return packageOf.get(dir);
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      if (name) {
        const pkg = { dir, name, version: version ?? '0.0.0' };
        packageOf.set(dir, pkg);
        return pkg;
      }
    }
    dir = path.dirname(dir);
  }
  throw new Error(`no package.json above ${file}`);
}

/** Where a file of node_modules or of the workspace is served: /vendor/<name>@<version>/<path in its package>. */
function vendorUrl(file) {
  const pkg = owningPackage(file);
  return `./vendor/${pkg.name}@${pkg.version}/${path.relative(pkg.dir, file).split(path.sep).join('/')}`;
}

const isBare = (specifier) => !/^(\.{0,2}\/|[a-z]+:)/i.test(specifier);

async function moduleGraph() {
  // An entry file that imports each entry specifier, resolved from this package (its dependencies).
  const result = await build({
    stdin: { contents: ENTRIES.map((e) => `import ${JSON.stringify(e)};`).join('\n'), resolveDir: root, loader: 'js' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: path.join(root, '.graph'),
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  return result.metafile.inputs;
}

async function main() {
  const inputs = await moduleGraph();
  const abs = (p) => path.resolve(root, p);
  const formatOf = new Map(Object.entries(inputs).map(([p, info]) => [abs(p), info.format]));
  const copies = new Set();
  const commonJs = new Map(); // specifier -> resolved CommonJS entry file
  const imports = {}; // specifier -> url
  const scopes = {}; // package url -> { specifier -> url } when one specifier means two files
  const conflicts = [];

  for (const [p, info] of Object.entries(inputs)) {
    const file = abs(p);
    if (p === '<stdin>') continue;
    if (info.format === 'cjs') continue; // only reached inside a CommonJS package: bundled with it below
    if (!/\.(m?js)$/.test(file)) throw new Error(`not a JavaScript module: ${file} (the plain page cannot load it without a bundler)`);
    copies.add(file);
  }
  const stdinImports = inputs['<stdin>']?.imports ?? [];
  for (const [p, info] of Object.entries(inputs)) {
    if (info.format === 'cjs') continue;
    const importer = p === '<stdin>' ? undefined : abs(p);
    for (const imp of p === '<stdin>' ? stdinImports : info.imports) {
      if (!imp.original || !isBare(imp.original) || imp.external) continue;
      const target = abs(imp.path);
      let url;
      if (formatOf.get(target) === 'cjs') {
        commonJs.set(imp.original, target);
        url = `./vendor/${owningPackage(target).name}@${owningPackage(target).version}/esm.js`;
      } else url = vendorUrl(target);
      if (imports[imp.original] === undefined || imports[imp.original] === url) imports[imp.original] = url;
      else {
        // Two versions of one package: the importer's package gets its own in a scope.
        const scope = importer ? `./vendor/${owningPackage(importer).name}@${owningPackage(importer).version}/` : './';
        (scopes[scope] ??= {})[imp.original] = url;
        conflicts.push(`${imp.original} from ${scope}`);
      }
    }
  }

  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(vendorDir, { recursive: true });
  for (const file of copies) {
    const dest = path.join(out, vendorUrl(file));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(file, dest);
    if (fs.existsSync(`${file}.map`)) fs.copyFileSync(`${file}.map`, `${dest}.map`);
  }
  for (const [specifier, file] of commonJs) {
    const pkg = owningPackage(file);
    await build({
      entryPoints: [file],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      outfile: path.join(vendorDir, `${pkg.name}@${pkg.version}`, 'esm.js'),
      logLevel: 'error',
    });
    console.log(`converted CommonJS ${specifier} -> vendor/${pkg.name}@${pkg.version}/esm.js`);
  }

  const sorted = Object.fromEntries(Object.entries(imports).sort(([a], [b]) => a.localeCompare(b)));
  const importMap = { imports: sorted, ...(Object.keys(scopes).length ? { scopes } : {}) };
  for (const name of fs.readdirSync(src)) {
    const from = path.join(src, name);
    if (name === 'index.html') {
      const html = fs.readFileSync(from, 'utf8');
      const marker = '<!-- import map: written by scripts/build-plain.mjs -->';
      if (!html.includes(marker)) throw new Error(`${from} has no import map marker`);
      const script = `<script type="importmap">\n${JSON.stringify(importMap, null, 2)}\n</script>`;
      fs.writeFileSync(path.join(out, name), html.replace(marker, script));
    } else fs.cpSync(from, path.join(out, name), { recursive: true });
  }
  fs.writeFileSync(path.join(out, 'importmap.json'), `${JSON.stringify(importMap, null, 2)}\n`);
  const bytes = [...copies].reduce((n, f) => n + fs.statSync(f).size, 0);
  console.log(`plain example: ${copies.size} modules copied (${Math.round(bytes / 1024)} KiB), ${Object.keys(sorted).length} bare specifiers mapped${conflicts.length ? `, scoped: ${conflicts.join(', ')}` : ''} -> ${path.relative(process.cwd(), out)}`);
}

await main();
