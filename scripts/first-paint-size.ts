/**
 * What the English first paint loads, and what each other language adds when chosen:
 *
 *   npm run size:first-paint
 *
 * builds first, then prints one JSON object: the entry script and stylesheet index.html names
 * (with every chunk the entry imports statically), raw and gzip bytes, and each language's
 * catalogue chunk. Compare `firstPaint` with a build from before a change to see what it costs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

// `-- --out <dir>` measures another build (a checkout from before a change, built there).
const outArg = process.argv.indexOf('--out');
const out =
  outArg > 0 ? path.resolve(process.argv[outArg + 1]!) : path.join(__dirname, '..', 'out');
const assets = path.join(out, 'renderer', 'assets');
const html = readFileSync(path.join(assets, '..', 'index.html'), 'utf8');

const sizes = (file: string) => {
  const bytes = readFileSync(path.join(assets, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

/** The entry and what it imports statically (`import … from "./x.js"` at the top level). */
function staticGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(path.join(assets, entry), 'utf8');
  for (const match of code.matchAll(
    /(?:^|[;}])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g,
  )) {
    staticGraph(match[1]!, seen);
  }
  return seen;
}

const entries = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.(?:js|css))"/g)].map(
  (match) => match[1]!,
);
const files = new Set<string>();
for (const entry of entries) {
  if (entry.endsWith('.css')) files.add(entry);
  else for (const file of staticGraph(entry)) files.add(file);
}
const firstPaint = [...files].map(sizes);
const catalogues = readdirSync(assets)
  .filter((file) => /^(?:ar|de|es|fr|he|ja|ko|zh-CN|pseudo-locale)-[\w-]+\.js$/.test(file))
  .map(sizes);

console.log(
  JSON.stringify(
    {
      firstPaint: {
        bytes: firstPaint.reduce((sum, file) => sum + file.bytes, 0),
        gzip: firstPaint.reduce((sum, file) => sum + file.gzip, 0),
        files: firstPaint,
      },
      catalogues,
    },
    null,
    2,
  ),
);
