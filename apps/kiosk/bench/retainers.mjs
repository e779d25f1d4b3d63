// What keeps a detached DOM node alive: the shortest retaining path from the GC roots to each
// detached node whose name contains WORD, in a heap snapshot the soak saved (SOAK_SNAPSHOTS=dir).
//   node bench/retainers.mjs /tmp/snaps/kiosk-cycle-500.heapsnapshot [WORD] [max paths] [--any]
// --any: every node named like WORD, detached DOM or not (e.g. 'MediaQuerySet', 'PerformanceMark').
// Weak edges are not followed (they keep nothing alive), nor paths through DevTools' own sessions (the
// benchmark's CDP connection holds what it looked at); the path is printed root first.
import fs from 'node:fs';

const any = process.argv.includes('--any');
// --group: every match, one line per distinct retaining path (ids left out) with how many share it.
const group = process.argv.includes('--group');
const [file, word = '', maxArg = '5'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: node bench/retainers.mjs FILE.heapsnapshot [WORD] [MAX]');
  process.exit(2);
}
const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
const { node_fields: nf, edge_fields: ef, node_types: nt, edge_types: et } = snap.snapshot.meta;
const N = nf.length;
const E = ef.length;
const { nodes, edges, strings } = snap;
const nName = nf.indexOf('name');
const nType = nf.indexOf('type');
const nEdges = nf.indexOf('edge_count');
const nDetached = nf.indexOf('detachedness');
const eType = ef.indexOf('type');
const eName = ef.indexOf('name_or_index');
const eTo = ef.indexOf('to_node');
const nodeTypes = nt[nType];
const edgeTypes = et[eType];
const count = nodes.length / N;

const firstEdge = new Uint32Array(count + 1);
for (let i = 0, e = 0; i < count; i++) {
  firstEdge[i] = e;
  e += nodes[i * N + nEdges] * E;
  firstEdge[i + 1] = e;
}
const name = (i) => strings[nodes[i * N + nName]];
const devtools = (i) => /DevTools|Inspector|InjectedScript/.test(name(i));
const type = (i) => nodeTypes[nodes[i * N + nType]];
const edgeLabel = (e) => {
  const t = edgeTypes[edges[e + eType]];
  const n = edges[e + eName];
  return t === 'element' || t === 'hidden' ? `[${n}]` : `.${strings[n]}`;
};

// Breadth-first from the synthetic root (node 0): each node's parent on a shortest strong path.
const parent = new Int32Array(count).fill(-1);
const via = new Int32Array(count).fill(-1);
parent[0] = 0;
let queue = [0];
while (queue.length) {
  const next = [];
  for (const i of queue) {
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += E) {
      if (edgeTypes[edges[e + eType]] === 'weak') continue;
      const to = edges[e + eTo] / N;
      if (parent[to] !== -1 || devtools(to)) continue;
      parent[to] = i;
      via[to] = e;
      next.push(to);
    }
  }
  queue = next;
}

let shown = 0;
const paths = new Map();
for (let i = 0; i < count && (group || shown < Number(maxArg)); i++) {
  const detached = any || (nDetached >= 0 ? nodes[i * N + nDetached] === 2 : name(i).startsWith('Detached '));
  if (!detached || !name(i).includes(word) || type(i) === 'hidden') continue;
  shown += 1;
  const chain = [];
  for (let j = i; j !== 0 && parent[j] !== -1; j = parent[j]) chain.push(`${edgeLabel(via[j])} -> ${name(j).slice(0, 90)} (${type(j)})`);
  if (group) {
    const key = chain.reverse().map((step) => step.replace(/@\d+/g, '@').replace(/\[\d+\]/g, '[]')).join('\n  ');
    paths.set(key, (paths.get(key) ?? 0) + 1);
    continue;
  }
  console.log(`\n${name(i).slice(0, 120)}: ${parent[i] === -1 ? 'unreachable (garbage not yet collected)' : `${chain.length} steps`}`);
  for (const step of chain.reverse()) console.log(`  ${step}`);
}
for (const [key, n] of [...paths].sort((a, b) => b[1] - a[1]).slice(0, Number(maxArg))) console.log(`\n${n} x\n  ${key}`);
if (shown === 0) console.log(`no ${any ? '' : 'detached '}node named like "${word}"`);
