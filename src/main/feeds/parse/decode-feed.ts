/**
 * A feed's bytes to text: unpacked when a server sent a gzip file as it is, then decoded with
 * the charsets the Content-Type and the XML declaration name (see text/decode-bytes).
 */
import { gunzipSync } from 'node:zlib';
import { AppError } from '../../../shared/result';
import { charsetFromContentType, decodeBytes, type DecodedText } from '../../text/decode-bytes';

const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;

export function decodeFeedBytes(input: Uint8Array, contentType?: string): string {
  return decodeFeedText(input, contentType).text;
}

export function decodeFeedText(input: Uint8Array, contentType?: string): DecodedText {
  const bytes = isGzip(input) ? gunzip(input) : input;
  return decodeBytes(bytes, [charsetFromContentType(contentType), encodingFromDeclaration(bytes)]);
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Some servers send `.xml.gz` files as they are, without a Content-Encoding that fetch undoes. */
function gunzip(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED_BYTES });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new AppError('too-large', 'main.feed.unpackedTooLarge');
    }
    throw new AppError('parse', 'main.feed.badGzip');
  }
}

function encodingFromDeclaration(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.byteLength, 1024),
  ).toString('latin1');
  return /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head)?.[1];
}
