import { test as base } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from '../../fixture-server/server';
import { startBrowserHost, type RunningHost } from './browser-host';

export interface WorkerFixtures {
  host: RunningHost;
}

export interface TestFixtures {
  /** A fresh loopback server for feeds and pages; tests may close it to simulate going offline. */
  feeds: FixtureServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  host: [
    // Playwright reads fixture dependencies from the destructuring pattern; none are needed here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const host = await startBrowserHost();
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
  // Playwright reads fixture dependencies from the destructuring pattern; none are needed here.
  // eslint-disable-next-line no-empty-pattern
  feeds: async ({}, use) => {
    const server = await startFixtureServer();
    await use(server);
    await server.close();
  },
});

export { expect } from '@playwright/test';
