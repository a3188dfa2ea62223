/**
 * Runs the fixture server by hand, for poking at it with curl or a browser. Node 20 cannot run
 * TypeScript directly and the repo has no TS runner, so bundle it with the rolldown that Vite
 * already brings:
 *
 *   npx rolldown tests/fixture-server/cli.ts -p node -f cjs -o out/fixture-server/cli.cjs \
 *     && node out/fixture-server/cli.cjs --port 8080
 */
import { startFixtureServer } from './server';

function parsePort(argv: readonly string[]): number {
  const index = argv.indexOf('--port');
  if (index === -1) return 0;
  const port = Number(argv[index + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port needs a number from 0 to 65535, got ${argv[index + 1]}`);
  }
  return port;
}

async function main(): Promise<void> {
  const server = await startFixtureServer({ port: parsePort(process.argv.slice(2)) });
  console.log(`Fixture server at ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
