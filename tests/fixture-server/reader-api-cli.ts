/**
 * Runs the Reader API fixture by hand or for the sync bench. Bundle it like cli.ts:
 *
 *   npx rolldown tests/fixture-server/reader-api-cli.ts -p node -f cjs \
 *     -o out/fixture-server/reader-api-cli.cjs \
 *     && node out/fixture-server/reader-api-cli.cjs --flavor freshrss --port 8181 \
 *          --user alice --password alice-api-pass --feeds 200 --items 50
 *
 * Prints one JSON line with the addresses and credentials once it listens.
 */
import { startReaderApiServer, type ReaderApiFlavor } from './reader-api-server';

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? undefined : argv[index + 1];
}

function count(argv: readonly string[], name: string, fallback: number, max: number): number {
  const value = option(argv, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new Error(`--${name} needs a whole number from 0 to ${max}, got ${value}`);
  }
  return n;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flavor = option(argv, 'flavor') ?? 'freshrss';
  if (flavor !== 'freshrss' && flavor !== 'miniflux') {
    throw new Error(`--flavor is freshrss or miniflux, not ${flavor}`);
  }
  const username = option(argv, 'user') ?? 'alice';
  const password = option(argv, 'password') ?? 'alice-api-pass';
  const server = await startReaderApiServer({
    flavor: flavor as ReaderApiFlavor,
    port: count(argv, 'port', 0, 65535),
    users: [{ username, password }],
  });
  server.seed({
    feeds: count(argv, 'feeds', 3, 100_000),
    itemsPerFeed: count(argv, 'items', 5, 100_000),
    folders: count(argv, 'folders', 2, 10_000),
  });
  console.log(
    JSON.stringify({ flavor, url: server.url, apiUrl: server.apiUrl, username, password }),
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
