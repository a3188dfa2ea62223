import { describe, expect, it } from 'vitest';
import { sniffImage } from '@main/net/image-size';
import { avif, gif, jpeg, png, webp, webpLossless, webpLossy } from './image-bytes';

const text = (value: string) => new TextEncoder().encode(value);

describe('sniffImage', () => {
  it.each([
    ['PNG', png(40, 30), 'image/png', 40, 30],
    ['JPEG (SOF0 after APP0 and DQT)', jpeg(640, 480), 'image/jpeg', 640, 480],
    ['GIF', gif(1, 1), 'image/gif', 1, 1],
    ['WebP, extended', webp(800, 600), 'image/webp', 800, 600],
    ['WebP, lossy', webpLossy(320, 200), 'image/webp', 320, 200],
    ['WebP, lossless', webpLossless(1000, 750), 'image/webp', 1000, 750],
    ['AVIF', avif(1920, 1080), 'image/avif', 1920, 1080],
  ])('reads %s', (_name, bytes, contentType, width, height) => {
    expect(sniffImage(bytes)).toEqual({
      format: contentType.slice(6),
      contentType,
      width,
      height,
    });
  });

  it('reads a progressive JPEG frame (SOF2) past padding bytes', () => {
    const bytes = jpeg(300, 200);
    const sof = bytes.indexOf(0xc0, 2);
    bytes[sof] = 0xc2;
    expect(sniffImage(bytes)).toMatchObject({ width: 300, height: 200 });
  });

  it('knows a truncated image by its signature alone', () => {
    expect(sniffImage(png(5, 5).subarray(0, 10))).toEqual({
      format: 'png',
      contentType: 'image/png',
    });
    expect(sniffImage(jpeg(5, 5).subarray(0, 8))).toMatchObject({ format: 'jpeg' });
  });

  it.each([
    '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    '\uFEFF  <?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>',
    '<!-- made by hand --><SVG onload="alert(1)"/>',
  ])('recognises SVG markup: %s', (markup) => {
    expect(sniffImage(text(markup))).toEqual({ format: 'svg', contentType: 'image/svg+xml' });
  });

  it('recognises nothing in HTML, text or empty bytes', () => {
    expect(sniffImage(text('<!doctype html><svg></svg>'))).toBeUndefined();
    expect(sniffImage(text('hello'))).toBeUndefined();
    expect(sniffImage(new Uint8Array(0))).toBeUndefined();
  });
});
