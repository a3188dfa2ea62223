/**
 * The kill -9 soak (tests/e2e/support/soak-harness.ts): `npm run soak -- --kills N --seed S`.
 * Needs the built app (`npx electron-vite build`; `npm run soak` builds first). Prints the
 * report as JSON on stdout, progress on stderr; exits 1 when an invariant failed.
 */
import { DEFAULTS, runSoak, type SoakOptions } from '../tests/e2e/support/soak-harness';

const NUMERIC: Record<string, keyof SoakOptions> = {
  '--kills': 'kills',
  '--seed': 'seed',
  '--refresh-feeds': 'refreshFeeds',
  '--opml-feeds': 'opmlFeeds',
  '--rows': 'rows',
  '--offline-articles': 'offlineArticles',
};

function parse(argv: string[]): Partial<SoakOptions> {
  const options: Partial<SoakOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    const key = NUMERIC[name];
    const value = Number(argv[++i]);
    if (!key || !Number.isInteger(value) || value < 0) {
      throw new Error(
        `usage: soak [${Object.keys(NUMERIC).join(' N] [')} N] (defaults: kills ${DEFAULTS.kills}, seed ${DEFAULTS.seed})`,
      );
    }
    (options as Record<string, number>)[key] = value;
  }
  return options;
}

async function main(): Promise<void> {
  const report = await runSoak({
    ...parse(process.argv.slice(2)),
    log: (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.exitCode = report.checksFailed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
