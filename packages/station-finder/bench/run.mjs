// Index build and "nearest 10 with a facility filter" at 1e4, 1e5 and 1e6
// stations, against a linear scan of Station objects and one scan of the
// table's typed arrays (what the element's first list uses) in the same run.
// Run after `pnpm build`.
import { generateStations, NINGDE_KIOSK, seededRandom } from '../dist/demo.js';
import { parseStations } from '../dist/parse.js';
import { linearNearest, scanNearest } from '../dist/spatial.js';
import { StationIndex } from '../dist/station-index.js';

const sizes = (process.argv[2] ?? '1e4,1e5,1e6').split(',').map(Number);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (value) => (value < 0.1 ? value.toFixed(4) : value < 10 ? value.toFixed(3) : value.toFixed(1));

const rows = [];
for (const n of sizes) {
  const parseTimes = [];
  let report;
  for (let i = 0; i < 3; i++) {
    const data = generateStations(n, 42);
    const t = performance.now();
    report = parseStations(data);
    parseTimes.push(performance.now() - t);
  }
  const { table } = report;
  let stations = report.stations;
  // Warm up the JIT on a small set, then build the real index a few times and keep the median.
  new StationIndex(stations.slice(0, 2000));
  const builds = [];
  let index;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    index = new StationIndex(table);
    builds.push(performance.now() - t);
  }
  const random = seededRandom(9);
  const origins = Array.from({ length: 2000 }, () => ({ lon: NINGDE_KIOSK.lon + (random() - 0.5) * 0.6, lat: NINGDE_KIOSK.lat + (random() - 0.5) * 0.6 }));
  const query = (origin) => ({ origin, facilities: ['wheelchair'], radiusKm: 5, limit: 10 });
  for (const origin of origins.slice(0, 200)) index.nearest(query(origin));
  const fast = origins.map((origin) => {
    const t = performance.now();
    index.nearest(query(origin));
    return performance.now() - t;
  });
  const linearRuns = Math.max(10, Math.min(200, Math.round(2e6 / n)));
  const slow = origins.slice(0, linearRuns).map((origin) => {
    const t = performance.now();
    linearNearest(stations, query(origin));
    return performance.now() - t;
  });
  const scans = origins.slice(0, linearRuns).map((origin) => {
    const t = performance.now();
    scanNearest(table, query(origin));
    return performance.now() - t;
  });
  // Same answers, or the comparison means nothing.
  for (const origin of origins.slice(0, 20)) {
    const a = index.nearest(query(origin)).map((r) => r.station.id).join();
    const b = linearNearest(stations, query(origin)).map((r) => r.station.id).join();
    const c = scanNearest(table, query(origin)).map((r) => r.station.id).join();
    if (a !== b || a !== c) throw new Error(`index and linear scans disagree at ${JSON.stringify(origin)}`);
  }
  rows.push({ n, parse: median(parseTimes), build: median(builds), query: median(fast), linear: median(slow), scan: median(scans) });
  stations = undefined;
}

console.log('stations   | parse (ms) | index build (ms) | nearest-10 median (ms) | linear scan median (ms) | linear / index | typed-array scan median (ms)');
console.log('-----------|------------|------------------|------------------------|-------------------------|----------------|-----------------------------');
for (const row of rows) {
  console.log(
    `${row.n.toExponential(0).padEnd(10)} | ${ms(row.parse).padStart(10)} | ${ms(row.build).padStart(16)} | ${ms(row.query).padStart(22)} | ${ms(row.linear).padStart(23)} | ${`${Math.round(row.linear / row.query)}x`.padStart(14)} | ${ms(row.scan).padStart(28)}`,
  );
}
const at1e5 = rows.find((row) => row.n === 1e5);
if (at1e5) {
  console.log(`\ntargets at 1e5: build ${ms(at1e5.build)} ms (< 150 ${at1e5.build < 150 ? 'ok' : 'MISSED'}), median query ${ms(at1e5.query)} ms (< 0.1 ${at1e5.query < 0.1 ? 'ok' : 'MISSED'})`);
}
