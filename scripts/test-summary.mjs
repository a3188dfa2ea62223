// One closing line for CI and people alike: the unit, smoke and browser test counts, added up.
import { readFileSync } from 'node:fs';

const read = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
};

const unit = read('test-results/vitest.json');
// The built bundles under a stand-in Electron (vitest's smoke project, same report format).
const smoke = read('test-results/smoke.json');
const e2e = read('test-results/playwright.json');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const vitest of [unit, smoke]) {
  if (!vitest) continue;
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}
console.log(
  `unit: ${unit ? unit.numPassedTests : 0} passed; smoke: ${smoke ? smoke.numPassedTests : 0} passed; e2e: ${e2e ? e2e.stats.expected : 0} passed`,
);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
// test:e2e runs the smoke project before the browser tests: no report means it was dropped.
const smokeMissing = Boolean(e2e) && !smoke;
if (smokeMissing) console.log('no smoke report (test-results/smoke.json): run npm run test:smoke');
process.exit(failed > 0 || (!unit && !e2e) || smokeMissing ? 1 : 0);
