import { afterEach } from 'vitest';
import {
  startReaderApiServer,
  type ReaderApiFlavor,
  type ReaderApiServer,
} from '../../fixture-server/reader-api-server';

/** The one user the fixture servers of these tests know (the fixture's default user). */
export const USER = { username: 'alice', password: 'alice-api-pass' };

/**
 * For a test file that talks to the Reader API fixture over loopback: `start(flavor)` starts a
 * server that knows USER, and it (with anything else handed to `closeAfter`) is closed after
 * the test that started it, last started first.
 */
export function readerApiServersPerTest(): {
  start: (flavor: ReaderApiFlavor) => Promise<ReaderApiServer>;
  closeAfter: (close: () => Promise<void>) => void;
} {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()?.();
  });
  return {
    start: async (flavor) => {
      const started = await startReaderApiServer({ flavor, users: [USER] });
      closers.push(() => started.close());
      return started;
    },
    closeAfter: (close) => void closers.push(close),
  };
}
