/**
 * Our image sniffing (src/main/net/image-size.ts) beside the image-size package, on the
 * images the tests build (tests/unit/main/net/image-bytes.ts), the SVG and non-image inputs
 * the download must tell apart, and the fixture images. Decides whether the package could
 * replace ours (docs/bench/trackers.md: it could not).
 *
 *   npx tsx scripts/compare-image-size.ts
 *
 * Prints one line per input; the last stdout line is one JSON object with the counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import { sniffImage } from '@main/net/image-size';
import * as built from '../tests/unit/main/net/image-bytes';
import { REPO } from './bench-kit';

const text = (value: string) => new TextEncoder().encode(value);

const inputs: [string, Uint8Array][] = [
  ['PNG', built.png(40, 30)],
  ['JPEG', built.jpeg(640, 480)],
  ['GIF 1×1', built.gif(1, 1)],
  ['WebP extended', built.webp(800, 600)],
  ['WebP lossy', built.webpLossy(320, 200)],
  ['WebP lossless', built.webpLossless(1000, 750)],
  ['AVIF (ftyp + ispe only)', built.avif(1920, 1080)],
  ['PNG cut after 10 bytes', built.png(5, 5).subarray(0, 10)],
  ['JPEG cut after 8 bytes', built.jpeg(5, 5).subarray(0, 8)],
  ['SVG', text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
  ['SVG with size', text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"/>')],
  [
    'SVG after BOM, XML declaration, doctype',
    text('\uFEFF <?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg>'),
  ],
  ['SVG in capitals after a comment', text('<!-- by hand --><SVG onload="alert(1)"/>')],
  ['HTML holding an svg', text('<!doctype html><svg></svg>')],
  ['text', text('hello')],
  ['nothing', new Uint8Array(0)],
];
for (const dir of ['tests/fixtures/pages/articles/images', 'tests/fixtures/feeds/icons']) {
  for (const name of readdirSync(path.join(REPO, dir)).sort()) {
    inputs.push([`${dir}/${name}`, new Uint8Array(readFileSync(path.join(REPO, dir, name)))]);
  }
}

let same = 0;
const differ: string[] = [];
for (const [name, bytes] of inputs) {
  const info = sniffImage(bytes);
  const ours = info ? `${info.format} ${info.width ?? '?'}×${info.height ?? '?'}` : 'not an image';
  let theirs: string;
  try {
    const size = imageSize(bytes);
    theirs = `${size.type === 'jpg' ? 'jpeg' : size.type} ${size.width}×${size.height}`;
  } catch (error) {
    theirs = `throws "${error instanceof Error ? error.message : String(error)}"`;
  }
  // Both refusing a non-image is agreement, whatever the package's message.
  const agree = ours === theirs || (!info && theirs.startsWith('throws'));
  if (agree) same += 1;
  else differ.push(name);
  console.log(`${agree ? 'same' : 'DIFF'}  ${name}: ours ${ours}; image-size ${theirs}`);
}
console.log(JSON.stringify({ inputs: inputs.length, same, differ }));
