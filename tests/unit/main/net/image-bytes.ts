/**
 * Tiny image files made on the spot for the image tests: real, decodable PNGs (zlib for the
 * pixel data) and headers for the other formats, with exactly the fields the sniffer reads.
 */
import { crc32, deflateSync } from 'node:zlib';

function u32be(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function u16le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff];
}

function u24le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff];
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

function pngChunk(type: string, data: Uint8Array): number[] {
  const typed = new Uint8Array([...ascii(type), ...data]);
  return [...u32be(data.length), ...typed, ...u32be(crc32(typed))];
}

/** A valid grey PNG of the given size. */
export function png(width: number, height: number): Uint8Array {
  const header = new Uint8Array([...u32be(width), ...u32be(height), 8, 0, 0, 0, 0]);
  // One filter byte, then one grey byte per pixel, per row.
  const raw = new Uint8Array(height * (width + 1)).fill(0x80);
  for (let row = 0; row < height; row += 1) raw[row * (width + 1)] = 0;
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...pngChunk('IHDR', header),
    ...pngChunk('IDAT', deflateSync(raw)),
    ...pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** A baseline JPEG's markers up to its frame header (SOF0), which carries the size. */
export function jpeg(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const quant = [0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array<number>(64).fill(1)];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x11,
    8,
    (height >> 8) & 0xff,
    height & 0xff,
    (width >> 8) & 0xff,
    width & 0xff,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  return new Uint8Array([0xff, 0xd8, ...app0, ...quant, ...sof0, 0xff, 0xd9]);
}

export function gif(width: number, height: number): Uint8Array {
  return new Uint8Array([...ascii('GIF89a'), ...u16le(width), ...u16le(height), 0, 0, 0, 0x3b]);
}

/** An extended-format (VP8X) WebP header. */
export function webp(width: number, height: number): Uint8Array {
  const vp8x = [...ascii('VP8X'), ...u32be(10).reverse(), 0, 0, 0, 0];
  return new Uint8Array([
    ...ascii('RIFF'),
    ...u32be(22).reverse(),
    ...ascii('WEBP'),
    ...vp8x,
    ...u24le(width - 1),
    ...u24le(height - 1),
  ]);
}

/** A lossy (VP8) WebP header: frame tag, start code, then 14-bit width and height. */
export function webpLossy(width: number, height: number): Uint8Array {
  return new Uint8Array([
    ...ascii('RIFF'),
    ...u32be(30).reverse(),
    ...ascii('WEBP'),
    ...ascii('VP8 '),
    ...u32be(20).reverse(),
    0x30,
    0x01,
    0x00,
    0x9d,
    0x01,
    0x2a,
    ...u16le(width),
    ...u16le(height),
  ]);
}

/** A lossless (VP8L) WebP header: signature byte, then 14-bit width-1 and height-1 packed. */
export function webpLossless(width: number, height: number): Uint8Array {
  const w = width - 1;
  const h = height - 1;
  const bits = w | (h << 14);
  return new Uint8Array([
    ...ascii('RIFF'),
    ...u32be(26).reverse(),
    ...ascii('WEBP'),
    ...ascii('VP8L'),
    ...u32be(5).reverse(),
    0x2f,
    bits & 0xff,
    (bits >>> 8) & 0xff,
    (bits >>> 16) & 0xff,
    (bits >>> 24) & 0xff,
  ]);
}

/** An AVIF's file-type box and an image spatial extents ('ispe') property. */
export function avif(width: number, height: number): Uint8Array {
  const ftyp = [...u32be(20), ...ascii('ftyp'), ...ascii('avif'), 0, 0, 0, 0, ...ascii('mif1')];
  const ispe = [...u32be(20), ...ascii('ispe'), 0, 0, 0, 0, ...u32be(width), ...u32be(height)];
  return new Uint8Array([...ftyp, ...u32be(8), ...ascii('meta'), ...ispe]);
}
