/**
 * How the benches' figures grow with the library: runs each bench at each size (or reads the
 * runs kept from before), puts every figure side by side, says how it grows against log N and
 * N, and draws it as SVG.
 *
 *   npx tsx scripts/bench-curve.ts --dir DIR [--sizes 10000,100000,1000000]
 *     [--benches search,ui,storage] [--reuse] [--search-args "…"] [--ui-args "…"]
 *     [--storage-args "…"]
 *
 * DIR keeps one JSON per bench and size (`search-100000.json`: the bench's last stdout line),
 * `growth.md` (the table), `growth-waits.svg` (what the reader waits for) and
 * `growth-costs.svg` (bytes, heap, build time per article). With --reuse a run already in DIR
 * is read instead of run again, so a campaign can be resumed or assembled from separate runs.
 * A bench that fails still leaves its figures (every bench prints them whatever happens); a
 * figure missing at a size is left out of its line. The last stdout line is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BenchReport, log, REPO, runBench } from './bench-kit';
import { FIGURES, SIZE_FLAG, type BenchName, type FigureSpec } from './bench-curve/figures';
import { describeGrowth, growthOf, type Growth, type Point } from './bench-curve/growth';
import { growthSvg, type Series } from './bench-curve/svg-plot';

const BENCHES: BenchName[] = ['search', 'ui', 'storage'];

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function listOption(name: string, fallback: string): string[] {
  return (option(name) ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

const fmt = (value: number | undefined) =>
  value === undefined
    ? '—'
    : value >= 100
      ? Math.round(value).toLocaleString('en-US')
      : Number(value.toPrecision(3)).toString();

const report = new BenchReport();

/** The bench's JSON (its last stdout line), run now or kept from before. */
function runOrRead(dir: string, bench: BenchName, size: number, reuse: boolean) {
  const file = path.join(dir, `${bench}-${size}.json`);
  if (reuse && existsSync(file)) {
    log(`${bench} at ${size}: reading ${file}`);
    return { json: JSON.parse(readFileSync(file, 'utf8')) as unknown, ran: false, code: 0 };
  }
  const extra = (option(`${bench}-args`) ?? '').split(' ').filter(Boolean);
  const args = ['tsx', `scripts/bench-${bench}.ts`, SIZE_FLAG[bench], String(size), ...extra];
  log(`${bench} at ${size}: npx ${args.join(' ')}`);
  const run = spawnSync('npx', args, {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lastLine = run.stdout.trim().split('\n').at(-1) ?? '';
  let json: unknown;
  try {
    json = JSON.parse(lastLine);
  } catch {
    throw new Error(`bench:${bench} at ${size} printed no JSON (exit ${run.status})`);
  }
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return { json, ran: true, code: run.status ?? 1 };
}

interface FigureRow {
  name: string;
  unit: string;
  waits: boolean;
  values: Record<string, number>;
  growth?: Growth;
  growthText: string;
  expected?: string;
}

function table(rows: FigureRow[], sizes: number[]): string {
  const head = `| figure | unit | ${sizes.map((s) => s.toLocaleString('en-US')).join(' | ')} | growth | steps |`;
  const rule = `| --- | --- | ${sizes.map(() => '---:').join(' | ')} | --- | --- |`;
  const lines = rows.map(
    (row) =>
      `| ${row.name}${row.waits ? '' : ' (cost)'} | ${row.unit} | ${sizes.map((s) => fmt(row.values[s])).join(' | ')} | ${row.growthText}${row.growth?.fasterThanLog && row.waits ? ' **faster than log N**' : ''} | ${row.growth ? row.growth.steps.map((s) => `×${s}`).join(', ') : '—'} |`,
  );
  return [head, rule, ...lines].join('\n');
}

async function main(): Promise<void> {
  const dir = option('dir');
  if (!dir) throw new Error('--dir DIR is required: where the runs, table and plots are kept');
  mkdirSync(dir, { recursive: true });
  const sizes = listOption('sizes', '10000,100000,1000000')
    .map(Number)
    .sort((a, b) => a - b);
  if (sizes.some((s) => !Number.isInteger(s) || s < 2))
    throw new Error('--sizes takes whole numbers above 1, comma-separated');
  const benches = listOption('benches', BENCHES.join(',')) as BenchName[];
  const unknown = benches.filter((b) => !BENCHES.includes(b));
  if (unknown.length) throw new Error(`unknown bench: ${unknown.join(', ')}`);
  const reuse = process.argv.includes('--reuse');
  report.set('sizes', sizes);

  const runs: Partial<Record<BenchName, Record<number, unknown>>> = {};
  for (const bench of benches) {
    for (const size of sizes) {
      await report.phase(`${bench}-${size}`, 3 * 3_600_000, () => {
        const { json, ran, code } = runOrRead(dir, bench, size, reuse);
        (runs[bench] ??= {})[size] = json;
        report.set(`runs.${bench}-${size}`, { ran, exitCode: code });
        return Promise.resolve(true);
      });
    }
  }

  const rows: FigureRow[] = FIGURES.filter((f: FigureSpec) => benches.includes(f.bench)).map(
    (figure) => {
      const points: Point[] = [];
      for (const size of sizes) {
        const json = runs[figure.bench]?.[size];
        const value = json === undefined ? undefined : figure.read(json, size);
        if (value !== undefined) points.push({ size, value });
      }
      const growth = growthOf(points);
      return {
        name: figure.name,
        unit: figure.unit,
        waits: figure.waits,
        values: Object.fromEntries(points.map((p) => [p.size, Number(p.value.toPrecision(4))])),
        ...(growth ? { growth } : {}),
        growthText: describeGrowth(growth),
        ...(figure.expected ? { expected: figure.expected } : {}),
      };
    },
  );
  const series = (waits: boolean): Series[] =>
    rows
      .filter((row) => row.waits === waits)
      .map((row) => ({
        label: row.name,
        points: Object.entries(row.values).map(([size, value]) => ({ size: Number(size), value })),
      }));
  const files = {
    table: path.join(dir, 'growth.md'),
    waits: path.join(dir, 'growth-waits.svg'),
    costs: path.join(dir, 'growth-costs.svg'),
  };
  writeFileSync(files.table, `${table(rows, sizes)}\n`);
  writeFileSync(files.waits, growthSvg('What the reader waits for', series(true), sizes));
  writeFileSync(files.costs, growthSvg('What the library costs', series(false), sizes));
  report.set('figures', rows);
  report.set(
    'waitsFasterThanLog',
    rows.filter((row) => row.waits && row.growth?.fasterThanLog).map((row) => row.name),
  );
  report.set('files', files);
  log(table(rows, sizes));
}

runBench(main, report);
