import { expect, test } from '@playwright/test';
import { OPERATIONS, runSoak } from './support/soak-harness';

/**
 * The short CI version of `npm run soak`: one kill during each of the six operations, page
 * kills and host kills both, at smaller sizes (the full run: 200 feeds, 500 OPML feeds, 30,000
 * rows, 50 kills). The harness starts its own Chromium and host; the test's page is not used.
 */
test('kill -9 of the page or the host during every operation loses, duplicates and misindexes nothing', async () => {
  test.setTimeout(150_000);
  const report = await runSoak({
    kills: 6,
    seed: 7,
    refreshFeeds: 20,
    opmlFeeds: 40,
    rows: 3_000,
    offlineArticles: 8,
    indexTimeoutMs: 30_000,
  });
  console.log(JSON.stringify({ ...report, records: undefined }));
  expect(report.failures).toEqual([]);
  for (const operation of OPERATIONS) {
    const kills = report.byOperation[operation]!;
    expect(kills.page + kills.host, operation).toBeGreaterThan(0);
  }
  expect(report.records.some((record) => record.kind === 'page')).toBe(true);
  expect(report.records.some((record) => record.kind === 'host')).toBe(true);
  // Every kill came back and was checked.
  expect(report.records).toHaveLength(6);
  for (const record of report.records) expect(record.checks, record.operation).toBeGreaterThan(0);
});
