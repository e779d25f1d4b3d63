// The page of the headless-Chromium benchmark (bundled by bench/browser.mjs): a record with 5 years of
// weekly readings (about 800 resources) behind an in-memory FHIR server that pages 50 entries at a time
// and waits 20 ms per answer; measured from "element connected" to the summary, then to the trends chart.
import '../src/define.js';
import { demoRecord } from '../src/demo-data.js';
import { createFakeFhir } from '../src/fake-fhir.js';

declare global {
  interface Window {
    benchResult?: { resources: number; requests: number; toSummary: number; toChart: number };
    benchRun?: () => Promise<void>;
  }
}

const now = new Date('2025-05-06T10:30:00+08:00');
const resources = demoRecord({ now, weeks: 260 });
window.benchRun = async () => {
  const log: { url: string }[] = [];
  const el = document.createElement('ck-health-record');
  el.setAttribute('fhir-base', `${location.origin}/fhir`);
  el.setAttribute('patient-id', 'pat-demo');
  el.setAttribute('lang', 'en');
  el.now = now;
  el.transport = createFakeFhir({ resources, pageSize: 50, latencyMs: 20, log: log as never });
  el.accessToken = 'bench';
  const start = performance.now();
  document.body.append(el);
  const shown = () => el.shadowRoot?.querySelector('[part="summary"]') && !el.shadowRoot.querySelector('ck-status-banner[state="loading"]');
  while (!shown()) await new Promise((r) => setTimeout(r, 5));
  const toSummary = performance.now() - start;
  el.view = 'trends';
  const canvas = () => el.shadowRoot?.querySelector('ck-chart')?.shadowRoot?.querySelector('canvas');
  while (!canvas()) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const toChart = performance.now() - start;
  window.benchResult = { resources: resources.length, requests: log.length, toSummary, toChart };
  el.remove();
};
