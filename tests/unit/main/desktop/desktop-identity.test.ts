/**
 * The installers' configuration (electron-builder.config.cjs) against what the app is and needs:
 * the identity the running app uses, electron-builder's own schema, the files the built app
 * loads, the fuses, and the packages main requires at run time. Electron cannot be packed here
 * (its binary cannot be downloaded), so this is what catches a package that would install and
 * then fail to start.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { APP_ID, OPML_EXTENSIONS, PRODUCT_NAME, URL_SCHEMES } from '@main/desktop/desktop-identity';
import viteConfig from '../../../../electron.vite.config';

const REPO = path.resolve(__dirname, '../../../..');

/** scripts/package-contents.ts, by path: the scripts project is built after the tests'. */
interface PackageContents {
  loadBuilderConfig(env?: Record<string, string | undefined>): Configuration;
  shipsAppFile(config: Configuration): (relative: string) => boolean;
  shipsModuleFile(config: Configuration): (relative: string) => boolean;
}
// electron-builder's schema check and parsing main's import graph take seconds on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });
const contents = (await import(path.join(REPO, 'scripts/package-contents.ts'))) as PackageContents;
const config = contents.loadBuilderConfig();
const packageJson = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const quiet = { isEnabled: false, add: () => undefined } as unknown as Parameters<
  typeof validateConfiguration
>[1];

describe('the installers’ configuration', () => {
  it('names the app as the running app does (app id, product name, links, .opml)', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
    const protocols = [config.protocols ?? []].flat();
    expect(protocols.flatMap((protocol) => protocol.schemes).sort()).toEqual(
      [...URL_SCHEMES].sort(),
    );
    const associations = [config.fileAssociations ?? []].flat();
    expect(associations.flatMap((association) => association.ext).sort()).toEqual(
      [...OPML_EXTENSIONS].sort(),
    );
  });

  it('passes electron-builder’s own schema, with either update feed', async () => {
    await expect(validateConfiguration(config, quiet)).resolves.toBeUndefined();
    const generic = contents.loadBuilderConfig({
      BROADSHEET_UPDATE_URL: 'https://updates.example.org/broadsheet/',
    });
    await expect(validateConfiguration(generic, quiet)).resolves.toBeUndefined();
    // The validator is really looking: a misspelt option is refused.
    await expect(
      validateConfiguration({ ...config, fileAsociations: [] } as Configuration, quiet),
    ).rejects.toThrow(/fileAsociations/);
  });

  it('publishes to GitHub releases, or to an https server named at build time', () => {
    expect(config.publish).toEqual({
      provider: 'github',
      owner: 'broadsheet-reader',
      repo: 'broadsheet',
    });
    expect(
      contents.loadBuilderConfig({ BROADSHEET_UPDATE_URL: 'https://updates.example.org/b/' })
        .publish,
    ).toEqual({ provider: 'generic', url: 'https://updates.example.org/b/' });
    expect(() =>
      contents.loadBuilderConfig({ BROADSHEET_UPDATE_URL: 'http://updates.example.org/b/' }),
    ).toThrow(/https/);
  });

  it('builds every installer the issue names: AppImage, deb, NSIS, dmg and zip for both Macs', () => {
    const targets = (
      platform: Configuration['linux'] | Configuration['mac'] | Configuration['win'],
    ) =>
      [platform?.target ?? []]
        .flat()
        .map((target) => (typeof target === 'string' ? { target, arch: [] } : target));
    expect(targets(config.linux).map((target) => target.target)).toEqual(['AppImage', 'deb']);
    expect(targets(config.win).map((target) => target.target)).toEqual(['nsis']);
    for (const target of ['dmg', 'zip']) {
      const mac = targets(config.mac).find((entry) => entry.target === target);
      expect([mac?.arch].flat().sort(), target).toEqual(['arm64', 'x64']);
    }
  });

  it('points at icons that exist in every format a platform wants', () => {
    const icon = (file: string | null | undefined) => path.join(REPO, file ?? 'missing');
    expect(readFileSync(icon(config.win?.icon)).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(readFileSync(icon(config.mac?.icon)).subarray(0, 4).toString()).toBe('icns');
    const pngs = readdirSync(icon(config.linux?.icon));
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(pngs).toContain(`${size}x${size}.png`);
  });

  it('sets the fuses of a reader that never runs arbitrary Node', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      // On while the page loads from file:// (see the comment in the configuration).
      grantFileProtocolExtraPrivileges: true,
      resetAdHocDarwinSignature: true,
    });
    // onlyLoadAppFromAsar and the integrity check need the archive; nothing is left outside it
    // (the extraction worker loads from inside it, electron/electron#33216).
    expect(config.asar).toBe(true);
    expect(config.asarUnpack ?? []).toEqual([]);
  });
});

