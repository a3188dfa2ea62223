import path from 'node:path';
import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../../..');

/** scripts/icon-containers.ts, by path: the scripts project is built after the tests'. */
interface IconImage {
  size: number;
  png: Uint8Array;
  rgba: Uint8Array;
}
const { icoFile, icnsFile } = (await import(path.join(REPO, 'scripts/icon-containers.ts'))) as {
  icoFile(images: readonly IconImage[]): Uint8Array;
  icnsFile(images: readonly IconImage[]): Uint8Array;
};

/** A stand-in image: the PNG bytes only need to be told apart; the pixels are one colour. */
function image(size: number, rgba: [number, number, number, number] = [10, 20, 30, 128]) {
  const pixels = new Uint8Array(size * size * 4);
  for (let at = 0; at < pixels.length; at += 4) pixels.set(rgba, at);
  // The real PNG signature and IHDR, so image-size reads the entry's size like Windows would.
  const png = new Uint8Array(33);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(png.buffer).setUint32(16, size);
  new DataView(png.buffer).setUint32(20, size);
  return { size, png, rgba: pixels };
}

describe('icon containers', () => {
  it('writes an .ico whose directory lists every size and points at each image', () => {
    const ico = icoFile([image(256), image(16), image(32, [1, 2, 3, 255])]);
    const read = imageSize(ico);
    expect(read.type).toBe('ico');
    expect(read.images?.map((entry) => entry.width)).toEqual([16, 32, 256]);

    const view = new DataView(ico.buffer, ico.byteOffset);
    const entry = (index: number) => ({
      bytes: view.getUint32(6 + 16 * index + 8, true),
      offset: view.getUint32(6 + 16 * index + 12, true),
    });
    // 256 px is stored as the PNG itself.
    const big = entry(2);
    expect(ico.subarray(big.offset, big.offset + big.bytes)).toEqual(image(256).png);
    expect(big.offset + big.bytes).toBe(ico.byteLength);

    // 32 px is a bottom-up BGRA bitmap of twice the height, then a 1-bit mask (4 bytes a row).
    const small = entry(1);
    const bmp = new DataView(ico.buffer, ico.byteOffset + small.offset, small.bytes);
    expect(bmp.getUint32(0, true)).toBe(40);
    expect([bmp.getInt32(4, true), bmp.getInt32(8, true), bmp.getUint16(14, true)]).toEqual([
      32, 64, 32,
    ]);
    expect(small.bytes).toBe(40 + 32 * 32 * 4 + 32 * 4);
    expect([...ico.subarray(small.offset + 40, small.offset + 44)]).toEqual([3, 2, 1, 255]);
  });

  it('writes the rows of a bitmap bottom-up, so the icon is not upside down', () => {
    const top = image(16, [0, 0, 0, 255]);
    top.rgba.set([255, 0, 0, 255], 0); // the top-left pixel is red
    const ico = icoFile([top]);
    const offset = new DataView(ico.buffer).getUint32(6 + 12, true);
    const lastRow = offset + 40 + 15 * 16 * 4;
    expect([...ico.subarray(lastRow, lastRow + 4)]).toEqual([0, 0, 255, 255]); // BGRA red
    expect([...ico.subarray(offset + 40, offset + 44)]).toEqual([0, 0, 0, 255]);
  });

  it('refuses what an .ico cannot hold', () => {
    expect(() => icoFile([image(512)])).toThrow(/1–256/);
  });

  it('writes an .icns with a PNG element for each size, 2× ones included', () => {
    const icns = icnsFile([image(16), image(32), image(512), image(1024)]);
    expect(new TextDecoder().decode(icns.subarray(0, 4))).toBe('icns');
    const view = new DataView(icns.buffer);
    expect(view.getUint32(4)).toBe(icns.byteLength);
    const types: string[] = [];
    for (let at = 8; at < icns.byteLength; at += view.getUint32(at + 4)) {
      types.push(new TextDecoder().decode(icns.subarray(at, at + 4)));
      expect(icns.subarray(at + 8, at + 16)).toEqual(image(16).png.subarray(0, 8));
    }
    expect(types).toEqual(['icp4', 'icp5', 'ic11', 'ic09', 'ic14', 'ic10']);
    expect(imageSize(icns)).toMatchObject({ type: 'icns', width: 1024 });
  });
});
