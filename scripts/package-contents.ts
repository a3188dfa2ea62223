/**
 * What `npm run dist` puts inside the app, decided the way electron-builder decides it, for the
 * size report (scripts/package-size.ts) and the configuration's test
 * (tests/unit/main/desktop/desktop-identity.test.ts): the `files` patterns of
 * electron-builder.config.cjs through electron-builder's own matcher, and the production
 * dependency closure (electron-builder never packs devDependencies).
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';

export const REPO = path.resolve(__dirname, '..');
const CONFIG_FILE = path.join(REPO, 'electron-builder.config.cjs');

/**
 * The configuration as electron-builder reads it, evaluated afresh under `env` (its `publish`
 * depends on BROADSHEET_UPDATE_URL at build time).
 */
export function loadBuilderConfig(env: Record<string, string | undefined> = {}): Configuration {
  const require = createRequire(__filename);
  const saved = process.env['BROADSHEET_UPDATE_URL'];
  try {
    if (env['BROADSHEET_UPDATE_URL'] === undefined) delete process.env['BROADSHEET_UPDATE_URL'];
    else process.env['BROADSHEET_UPDATE_URL'] = env['BROADSHEET_UPDATE_URL'];
    delete require.cache[require.resolve(CONFIG_FILE)];
    return require(CONFIG_FILE) as Configuration;
  } finally {
    if (saved === undefined) delete process.env['BROADSHEET_UPDATE_URL'];
    else process.env['BROADSHEET_UPDATE_URL'] = saved;
  }
}

function filesPatterns(config: Configuration): string[] {
  const files = config.files;
  if (!Array.isArray(files) || files.some((pattern) => typeof pattern !== 'string')) {
    throw new Error('electron-builder.config.cjs: `files` must be a list of patterns');
  }
  return files as string[];
}

const fileStat = { isDirectory: () => false } as Stats;

/** Whether a file of the project (a path relative to it, with `/`) is packed into the app. */
export function shipsAppFile(config: Configuration): (relative: string) => boolean {
  const filter = new FileMatcher(REPO, '', (value) => value, filesPatterns(config)).createFilter();
  return (relative) => filter(path.join(REPO, relative), fileStat);
}

/**
 * Whether a file inside a packed dependency (relative to the package's folder) is packed: only
 * the exclusions of `files` apply to node_modules (electron-builder's getNodeModuleFileMatcher).
 */
export function shipsModuleFile(config: Configuration): (relative: string) => boolean {
  const excludes = filesPatterns(config).filter((pattern) => pattern.startsWith('!'));
  const root = path.join(REPO, 'node_modules', 'x');
  const filter = new FileMatcher(root, '', (value) => value, ['**/*', ...excludes]).createFilter();
  return (relative) => filter(path.join(root, relative), fileStat);
}

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** The installed folder of `name` as Node would find it from `fromDir`, or undefined. */
function findPackage(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; dir.startsWith(REPO); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    try {
      if (statSync(path.join(candidate, 'package.json')).isFile()) return candidate;
    } catch {
      // not here; look one level up
    }
    if (dir === REPO) break;
  }
  return undefined;
}

/**
 * Every package folder the app's production dependencies need, transitively: dependencies,
 * installed optional ones, and required peers. A required package that is missing is an error.
 */
export function productionPackages(): string[] {
  const found = new Set<string>();
  const queue: { name: string; from: string; required: boolean }[] = [];
  const enqueue = (pkg: PackageJson, from: string) => {
    for (const name of Object.keys(pkg.dependencies ?? {}))
      queue.push({ name, from, required: true });
    for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
      queue.push({ name, from, required: false });
    }
    for (const name of Object.keys(pkg.peerDependencies ?? {})) {
      const optional = pkg.peerDependenciesMeta?.[name]?.optional === true;
      queue.push({ name, from, required: !optional });
    }
  };
  enqueue(readPackage(REPO), REPO);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const dir = findPackage(next.name, next.from);
    if (!dir) {
      if (next.required)
        throw new Error(`${next.name} (needed from ${next.from}) is not installed`);
      continue;
    }
    if (found.has(dir)) continue;
    found.add(dir);
    enqueue(readPackage(dir), dir);
  }
  return [...found].sort();
}

/** Files under `dir`, relative to it with `/`; `skipNodeModules` leaves nested packages out. */
export function listFiles(dir: string, skipNodeModules = false): string[] {
  const out: string[] = [];
  const walk = (current: string, prefix: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (skipNodeModules && entry.name === 'node_modules' && entry.isDirectory()) continue;
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(current, entry.name), relative);
      else if (entry.isFile()) out.push(relative);
    }
  };
  walk(dir, '');
  return out.sort();
}