describe('what the package holds', () => {
  const ships = contents.shipsAppFile(config);
  const main = viteConfig.main?.build?.rollupOptions?.input as Record<string, string>;
  const preload = viteConfig.preload?.build?.rollupOptions?.input as Record<string, string>;

  it('starts at the entry electron-vite writes, and holds every bundle the app loads', () => {
    // package.json's main is Electron's entry; electron-vite writes input `index` there.
    expect(path.posix.normalize(packageJson.main)).toBe('out/main/index.js');
    expect(main['index']).toBe(path.join(REPO, 'src/main/index.ts'));
    // src/main/index.ts loads these beside its own bundle (preload, renderer, extraction worker).
    expect(main['extract-worker']).toBeDefined();
    expect(Object.keys(preload)).toEqual(['index']);
    for (const file of [
      'package.json',
      'out/main/index.js',
      'out/main/extract-worker.js',
      'out/main/chunks/decode-bytes-a1b2c3.js',
      'out/preload/index.js',
      'out/renderer/index.html',
      'out/renderer/assets/index-a1b2c3.js',
      'out/renderer/assets/search.worker-a1b2c3.js',
      'out/renderer/assets/index-a1b2c3.css',
      'out/renderer/assets/favicon-a1b2c3.svg',
    ]) {
      expect(ships(file), file).toBe(true);
    }
  });

  it('holds every file under resources/ that main reads at run time', () => {
    const read = mainSources().flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/['"`](?:\.\.\/)+(resources\/[\w./-]+)['"`]/g)].map(
        (match) => match[1]!,
      ),
    );
    expect(read).toContain('resources/icon.png');
    for (const file of read) expect(ships(file), file).toBe(true);
  });

  it('leaves out sources, tests, docs, scripts, maps, the browser host and the tools', () => {
    for (const file of [
      'src/main/index.ts',
      'src/renderer/index.html',
      'tests/unit/main/desktop/desktop-identity.test.ts',
      'docs/ARCHITECTURE.md',
      'README.md',
      'scripts/make-icons.ts',
      'resources/icon.svg',
      'resources/icons/icon.ico',
      'out/main/index.js.map',
      'out/renderer/assets/index-a1b2c3.js.map',
      'out/main/host.js',
      'out/types/node.tsbuildinfo',
      'electron-builder.config.cjs',
      'electron.vite.config.ts',
      'tsconfig.json',
      'package-lock.json',
      'node_modules/react/index.js',
    ]) {
      expect(ships(file), file).toBe(false);
    }
    const moduleFile = contents.shipsModuleFile(config);
    expect(moduleFile('lib/index.js')).toBe(true);
    for (const file of ['lib/index.js.map', 'index.d.ts', 'README.md', 'CHANGELOG.md']) {
      expect(moduleFile(file), file).toBe(false);
    }
  });

  it('lists as dependencies exactly what main requires at run time, nothing the renderer bundles', () => {
    const builtins = new Set([...builtinModules, 'electron']);
    const isBuiltin = (name: string) => builtins.has(name.replace(/^node:/, ''));
    // Main's graph from its entries; the browser host (host.js) is not in the app.
    const mainPackages = packagesImported(
      [main['index']!, main['extract-worker']!].map((file) => path.resolve(file)),
    );
    // Only reached when the pool runs the TypeScript worker (tests, the CLI), never in the app,
    // which passes the built extract-worker.js (src/main/articles/extract-pool.ts).
    mainPackages.delete('tsx');
    const missing = [...mainPackages].filter(
      (name) => !isBuiltin(name) && !(name in packageJson.dependencies),
    );
    expect(missing).toEqual([]);

    const rendererPackages = packagesImported(rendererSources());
    const packedTwice = [...rendererPackages].filter(
      (name) => !mainPackages.has(name) && name in packageJson.dependencies,
    );
    expect(packedTwice).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => path.join(REPO, dir, file));
}
const mainSources = () => sourceFiles('src/main');
const rendererSources = () => sourceFiles('src/renderer');

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Packages the given files import at run time, following relative imports (type-only imports
 * are erased by the build). Counts `import`, `export … from`, `import()`, `require()` and
 * `require.resolve()` — the tracker database is found by require.resolve.
 */
function packagesImported(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [...entries];
  for (let file = queue.shift(); file; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const specifiers: string[] = [];
    const visit = (node: ts.Node): void => {
      if (
        (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) ||
        (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier)
      ) {
        const target = node.moduleSpecifier;
        if (target && ts.isStringLiteral(target)) specifiers.push(target.text);
      } else if (
        ts.isCallExpression(node) &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        const callee = node.expression.getText(source);
        if (
          node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          callee === 'require' ||
          callee === 'require.resolve'
        ) {
          specifiers.push(node.arguments[0].text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const specifier of specifiers) {
      const local = localBase(file, specifier);
      if (local === undefined) packages.add(packageName(specifier));
      else {
        const found = sourceFile(local);
        // Otherwise a bundled asset (`?raw` text, CSS, an SVG), not a package.
        if (found) queue.push(found);
      }
    }
  }
  return packages;
}

const ALIASES: Record<string, string> = {
  '@shared/': 'src/shared/',
  '@renderer/': 'src/renderer/',
  '@main/': 'src/main/',
  '@search-engine/': 'src/search-engine/',
};

/** Where a relative or aliased import points (without its `?query`); undefined for a package. */
function localBase(from: string, specifier: string): string | undefined {
  const bare = specifier.replace(/\?.*$/, '');
  if (bare.startsWith('.')) return path.resolve(path.dirname(from), bare);
  for (const [alias, dir] of Object.entries(ALIASES)) {
    if (bare.startsWith(alias)) return path.join(REPO, dir, bare.slice(alias.length));
  }
  return undefined;
}

function sourceFile(base: string): string | undefined {
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find(
    (candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate),
  );
}
