/**
 * Guessing the encoding of bytes that do not say what they are, with jschardet (a port of
 * Python's chardet 7, which recognises Thai, Hebrew and the Cyrillic code pages reliably where
 * the npm `chardet` package did not).
 */
import { chardet } from 'jschardet';
import { canonicalCharset } from './charset-labels';

// Enough text to be sure of any language; detection time grows with the sample.
const SAMPLE_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

// What the web and feeds use; the Mac and DOS code pages mostly lure the detector astray.
const ERAS = chardet.EncodingEra.MODERN_WEB | chardet.EncodingEra.LEGACY_ISO;

/** Candidate encodings, likeliest first, as names `canonicalCharset` understands. */
export function detectCharsets(bytes: Uint8Array): string[] {
  const results = chardet.detectAll(textSample(bytes), {
    encodingEra: ERAS,
    preferSuperset: true,
  });
  const charsets: string[] = [];
  for (const result of results) {
    const charset = canonicalCharset(result.encoding ?? undefined);
    if (charset && !charsets.includes(charset)) charsets.push(charset);
  }
  return charsets;
}

/**
 * The lines that contain non-ASCII bytes: in a feed or a web page most bytes are ASCII markup,
 * which says nothing about the encoding and would push the text past the sample size. No legacy encoding
 * uses 0x0A inside a character, so cutting there never splits one.
 */
function textSample(bytes: Uint8Array): Uint8Array {
  const sample = new Uint8Array(Math.min(bytes.length, SAMPLE_BYTES));
  let size = 0;
  let lineStart = 0;
  let nonAscii = false;
  for (let index = 0; index <= bytes.length && size < sample.length; index += 1) {
    const byte = index < bytes.length ? bytes[index] : NEWLINE;
    if (byte >= 0x80) nonAscii = true;
    if (byte !== NEWLINE) continue;
    if (nonAscii) {
      const line = bytes.subarray(lineStart, Math.min(index + 1, lineStart + sample.length - size));
      sample.set(line, size);
      size += line.length;
    }
    lineStart = index + 1;
    nonAscii = false;
  }
  return sample.subarray(0, size);
}
