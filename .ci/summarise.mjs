// Sums vitest JSON reports into the one line CI reads: "N passed, N failed".
// Arguments: the failures of earlier steps, then `report.json=exit-status` per test run.
// A report that is missing or ran no test counts as a failure, so an empty run is visible; so
// does a run that exited non-zero with no failed test in its report (an unhandled error).
import { existsSync, readFileSync } from 'node:fs';

const [extraFailed = '0', ...runs] = process.argv.slice(2);
let passed = 0;
let failed = Number(extraFailed);
let skipped = 0;
for (const run of runs) {
  const at = run.lastIndexOf('=');
  const file = at < 0 ? run : run.slice(0, at);
  const status = at < 0 ? 0 : Number(run.slice(at + 1));
  if (!existsSync(file)) {
    console.log(`${file}: missing (the test run crashed)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  // A file that failed without a failed test (it did not load, a hook timed out) counts once.
  const suiteFailures = report.testResults.filter((r) => r.status === 'failed' && !r.assertionResults.some((a) => a.status === 'failed')).length;
  // An error outside any test (an unhandled rejection, a crashed worker) fails the run.
  const runFailure = (report.success === false || status !== 0) && report.numFailedTests + suiteFailures === 0 ? 1 : 0;
  console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped, ${suiteFailures} files failed outside a test${runFailure ? `, the run failed outside any test (exit status ${status})` : ''}`);
  // Name what failed, so the tail of CI's output says which test to look at.
  for (const result of report.testResults) {
    for (const a of result.assertionResults.filter((x) => x.status === 'failed')) {
      const why = (a.failureMessages[0] ?? '').split('\n')[0].slice(0, 300);
      console.log(`  failed: ${result.name.replace(process.cwd() + '/', '')} > ${a.fullName}\n    ${why}`);
    }
    if (result.status === 'failed' && !result.assertionResults.some((a) => a.status === 'failed')) {
      console.log(`  failed outside a test: ${result.name.replace(process.cwd() + '/', '')}\n    ${(result.message ?? '').split('\n')[0].slice(0, 300)}`);
    }
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests + suiteFailures + runFailure;
  skipped += report.numPendingTests + report.numTodoTests;
  if (report.numTotalTests === 0) failed += 1;
}
if (runs.length === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
