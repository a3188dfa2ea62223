import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Which Chromium runs the tests: BROADSHEET_CHROMIUM if set, else Debian's /usr/bin/chromium,
 * else Playwright's own download (where `npx playwright install` is possible).
 */
function chromiumPath(): string | undefined {
  const fromEnv = process.env['BROADSHEET_CHROMIUM'];
  if (fromEnv) return fromEnv;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env['CI'] ? 2 : undefined,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-results/playwright.json' }],
    ...(process.env['CI'] ? [] : [['html', { open: 'never' }] as const]),
  ],
  outputDir: 'test-results/artifacts',
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
