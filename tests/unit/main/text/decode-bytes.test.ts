import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalCharset } from '@main/text/charset-labels';
import { charsetFromContentType, decodeBytes, unicodeEncoding } from '@main/text/decode-bytes';

// Feeds are covered in feeds/encodings.test.ts; these are the cases text files and pages add.
describe('decodeBytes', () => {
  const text = 'Café “quoted” — naïve';

  it('follows byte order marks, whatever the labels say', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeBytes(bom, ['iso-8859-1'])).toEqual({ text, encoding: 'utf-8' });
    expect(
      decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')])).text,
    ).toBe(text);
  });

  it('recognises UTF-16 without a byte order mark', () => {
    const long = `${text} and some more words to look at`;
    expect(decodeBytes(iconv.encode(long, 'utf-16le'))).toEqual({
      text: long,
      encoding: 'utf-16le',
    });
    expect(decodeBytes(iconv.encode(long, 'utf-16be'))).toEqual({
      text: long,
      encoding: 'utf-16be',
    });
    expect(unicodeEncoding(iconv.encode(long, 'utf-16le'))).toBe('utf-16le');
    expect(unicodeEncoding(Buffer.from(long))).toBeUndefined();
  });

  it('prefers valid UTF-8, then the declared label, then a guess', () => {
    expect(decodeBytes(Buffer.from(text), ['windows-1252']).encoding).toBe('utf-8');
    expect(decodeBytes(iconv.encode(text, 'windows-1252'), ['latin1'])).toEqual({
      text,
      encoding: 'windows-1252',
    });
    const german =
      'Größere Änderungen für die Straßenbahn: Die Bürger können am Donnerstag abstimmen.';
    expect(decodeBytes(iconv.encode(german, 'windows-1252')).text).toBe(german);
  });

  it('passes over labels it does not know', () => {
    const russian = 'Президент Южной Кореи прибыл в Токио';
    const bytes = iconv.encode(russian, 'koi8-r');
    expect(decodeBytes(bytes, ['no-such-charset', undefined, 'KOI8-R'])).toEqual({
      text: russian,
      encoding: 'koi8r',
    });
  });

  it('maps labels the way browsers do', () => {
    expect(canonicalCharset('ISO-8859-1')).toBe('windows-1252');
    expect(canonicalCharset('"EUC-KR"')).toBe('cp949');
    expect(canonicalCharset('gb2312')).toBe('gb18030');
    expect(canonicalCharset('utf-8')).toBe('utf-8');
    expect(canonicalCharset('no-such-charset')).toBeUndefined();
    expect(canonicalCharset(undefined)).toBeUndefined();
  });

  it('reads the charset of a Content-Type header', () => {
    expect(charsetFromContentType('text/html; charset=windows-1251')).toBe('windows-1251');
    expect(charsetFromContentType('text/html;Charset="Shift_JIS"; q=1')).toBe('Shift_JIS');
    expect(charsetFromContentType('text/html')).toBeUndefined();
    expect(charsetFromContentType(undefined)).toBeUndefined();
  });
});
