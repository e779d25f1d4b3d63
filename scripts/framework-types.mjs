// Issue 13 item 2: Vue and Svelte typings of a package's tags, generated from its custom-elements.json by
// custom-element-vuejs-integration 1.4.0 and custom-element-svelte-integration 1.2.0, into dist/vue.d.ts and
// dist/svelte.d.ts (type-only exports `@civic-kiosk/<pkg>/vue` and `/svelte`). Run from a package folder after
// `cem analyze`:  node ../../scripts/framework-types.mjs
//
// What was found when trying the generators here, and what this script does about it:
// - Their ES-module entries hang on import under Node 20 (@prettier/sync's worker never answers): they are
//   loaded through require(), which works.
// - They expose every public field, read-only ones and promises included: they are given the manifest's
//   public, settable API only (the same rule as @civic-kiosk/react's wrappers), inherited fields
//   (KioskElement's `theme`, from core's manifest) included.
// - `@fires` without a type gives `CustomEvent<never>`: each event is typed from HTMLElementEventMap, where
//   every civic-kiosk event is declared next to its element with its detail.
// - The Vue file keys props by attribute name ("radius-km") and listeners as "onck-…": vue-tsc looks them up
//   camelCased (radiusKm, onCkStationSelect), so a wrong type went unnoticed; they are camelCased.
// - The Svelte file declares `svelteHTML` inside a module, which augments nothing: it is wrapped in
//   `declare global`. Svelte sets a custom element's properties directly (`source={…}`), so `bind:source`
//   (which Svelte refuses on a custom element) is typed as `source`; Svelte 5 listens with `onck-…={…}`
//   beside `on:ck-…`: both are typed.
//   Its base props name React's global JSX namespace, absent from a Svelte project: replaced by Svelte's types.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const { generateVuejsTypes } = require('custom-element-vuejs-integration');
const { generateSvelteTypes } = require('custom-element-svelte-integration');

const OUT = 'dist';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const manifest = JSON.parse(readFileSync(pkg.customElements ?? 'custom-elements.json', 'utf8'));

/** Classes of this manifest and of core's (the base class every element extends). */
function classIndex() {
  const manifests = [manifest];
  if (pkg.name !== '@civic-kiosk/core') {
    const core = require.resolve('@civic-kiosk/core/package.json');
    manifests.push(JSON.parse(readFileSync(join(core, '..', JSON.parse(readFileSync(core, 'utf8')).customElements), 'utf8')));
  }
  const classes = new Map();
  for (const m of manifests) for (const mod of m.modules) for (const d of mod.declarations ?? []) if (d.kind === 'class' && !classes.has(d.name)) classes.set(d.name, d);
  return classes;
}

const settable = (m) =>
  m.kind === 'field' && m.name && !m.static && !m.readonly && !m.name.startsWith('#') && m.privacy !== 'private' && m.privacy !== 'protected' && !/^Promise</.test(m.type?.text ?? '');

/** The manifest as the generators should see it: settable fields (own and inherited), attributes of those, typed events. */
export function publicApi(source, classes) {
  const copy = structuredClone(source);
  for (const mod of copy.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      const fields = new Map();
      const attributes = new Map();
      for (let c = d; c; c = c.superclass && classes.get(c.superclass.name)) {
        for (const m of c.members ?? []) if (settable(m) && !fields.has(m.name)) fields.set(m.name, { ...m, inheritedFrom: undefined });
        for (const a of c.attributes ?? []) if (a.fieldName && !attributes.has(a.name)) attributes.set(a.name, a);
      }
      d.members = [...fields.values()];
      d.attributes = [...attributes.values()].filter((a) => fields.has(a.fieldName));
      for (const e of d.events ?? []) e.type = { text: `HTMLElementEventMap['${e.name}']['detail']` };
    }
  }
  return copy;
}

/** The module each element class is declared in, as this package's dist file, relative to dist/. */
function componentTypePath(name) {
  for (const mod of manifest.modules) {
    if ((mod.declarations ?? []).some((d) => d.name === name)) return `./${mod.path.replace(/^src\//, '').replace(/\.ts$/, '.js')}`;
  }
  throw new Error(`${pkg.name}: no module declares ${name}`);
}

/**
 * Properties whose setter takes more than its getter gives back (the health record never hands a token back):
 * `Class["field"]` would read the getter's type, so the write type is spelled here (as in @civic-kiosk/react).
 */
const WRITE_TYPES = { HealthRecordElement: { accessToken: 'import("./index.js").AccessToken | undefined' } };

function writeTypes(text) {
  let s = text;
  for (const [cls, fields] of Object.entries(WRITE_TYPES)) {
    for (const [field, type] of Object.entries(fields)) s = s.replaceAll(`${cls}["${field}"]`, type);
  }
  return s;
}

/** A required edit of a generator's output: fails loudly when a new generator version writes something else. */
function edit(text, find, replace, what) {
  const next = text.replace(find, replace);
  if (next === text) throw new Error(`framework-types: ${what} — the generator's output changed; check it again`);
  return next;
}

const camel = (kebab) => kebab.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** vue-tsc reads a tag's props and listeners camelCased (`:radius-km` is `radiusKm`, `@ck-checkin` is `onCkCheckin`). */
function fixVue(text) {
  let s = text;
  s = edit(s, /"on([a-z]+(?:-[a-z]+)+)"\?:/g, (_, name) => `${camel(`on-${name}`)}?:`, 'event props as "onck-…"');
  s = s.replace(/"([a-z]+(?:-[a-z]+)+)"\?:/g, (_, name) => `${camel(name)}?:`);
  return s;
}

function fixSvelte(text) {
  let s = text;
  s = edit(s, /children\?: JSX\.Element;/, 'children?: import("svelte").Snippet;', 'JSX.Element in BaseProps');
  s = edit(s, /style\?: JSX\.CSSProperties;/, 'style?: string;', 'JSX.CSSProperties in BaseProps');
  s = s.replace(/"bind:([\w$]+)"\?:/g, '"$1"?:');
  s = s.replace(/"on:([\w-]+)"\?: ([^;]+);/g, '"on:$1"?: $2;\n  "on$1"?: $2;');
  s = edit(s, /declare namespace svelteHTML \{([\s\S]*?)\n\}/, 'declare global {\n  namespace svelteHTML {$1\n  }\n}', 'svelteHTML outside declare global');
  return s;
}

const api = publicApi(manifest, classIndex());
const quiet = { hideLogs: true, outdir: OUT, componentTypePath };
mkdirSync(OUT, { recursive: true });
generateVuejsTypes(api, { ...quiet, fileName: 'vue.d.ts' });
generateSvelteTypes(api, { ...quiet, fileName: 'svelte.d.ts' });
for (const [file, fix] of [['vue.d.ts', (t) => writeTypes(fixVue(t))], ['svelte.d.ts', (t) => writeTypes(fixSvelte(t))]]) {
  writeFileSync(join(OUT, file), fix(readFileSync(join(OUT, file), 'utf8')));
}
const tags = api.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName).length;
console.log(`${pkg.name}: ${OUT}/vue.d.ts and ${OUT}/svelte.d.ts for ${tags} tag${tags === 1 ? '' : 's'}`);
