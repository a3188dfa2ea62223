/**
 * How big the installed app is before Electron itself: the bytes of out/ that are packed, plus
 * the production dependencies' files that are packed, unpacked on disk (app.asar holds the same
 * bytes uncompressed).
 *
 *   npm run size:package
 *
 * builds first, then prints one JSON object on stdout.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  REPO,
  listFiles,
  loadBuilderConfig,
  productionPackages,
  shipsAppFile,
  shipsModuleFile,
} from './package-contents';

const config = loadBuilderConfig(process.env);
const outDir = path.join(REPO, 'out');
if (!existsSync(path.join(outDir, 'main', 'index.js'))) {
  throw new Error('out/ is not built: run `npx electron-vite build` first');
}

const appFile = shipsAppFile(config);
const outFiles = listFiles(outDir)
  .map((relative) => `out/${relative}`)
  .filter(appFile);
const outBytes = outFiles.reduce((sum, file) => sum + statSync(path.join(REPO, file)).size, 0);

const moduleFile = shipsModuleFile(config);
const packages = productionPackages().map((dir) => {
  const files = listFiles(dir, true).filter(moduleFile);
  const bytes = files.reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
  return { name: path.relative(path.join(REPO, 'node_modules'), dir), files: files.length, bytes };
});
const dependencyBytes = packages.reduce((sum, pkg) => sum + pkg.bytes, 0);
const total = outBytes + dependencyBytes;
const megabytes = (bytes: number) => Math.round((bytes / 1_000_000) * 10) / 10;

console.log(
  JSON.stringify({
    out: { files: outFiles.length, bytes: outBytes, mb: megabytes(outBytes) },
    dependencies: {
      packages: packages.length,
      files: packages.reduce((sum, pkg) => sum + pkg.files, 0),
      bytes: dependencyBytes,
      mb: megabytes(dependencyBytes),
      largest: packages
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 8)
        .map((pkg) => ({ name: pkg.name, mb: megabytes(pkg.bytes) })),
    },
    total: { bytes: total, mb: megabytes(total) },
  }),
);
