// A @web/test-runner reporter that writes { passed, failed, skipped } to a JSON
// file, so the root test command can add every package's counts together.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        // A file that failed to load has no results: count it as a failure.
        if (!session.passed && (!session.testResults || session.errors?.length)) totals.failed++;
      }
      writeFileSync(file, JSON.stringify(totals) + '\n');
    },
  };
}
