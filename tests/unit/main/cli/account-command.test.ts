/**
 * `account check` against the loopback Reader API fixture: in process through runCli, and once
 * as the real CLI process (its own fetch, the address guard letting the typed host through).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '@main/cli/cli-io';
import { runCli } from '@main/cli/run-cli';
import { startFixtureServer } from '../../../fixture-server/server';
import type { ReaderApiFlavor, ReaderApiServer } from '../../../fixture-server/reader-api-server';
import { USER, readerApiServersPerTest } from '../../fixture-server/reader-api-per-test';

const repoRoot = path.resolve(__dirname, '../../../..');

const fixtures = readerApiServersPerTest();

/** A server holding two feeds in two folders, three of their five items unread. */
async function server(flavor: ReaderApiFlavor): Promise<ReaderApiServer> {
  const started = await fixtures.start(flavor);
  const news = started.addSubscription({ folder: 'News' });
  const tech = started.addSubscription({ folder: 'Tech' });
  started.addItems(news.streamId, [{ read: true }, {}, {}]);
  started.addItems(tech.streamId, [{}, { read: true }]);
  return started;
}

let files: Record<string, string> = {};
afterEach(() => {
  files = {};
});

async function run(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    readFile: async (file) => {
      if (file in files) return new TextEncoder().encode(files[file]);
      throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    },
    fetchFor: () => globalThis.fetch,
    now: Date.now,
    userAgent: 'Broadsheet-test',
  };
  const code = await runCli(argv, io);
  return { code, ...out };
}

const credentials = ['--user', USER.username, '--password', USER.password];
const check = (serverUrl: string, ...rest: string[]) => run('account', 'check', serverUrl, ...rest);

describe('account check', () => {
  it('finds FreshRSS’s API from its root address and says what the account holds', async () => {
    const fixture = await server('freshrss');
    for (const typed of [fixture.url, `${fixture.url}/`, `${fixture.url}/i/`, fixture.apiUrl]) {
      const result = await check(typed, ...credentials);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.endsWith('\n')).toBe(true);
      expect(result.stdout.trim().split('\n')).toHaveLength(1);
      // Uncategorized, News, Tech.
      expect(JSON.parse(result.stdout)).toEqual({
        service: 'freshrss',
        subscriptions: 2,
        folders: 3,
        unread: 3,
      });
    }
  });

  it('reads the password from the first line of --password-file', async () => {
    const fixture = await server('freshrss');
    files = { 'secret.txt': `${USER.password}\nignored\n`, 'empty.txt': '\n' };
    const ok = await check(fixture.url, '--user', 'alice', '--password-file', 'secret.txt');
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout)).toMatchObject({ service: 'freshrss' });
    const empty = await check(fixture.url, '--user', 'alice', '--password-file', 'empty.txt');
    expect(empty.stderr).toBe('error: empty.txt holds no password on its first line\n');
    const missing = await check(fixture.url, '--user', 'alice', '--password-file', 'nope.txt');
    expect(missing.stderr).toBe('error: no such file: nope.txt\n');
  });

  it('recognises Miniflux at its root', async () => {
    const fixture = await server('miniflux');
    const result = await check(fixture.url, ...credentials);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      service: 'miniflux',
      subscriptions: 2,
      folders: 3,
      unread: 3,
    });
  });

  it('says what is wrong on stderr with exit code 1', async () => {
    const fixture = await server('freshrss');
    const wrong = await check(fixture.url, '--user', 'alice', '--password', 'nope');
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(
      /^error: FreshRSS at 127\.0\.0\.1:\d+ refused the user name or password\. .*API password.*\n$/,
    );
    expect(wrong.stderr).not.toContain('nope');

    fixture.disableApi();
    const disabled = await check(fixture.url, ...credentials);
    expect(disabled.code).toBe(1);
    expect(disabled.stderr).toMatch(
      /^error: FreshRSS at .* has its Google Reader API switched off\./,
    );

    const plain = await startFixtureServer();
    fixtures.closeAfter(() => plain.close());
    const notApi = await check(`${plain.url}/fixtures`, ...credentials);
    expect(notApi.code).toBe(1);
    expect(notApi.stderr).toMatch(
      /^error: No Google Reader API answered at 127\.0\.0\.1:\d+ \(tried /,
    );

    // Typed without a scheme: HTTPS is tried, and a plain-HTTP server breaks the handshake off.
    fixture.enableApi();
    for (const typed of [
      fixture.url.replace('http://', ''),
      fixture.url.replace('http:', 'https:'),
    ]) {
      const tls = await check(typed, ...credentials);
      expect(tls.code).toBe(1);
      expect(tls.stderr).toMatch(
        /If the server does not use HTTPS, type its address with http:\/\/\.\n$/,
      );
    }

    await fixture.stop();
    const gone = await check(fixture.url, ...credentials);
    expect(gone.code).toBe(1);
    // Refused, or cut off when fetch had kept the old connection open.
    expect(gone.stderr).toMatch(
      /^error: (127\.0\.0\.1:\d+ refused the connection|The connection to 127\.0\.0\.1:\d+ was cut off)\.\n$/,
    );
  });

  it.each([
    [['account'], /which action/],
    [['account', 'list'], /unknown action list/],
    [['account', 'check', 'http://127.0.0.1:1', '--password', 'x'], /--user is required/],
    [['account', 'check', 'http://127.0.0.1:1', '--user', 'x'], /--password or --password-file/],
    [
      ['account', 'check', 'http://h', '--user', 'x', '--password', 'y', '--password-file', 'f'],
      /not both/,
    ],
    [['account', 'check', '--user', 'x', '--password', 'y'], /missing argument/],
    [
      ['account', 'check', 'http://h', ...credentials, '--service', 'feedly'],
      /--service is one of/,
    ],
  ])('%j: bad usage, exit 2', async (argv, reason) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^usage: npm run -s cli -- account check <server-url>/);
    expect(result.stderr).toMatch(reason);
  });

  it('works as the real CLI process, through the address guard', async () => {
    const fixture = await server('freshrss');
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'src/main/cli.ts', 'account', 'check', fixture.url, ...credentials],
          { cwd: repoRoot, timeout: 60_000 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ service: 'freshrss', subscriptions: 2 });
  }, 60_000);
});
