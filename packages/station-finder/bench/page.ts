// The page of the headless-Chromium benchmark (bundled by bench/browser.mjs):
// 100,000 stations are generated first, then the time from "element connected"
// to "first list row rendered" is measured.
import '../src/define.js';
import { generateStations, NINGDE_KIOSK } from '../src/demo.js';
import { InMemoryStationSource } from '../src/source.js';

interface BenchResult {
  connectedToList: number;
  rows: number;
  markers: number;
  violations: string[];
}
declare global {
  interface Window {
    benchResult?: BenchResult;
  }
}

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective}: ${event.sourceFile}:${event.lineNumber}`));

const source = new InMemoryStationSource(generateStations(100_000, 7));
const el = document.createElement('ck-station-finder');
el.source = source;
el.origin = NINGDE_KIOSK;
el.filters = ['wheelchair'];
el.now = new Date('2025-05-06T10:30:00+08:00');

const start = performance.now();
document.body.append(el);
const poll = () => {
  const rows = el.shadowRoot?.querySelectorAll('.row').length ?? 0;
  if (rows === 0) {
    requestAnimationFrame(poll);
    return;
  }
  const connectedToList = performance.now() - start;
  void el.mapReady.then(() =>
    setTimeout(() => {
      window.benchResult = {
        connectedToList,
        rows,
        markers: el.shadowRoot!.querySelectorAll('.leaflet-marker-icon').length,
        violations,
      };
    }, 300),
  );
};
requestAnimationFrame(poll);
