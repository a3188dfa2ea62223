/**
 * What an image file is and how big it is drawn, from its first bytes: PNG, JPEG, GIF, WebP and
 * AVIF by signature, SVG by its markup. Servers' Content-Type headers are often wrong; the bytes
 * are what the renderer will actually decode.
 */

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'svg';

export interface ImageInfo {
  format: ImageFormat;
  contentType: string;
  width?: number;
  height?: number;
}

const CONTENT_TYPES: Record<ImageFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

export function sniffImage(bytes: Uint8Array): ImageInfo | undefined {
  const info = png(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? webp(bytes) ?? avif(bytes) ?? svg(bytes);
  return info ? { ...info, contentType: CONTENT_TYPES[info.format] } : undefined;
}

type Sniffed = Omit<ImageInfo, 'contentType'> | undefined;

function png(b: Uint8Array): Sniffed {
  if (!startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return undefined;
  if (ascii(b, 12, 4) !== 'IHDR' || b.length < 24) return { format: 'png' };
  return { format: 'png', width: u32be(b, 16), height: u32be(b, 20) };
}

function gif(b: Uint8Array): Sniffed {
  const signature = ascii(b, 0, 6);
  if (signature !== 'GIF87a' && signature !== 'GIF89a') return undefined;
  if (b.length < 10) return { format: 'gif' };
  return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
}

// Start-of-frame markers carry the size; C4 (Huffman tables), C8 and CC (arithmetic coding
// conditioning) share the range without being frames.
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpeg(b: Uint8Array): Sniffed {
  if (!startsWith(b, [0xff, 0xd8, 0xff])) return undefined;
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return { format: 'jpeg' };
    while (b[i] === 0xff && i < b.length) i += 1;
    const marker = b[i] ?? 0;
    i += 1;
    // Markers without a length: start of image, restarts, and TEM.
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9 || marker === 0xda) return { format: 'jpeg' };
    if (i + 1 >= b.length) break;
    const length = u16be(b, i);
    if (SOF.has(marker) && i + 6 < b.length) {
      return { format: 'jpeg', height: u16be(b, i + 3), width: u16be(b, i + 5) };
    }
    if (length < 2) return { format: 'jpeg' };
    i += length;
  }
  return { format: 'jpeg' };
}

function webp(b: Uint8Array): Sniffed {
  if (ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return undefined;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30 && startsWith(b.subarray(23), [0x9d, 0x01, 0x2a])) {
    return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    const b1 = b[22] ?? 0;
    const b2 = b[23] ?? 0;
    const b3 = b[24] ?? 0;
    const width = 1 + (((b1 & 0x3f) << 8) | (b[21] ?? 0));
    const height = 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6));
    return { format: 'webp', width, height };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    return { format: 'webp', width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  }
  return { format: 'webp' };
}

function avif(b: Uint8Array): Sniffed {
  if (ascii(b, 4, 4) !== 'ftyp') return undefined;
  const boxSize = u32be(b, 0);
  const brands: string[] = [];
  for (let i = 8; i + 4 <= Math.min(boxSize, b.length, 64); i += 4) brands.push(ascii(b, i, 4));
  if (!brands.includes('avif') && !brands.includes('avis')) return undefined;
  // The image spatial extents property: 'ispe', version and flags, width, height.
  const end = Math.min(b.length, 65_536);
  for (let i = boxSize; i + 16 <= end; i += 1) {
    if (b[i] === 0x69 && ascii(b, i, 4) === 'ispe') {
      return { format: 'avif', width: u32be(b, i + 8), height: u32be(b, i + 12) };
    }
  }
  return { format: 'avif' };
}

/** SVG is markup: an `<svg` element near the start, after any XML declaration and comments. */
function svg(b: Uint8Array): Sniffed {
  const head = new TextDecoder('utf-8').decode(b.subarray(0, 4096)).replace(/^\uFEFF/, '');
  const rest = head.replace(
    /^(?:\s|<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype\s+svg[^>]*>)*/i,
    '',
  );
  return /^<svg[\s>/]/i.test(rest) ? { format: 'svg' } : undefined;
}

function startsWith(b: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => b[i] === byte);
}

function ascii(b: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...b.subarray(at, at + length));
}

function u16be(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

function u16le(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

function u24le(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);
}

function u32be(b: Uint8Array, at: number): number {
  return (
    (((b[at] ?? 0) << 24) >>> 0) +
    (((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0))
  );
}
