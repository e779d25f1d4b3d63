// Issue 13 items 4 and 6: every publishable package works alone from its tarball.
// Packs each package (pnpm pack: workspace versions become real ranges), checks the
// tarball holds only what is needed, installs all tarballs into a clean project
// OUTSIDE the workspace with their declared dependencies only (npm, from the
// registry), and imports each entry point of `exports` in plain Node: class modules
// must load with no DOM at all (no window, document or customElements at import
// time); modules that register elements load under @lit-labs/ssr's DOM shim.
// Type-only entries (`@civic-kiosk/<pkg>/vue`, `/svelte`, `@civic-kiosk/react/jsx`) must be in the tarball;
// every package that registers elements ships the Vue and Svelte ones. @civic-kiosk/react is installed with
// react and react-dom 19 and its wrappers must import with no DOM, like class modules.
//   node scripts/pack-check.mjs            prints a table; exits 1 on any problem
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SSR_VERSION = '4.1.0';
const ALLOWED = /^package\/(package\.json|README\.md|CHANGELOG\.md|LICENSE|custom-elements\.json|dist\/.+)$/;
const REQUIRED = ['package/package.json', 'package/README.md', 'package/LICENSE', 'package/CHANGELOG.md'];
const REACT_VERSION = '19.3.1';
/** Type-only entries every package that registers elements (has a define module) must export. */
const FRAMEWORK_TYPES = ['./vue', './svelte'];

const work = mkdtempSync(join(tmpdir(), 'ck-pack-'));
const problems = [];
const rows = [];
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

try {
  const packages = readdirSync(join(root, 'packages'))
    .map((dir) => ({ dir: join(root, 'packages', dir), json: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
    .filter((p) => !p.json.private);
  const tarballs = [];
  for (const pkg of packages) {
    const out = run('pnpm', ['pack', '--pack-destination', work], pkg.dir).trim().split('\n').pop();
    const tarball = out.startsWith('/') ? out : join(work, out.split('/').pop());
    tarballs.push(tarball);
    const files = run('tar', ['-tzf', tarball], work).trim().split('\n');
    for (const file of files) if (!ALLOWED.test(file)) problems.push(`${pkg.json.name}: ${file} should not be in the tarball`);
    const required = pkg.json.customElements ? [...REQUIRED, `package/${pkg.json.customElements}`] : REQUIRED;
    for (const file of required) if (!files.includes(file)) problems.push(`${pkg.json.name}: ${file.slice(8)} is missing from the tarball`);
    if (pkg.json.exports?.['./define.js']) {
      for (const key of FRAMEWORK_TYPES) if (!pkg.json.exports[key]) problems.push(`${pkg.json.name}: registers elements but does not export ${key} typings`);
    }
    const bytes = statSync(tarball).size;
    const own = files.filter((f) => /^package\/dist\/.+\.js$/.test(f)).length;
    rows.push({ name: pkg.json.name, files: files.length, js: own, kB: (bytes / 1024).toFixed(1) });
  }

  // A clean project far from the workspace: nothing resolves through pnpm's links.
  const app = join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'ck-pack-check', private: true, type: 'module' }));
  // react and react-dom are @civic-kiosk/react's peers: an app brings them.
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, `@lit-labs/ssr@${SSR_VERSION}`, `react@${REACT_VERSION}`, `react-dom@${REACT_VERSION}`], app);

  for (const pkg of packages) {
    const name = pkg.json.name;
    const installed = join(app, 'node_modules', name);
    const entries = [];
    for (const [key, target] of Object.entries(pkg.json.exports ?? {})) {
      const file = typeof target === 'string' ? target : (target.import ?? target.default);
      if (key === './package.json') continue;
      const types = typeof target === 'string' ? undefined : target.types;
      if (types && !key.includes('*') && !existsSync(join(installed, types))) {
        problems.push(`${name}/${key.slice(2)}: its types ${types.slice(2)} are not in the package`);
      }
      if (!file) continue; // type-only: checked above
      if (key.includes('*')) {
        // A pattern export: every file it matches in the installed package.
        const [prefix, suffix] = file.split('*');
        const dir = join(installed, dirname(`${prefix}x`));
        for (const f of existsSync(dir) ? readdirSync(dir) : []) {
          if (f.endsWith(suffix) && !f.endsWith(`.d${suffix}`) && !f.endsWith('.map')) entries.push({ spec: `${name}/${key.replace('./', '').replace('*', f.slice(0, f.length - suffix.length))}`, file: join(dir, f) });
        }
      } else {
        entries.push({ spec: key === '.' ? name : `${name}/${key.slice(2)}`, file: join(installed, file) });
      }
    }
    for (const entry of entries) {
      if (!existsSync(entry.file)) {
        problems.push(`${entry.spec}: exported, but ${entry.file.slice(installed.length + 1)} is not in the package`);
        continue;
      }
      if (!entry.file.endsWith('.js')) continue;
      // Declared in package.json: loaded by the element itself, in a browser, on demand.
      if ((pkg.json.civicKiosk?.browserOnly ?? []).some((f) => entry.file.endsWith(f))) continue;
      const registers = /customElements\.define\(|\bdefineElement\(/.test(readFileSync(entry.file, 'utf8'));
      const script = registers ? `import '@lit-labs/ssr/lib/install-global-dom-shim.js'; await import(${JSON.stringify(entry.spec)});` : `await import(${JSON.stringify(entry.spec)});`;
      try {
        run(process.execPath, ['--input-type=module', '-e', script], app);
      } catch (error) {
        const message = String(error.stderr ?? error.message).split('\n').find((l) => /Error/.test(l)) ?? String(error.message).split('\n')[0];
        problems.push(`${entry.spec}: import in Node${registers ? ' (DOM shim)' : ' (no DOM)'} fails: ${message.trim()}`);
      }
    }
    rows.find((r) => r.name === name).entries = entries.length;
  }
} catch (error) {
  problems.push(`pack check could not run: ${String(error.stderr ?? error.message).slice(0, 2000)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.table(rows);
for (const p of problems) console.error(`✗ ${p}`);
console.log(problems.length === 0 ? `pack check: ${rows.length} packages install alone from their tarballs and every export loads in Node` : `pack check: ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
