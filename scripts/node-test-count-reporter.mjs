// A node:test reporter shared by the apps' test runners: counts individual tests
// (not suites, not file wrappers) for test-results.json.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    if (data.details?.type === 'suite') continue;
    // Node 20 reports each test file as a top-level test wrapping the real ones:
    // not a test itself, unless the file failed on its own (it did not load, or
    // threw outside any test), which counts as one failure.
    if (data.nesting === 0 && data.file && data.name === data.file) {
      if (event.type === 'test:fail' && data.details?.error?.failureType !== 'subtestsFailed') counts.failed += 1;
      continue;
    }
    if (data.skip || data.todo) counts.skipped += 1;
    else if (event.type === 'test:pass') counts.passed += 1;
    else counts.failed += 1;
  }
  yield JSON.stringify(counts);
}
