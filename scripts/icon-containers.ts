/**
 * The two icon containers the installers need, written by hand because no package we have
 * writes them (electron-builder converts only on the platform it builds for, and only from one
 * PNG): Windows' .ico and macOS's .icns. Both are a small directory of images; see
 * scripts/make-icons.ts for the sizes.
 */

/** One rendering of the icon: its side in pixels, the PNG, and its straight RGBA pixels. */
export interface IconImage {
  size: number;
  png: Uint8Array;
  rgba: Uint8Array;
}

/**
 * A Windows .ico: a 6-byte header, a 16-byte entry per image, then the images. Below 256 px an
 * image is a 32-bit BMP (with its empty AND mask), which every reader of .ico takes, NSIS's
 * makensis included; the 256 px one is a PNG, as Windows itself has written them since Vista.
 */
export function icoFile(images: readonly IconImage[]): Uint8Array {
  const sorted = [...images].sort((a, b) => a.size - b.size);
  for (const image of sorted) {
    if (image.size < 1 || image.size > 256)
      throw new Error(`An .ico holds 1–256 px, not ${image.size}`);
  }
  const bodies = sorted.map((image) => (image.size === 256 ? image.png : bmpBody(image)));
  const header = new DataView(new ArrayBuffer(6 + 16 * sorted.length));
  header.setUint16(2, 1, true); // type 1: icon
  header.setUint16(4, sorted.length, true);
  let offset = header.byteLength;
  sorted.forEach((image, index) => {
    const at = 6 + 16 * index;
    header.setUint8(at, image.size % 256); // 0 means 256
    header.setUint8(at + 1, image.size % 256);
    header.setUint16(at + 4, 1, true); // colour planes
    header.setUint16(at + 6, 32, true); // bits per pixel
    header.setUint32(at + 8, bodies[index]!.byteLength, true);
    header.setUint32(at + 12, offset, true);
    offset += bodies[index]!.byteLength;
  });
  return concat([new Uint8Array(header.buffer), ...bodies]);
}

/** A BITMAPINFOHEADER image as .ico wants it: twice the height (XOR + AND), rows bottom-up, BGRA. */
function bmpBody({ size, rgba }: IconImage): Uint8Array {
  if (rgba.byteLength !== size * size * 4)
    throw new Error(`${size} px needs ${size * size * 4} RGBA bytes`);
  const maskRow = Math.ceil(size / 32) * 4; // 1 bit a pixel, rows padded to 4 bytes
  const body = new Uint8Array(40 + size * size * 4 + maskRow * size);
  const view = new DataView(body.buffer);
  view.setUint32(0, 40, true);
  view.setInt32(4, size, true);
  view.setInt32(8, size * 2, true);
  view.setUint16(12, 1, true);
  view.setUint16(14, 32, true);
  view.setUint32(20, size * size * 4 + maskRow * size, true);
  for (let y = 0; y < size; y++) {
    const from = (size - 1 - y) * size * 4;
    for (let x = 0; x < size; x++) {
      const source = from + x * 4;
      const target = 40 + (y * size + x) * 4;
      body[target] = rgba[source + 2]!;
      body[target + 1] = rgba[source + 1]!;
      body[target + 2] = rgba[source]!;
      body[target + 3] = rgba[source + 3]!;
    }
  }
  // The AND mask stays zero: the alpha channel already says what is transparent.
  return body;
}

/**
 * The .icns element types that hold a PNG, by pixel size; a size appears twice when it is both a
 * 1× image and the 2× image of half its size (Retina). Sizes without a type here are skipped.
 */
const ICNS_TYPES: Record<number, readonly string[]> = {
  16: ['icp4'],
  32: ['icp5', 'ic11'],
  64: ['icp6', 'ic12'],
  128: ['ic07'],
  256: ['ic08', 'ic13'],
  512: ['ic09', 'ic14'],
  1024: ['ic10'],
};

/** A macOS .icns: 'icns' and the file's length, then per element its type, length and PNG. */
export function icnsFile(images: readonly IconImage[]): Uint8Array {
  const elements: Uint8Array[] = [];
  for (const image of [...images].sort((a, b) => a.size - b.size)) {
    for (const type of ICNS_TYPES[image.size] ?? []) elements.push(chunk(type, image.png));
  }
  if (elements.length === 0) throw new Error('No image of a size an .icns holds');
  return chunk('icns', concat(elements));
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.byteLength);
  out.set(new TextEncoder().encode(type), 0);
  new DataView(out.buffer).setUint32(4, out.byteLength, false); // big-endian, header included
  out.set(data, 8);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
