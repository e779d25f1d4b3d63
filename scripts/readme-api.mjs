// Issue 13 item 1: the API tables of each package README come from its
// custom-elements manifest (built by `cem analyze` in the package's build), so
// the README cannot drift from the JSDoc on the element classes. Per element:
// attributes, properties that are not attributes, methods, events (with the
// fields of their detail), slots, CSS parts and CSS custom properties, written
// between `<!-- api:start -->` and `<!-- api:end -->`.
// Each service README must also show the embedding recipe: npm install, one
// import of the define module, one tag, nothing from the kiosk app.
//   node scripts/readme-api.mjs           rewrite the blocks (run after `pnpm build`)
//   node scripts/readme-api.mjs --check   exit 1, naming the difference, when a README disagrees
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- api:start -->';
const END = '<!-- api:end -->';
const check = process.argv.includes('--check');

/** Lit and DOM callbacks a subclass overrides: not part of an element's API. */
const LIFECYCLE = new Set([
  'render', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback', 'adoptedCallback',
  'firstUpdated', 'updated', 'willUpdate', 'update', 'shouldUpdate', 'performUpdate', 'scheduleUpdate',
  'getUpdateComplete', 'createRenderRoot', 'requestUpdate',
]);

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, json: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }));
const byName = new Map(packages.map((p) => [p.json.name, p]));
const manifests = new Map();

/** A package's manifest, or undefined when it has none (not built, or no elements). */
function manifestOf(pkg) {
  if (!manifests.has(pkg.dir)) {
    const file = join(pkg.dir, pkg.json.customElements ?? 'custom-elements.json');
    manifests.set(pkg.dir, existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
  }
  return manifests.get(pkg.dir);
}

const declarationsOf = (manifest) => manifest.modules.flatMap((m) => m.declarations ?? []);

/**
 * The analyzer resolves a superclass only inside its own package: an element of
 * station-finder does not list the `theme` attribute it gets from core's
 * KioskElement. Merge what a workspace superclass declares (the subclass wins).
 */
function withInherited(decl, seen = new Set()) {
  const sup = decl.superclass;
  const pkg = sup?.package && byName.get(sup.package);
  if (!pkg || seen.has(sup.name)) return decl;
  seen.add(sup.name);
  const manifest = manifestOf(pkg);
  const parent = manifest && declarationsOf(manifest).find((d) => d.name === sup.name && d.kind === 'class');
  if (!parent) throw new Error(`${decl.name} extends ${sup.name} from ${sup.package}, which is not in that package's manifest (build it first)`);
  const base = withInherited(parent, seen);
  const merge = (key) => {
    const own = decl[key] ?? [];
    const names = new Set(own.map((item) => item.name));
    return [...own, ...(base[key] ?? []).filter((item) => !names.has(item.name)).map((item) => ({ ...item, inheritedFrom: item.inheritedFrom ?? { name: base.name, package: sup.package } }))];
  };
  return { ...decl, attributes: merge('attributes'), members: merge('members'), events: merge('events'), slots: merge('slots'), cssParts: merge('cssParts'), cssProperties: merge('cssProperties') };
}

/** One table cell: one line, pipes escaped (GitHub tables split on them even inside code). */
const cell = (text) => (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text) => (text ? `\`${cell(text)}\`` : '—');
const inherited = (item) => (item.inheritedFrom ? ` (from \`${item.inheritedFrom.name}\`)` : '');

function table(head, rows) {
  if (!rows.length) return [];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

/** Every `export interface X { ... }` of the package's built declarations, by name. */
function interfacesOf(pkg) {
  const found = new Map();
  const walk = (dir) => {
    for (const entry of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.d.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) found.set(m[1], m[2]);
      }
    }
  };
  walk(join(pkg.dir, 'dist'));
  return found;
}

/** `CustomEvent<StationSelectDetail>` -> `{ station: Station }` (the fields a listener reads). */
function detailOf(event, interfaces) {
  const type = event.type?.text;
  if (!type) return '—';
  const inner = /^CustomEvent<(.+)>$/.exec(type)?.[1] ?? type;
  const body = interfaces.get(inner);
  if (body === undefined) return code(inner);
  const fields = body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.trim().replace(/;$/, ''))
    .filter(Boolean);
  return code(fields.length ? `{ ${fields.join('; ')} }` : '{}');
}

const signature = (method) => `${method.name}(${(method.parameters ?? []).map((p) => `${p.name}${p.optional || p.default ? '?' : ''}`).join(', ')})`;

