/**
 * The kill -9 soak (tests/e2e/support/soak-harness.ts): `npm run soak -- --kills N --seed S`.
 * `--only refresh,restore` and `--kind page|host` narrow it down when chasing one failure.
 * Needs the built app (`npx electron-vite build`; `npm run soak` builds first). Prints the
 * report as JSON on stdout, progress on stderr; exits 1 when an invariant failed.
 */
import {
  DEFAULTS,
  OPERATIONS,
  runSoak,
  type OperationName,
  type SoakOptions,
} from '../tests/e2e/support/soak-harness';
import { killStarted } from '../tests/e2e/support/soak-processes';

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
    if (name === '--only') {
      const wanted = (argv[++i] ?? '').split(',');
      const unknown = wanted.filter((op) => !(OPERATIONS as readonly string[]).includes(op));
      if (unknown.length) throw new Error(`--only takes ${OPERATIONS.join(',')}`);
      options.operations = wanted as OperationName[];
      continue;
    }
    if (name === '--kind') {
      const kind = argv[++i];
      if (kind !== 'page' && kind !== 'host') throw new Error('--kind takes page or host');
      options.kind = kind;
      continue;
    }
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

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killStarted();
    process.exit(130);
  });
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
