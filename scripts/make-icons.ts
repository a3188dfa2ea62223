/**
 * Every icon the installers need, drawn from the one source, resources/icon.svg:
 *
 *   npm run icons
 *
 * writes resources/icons/png/<n>x<n>.png (Linux's hicolor sizes, which electron-builder names
 * by their file names), resources/icons/icon.ico (Windows: 16–256 px) and
 * resources/icons/icon.icns (macOS: 16–1024 px). The results are committed, so building the
 * installers needs no renderer; run this again after changing the SVG.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { REPO } from './bench-kit';
import { icnsFile, icoFile, type IconImage } from './icon-containers';

export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

function render(svg: string, size: number): IconImage {
  const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render();
  if (rendered.width !== size || rendered.height !== size) {
    throw new Error(`resources/icon.svg must be square: drew ${rendered.width}×${rendered.height}`);
  }
  return { size, png: rendered.asPng(), rgba: unpremultiply(rendered.pixels) };
}

/** resvg hands its pixels premultiplied by alpha; a BMP inside an .ico holds them straight. */
function unpremultiply(pixels: Uint8Array): Uint8Array {
  const out = Uint8Array.from(pixels);
  for (let at = 0; at < out.length; at += 4) {
    const alpha = out[at + 3]!;
    if (alpha === 0 || alpha === 255) continue;
    for (let channel = at; channel < at + 3; channel++) {
      out[channel] = Math.min(255, Math.round((out[channel]! * 255) / alpha));
    }
  }
  return out;
}

const svg = readFileSync(path.join(REPO, 'resources/icon.svg'), 'utf8');
const images = PNG_SIZES.map((size) => render(svg, size));
const outDir = path.join(REPO, 'resources/icons');
mkdirSync(path.join(outDir, 'png'), { recursive: true });
for (const image of images) {
  writeFileSync(path.join(outDir, 'png', `${image.size}x${image.size}.png`), image.png);
}
writeFileSync(
  path.join(outDir, 'icon.ico'),
  icoFile(images.filter((image) => ICO_SIZES.includes(image.size))),
);
writeFileSync(path.join(outDir, 'icon.icns'), icnsFile(images));
console.log(`Wrote ${images.length} PNGs, icon.ico and icon.icns to resources/icons/`);