function elementDoc(decl, interfaces) {
  const el = withInherited(decl);
  const isPublic = (m) => !m.static && !m.privacy && m.name && !m.name.startsWith('#') && !m.name.startsWith('_');
  const attributes = (el.attributes ?? []).filter((a) => a.name);
  const attrFields = new Set(attributes.map((a) => a.fieldName).filter(Boolean));
  const fieldsOf = new Map((el.members ?? []).filter((m) => m.kind === 'field').map((m) => [m.name, m]));
  const properties = (el.members ?? []).filter((m) => m.kind === 'field' && isPublic(m) && !attrFields.has(m.name) && !m.attribute);
  const methods = (el.members ?? []).filter((m) => m.kind === 'method' && isPublic(m) && !LIFECYCLE.has(m.name));
  const lines = [`### \`<${el.tagName}>\` — \`${el.name}\``, ''];
  if (el.summary) lines.push(cell(el.summary), '');
  lines.push(
    ...table(
      ['attribute', 'property', 'type', 'default', 'description'],
      attributes.map((a) => {
        const field = fieldsOf.get(a.fieldName);
        const reflects = field?.reflects ? ' Reflected.' : '';
        return [code(a.name), code(a.fieldName), code(a.type?.text ?? field?.type?.text), code(a.default ?? field?.default), cell(a.description ?? field?.description) + reflects + inherited(a)];
      }),
    ),
    ...table(
      ['property (no attribute)', 'type', 'default', 'description'],
      properties.map((p) => [code(p.name), code(p.type?.text), code(p.default), [p.readonly ? 'Read-only.' : '', cell(p.description)].filter(Boolean).join(' ') + inherited(p)]),
    ),
    ...table(['method', 'description'], methods.map((m) => [code(signature(m)), cell(m.description) + inherited(m)])),
    ...table(['event', 'detail', 'description'], (el.events ?? []).filter((e) => e.name).map((e) => [code(e.name), detailOf(e, interfaces), cell(e.description) + inherited(e)])),
    ...table(['slot', 'description'], (el.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)])),
    ...table(['CSS part', 'description'], (el.cssParts ?? []).map((p) => [code(p.name), cell(p.description) + inherited(p)])),
    // A default column only when some property declares one (`@cssprop [--x=1rem]`).
    ...((el.cssProperties ?? []).some((p) => p.default)
      ? table(['CSS custom property', 'default', 'description'], el.cssProperties.map((p) => [code(p.name), code(p.default), cell(p.description) + inherited(p)]))
      : table(['CSS custom property', 'description'], (el.cssProperties ?? []).map((p) => [code(p.name), cell(p.description) + inherited(p)]))),
  );
  return lines;
}

/** The generated block of one package, or undefined when it defines no element. */
function blockOf(pkg) {
  const manifest = manifestOf(pkg);
  if (!manifest) return undefined;
  const elements = declarationsOf(manifest).filter((d) => d.kind === 'class' && d.tagName);
  if (!elements.length) return undefined;
  const interfaces = interfacesOf(pkg);
  const lines = [
    START,
    `<!-- Generated from custom-elements.json by scripts/readme-api.mjs: edit the JSDoc of the element class, then \`pnpm build\` and \`node scripts/readme-api.mjs\`. -->`,
    '',
  ];
  for (const el of elements.sort((a, b) => a.tagName.localeCompare(b.tagName))) lines.push(...elementDoc(el, interfaces));
  lines.push(END);
  return lines.join('\n');
}

/**
 * A service (a package with a define module and one main element) is embedded
 * with: npm install, one import of its define module, one tag with its data
 * attribute or `.source`, and nothing from the kiosk app.
 */
function recipeProblems(pkg, readme) {
  const problems = [];
  const name = pkg.json.name;
  const service = pkg.json.exports?.['./define.js'] && !['@civic-kiosk/ui', '@civic-kiosk/core'].includes(name);
  if (!service) return problems;
  const tag = declarationsOf(manifestOf(pkg)).find((d) => d.tagName)?.tagName;
  // Exactly the package: its dependencies (lit, core, ui) come with it.
  if (!readme.split('\n').includes(`npm install ${name}`)) problems.push(`no line \`npm install ${name}\` (nothing else on it)`);
  if (!readme.includes(`import '${name}/define.js'`)) problems.push(`no \`import '${name}/define.js'\``);
  if (!new RegExp(`<${tag}\\b[^>]*\\b(api|fhir-base)=`).test(readme) && !/\.source\s*=/.test(readme)) problems.push(`no <${tag}> with \`api\` / \`fhir-base\` or a \`.source\``);
  if (/@civic-kiosk\/kiosk\b|apps\/kiosk\/src/.test(readme)) problems.push('imports from the kiosk app (@civic-kiosk/kiosk or apps/kiosk/src)');
  return problems;
}

/** The first line where two texts differ, with a little context. */
function firstDifference(actual, expected) {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) return `line ${i + 1} of the block:\n    README:   ${a[i] ?? '(missing)'}\n    manifest: ${e[i] ?? '(missing)'}`;
  }
  return '';
}

let failed = 0;
for (const pkg of packages.filter((p) => !p.json.private)) {
  const readmePath = join(pkg.dir, 'README.md');
  const rel = readmePath.slice(root.length + 1);
  const readme = readFileSync(readmePath, 'utf8');
  const block = blockOf(pkg);
  const problems = recipeProblems(pkg, readme);
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  let next = readme;
  if (block === undefined) {
    if (start !== -1) problems.push('has an API block, but the manifest defines no element (or is not built: `pnpm build`)');
  } else if (start === -1 || end < start) {
    problems.push(`no ${START} ... ${END} block (add the two markers where the tables belong)`);
  } else {
    const current = readme.slice(start, end + END.length);
    if (current !== block) {
      if (check) problems.push(`API tables differ from custom-elements.json; ${firstDifference(current, block)}\n  run \`node scripts/readme-api.mjs\` after \`pnpm build\``);
      next = readme.slice(0, start) + block + readme.slice(end + END.length);
    }
  }
  if (!check && next !== readme) {
    writeFileSync(readmePath, next);
    console.log(`wrote ${rel}`);
  }
  if (problems.length) {
    failed++;
    for (const p of problems) console.error(`${rel}: ${p}`);
  } else if (check) console.log(`ok   ${rel}`);
}
process.exit(failed ? 1 : 0);
