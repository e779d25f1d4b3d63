// What grew between two heap snapshots the soak saved (SOAK_SNAPSHOTS=dir): objects grouped by type
// and constructor or string, their count and self size in each, the largest growth first.
//   node bench/heap-diff.mjs /tmp/snaps/kiosk-cycle-50.heapsnapshot /tmp/snaps/kiosk-cycle-500.heapsnapshot [top]
// Only objects reachable from the GC roots count (garbage in a snapshot is not growth).
import fs from 'node:fs';

const [before, after, topArg = '25'] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: node bench/heap-diff.mjs BEFORE.heapsnapshot AFTER.heapsnapshot [TOP]');
  process.exit(2);
}

function groups(file) {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { node_fields: nf, edge_fields: ef, node_types: nt, edge_types: et } = snap.snapshot.meta;
  const N = nf.length;
  const E = ef.length;
  const { nodes, edges, strings } = snap;
  const [iType, iName, iSize, iEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f));
  const [eType, eTo] = ['type', 'to_node'].map((f) => ef.indexOf(f));
  const weak = et[eType].indexOf('weak');
  const count = nodes.length / N;
  const first = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    first[i] = e;
    e += nodes[i * N + iEdges] * E;
    first[i + 1] = e;
  }
  const seen = new Uint8Array(count);
  seen[0] = 1;
  const stack = [0];
  while (stack.length) {
    const i = stack.pop();
    for (let e = first[i]; e < first[i + 1]; e += E) {
      if (edges[e + eType] === weak) continue;
      const to = edges[e + eTo] / N;
      if (!seen[to]) {
        seen[to] = 1;
        stack.push(to);
      }
    }
  }
  const out = new Map();
  for (let i = 0; i < count; i++) {
    if (!seen[i]) continue;
    const type = nt[iType][nodes[i * N + iType]];
    let name = strings[nodes[i * N + iName]];
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = 'string';
    if (type === 'number') name = 'number';
    const key = `${type}: ${name.slice(0, 80)}`;
    const g = out.get(key) ?? { count: 0, size: 0 };
    g.count += 1;
    g.size += nodes[i * N + iSize];
    out.set(key, g);
  }
  return out;
}

const a = groups(before);
const b = groups(after);
const rows = [...new Set([...a.keys(), ...b.keys()])].map((key) => {
  const x = a.get(key) ?? { count: 0, size: 0 };
  const y = b.get(key) ?? { count: 0, size: 0 };
  return { key, count: y.count - x.count, size: y.size - x.size, before: x, after: y };
});
const total = (m) => [...m.values()].reduce((s, g) => s + g.size, 0);
console.log(`reachable: ${(total(a) / 1024).toFixed(0)} kB -> ${(total(b) / 1024).toFixed(0)} kB (${((total(b) - total(a)) / 1024).toFixed(0)} kB)`);
for (const r of rows.sort((p, q) => q.size - p.size).slice(0, Number(topArg))) {
  console.log(`${(r.size / 1024).toFixed(1).padStart(8)} kB ${String(r.count).padStart(7)} objects  ${r.key}  (${r.before.count} -> ${r.after.count})`);
}
