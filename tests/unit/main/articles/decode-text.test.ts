import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, encodingForLabel } from '../../../../src/main/articles/decode-text';

describe('decodeText', () => {
  const text = 'Café “quoted” — naïve';

  it('follows byte order marks', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual(
      {
        text,
        encoding: 'utf8',
      },
    );
    expect(
      decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')])).text,
    ).toBe(text);
  });

  it('recognises UTF-16 without a byte order mark', () => {
    const long = `${text} and some more words to look at`;
    expect(decodeText(iconv.encode(long, 'utf-16le'))).toEqual({
      text: long,
      encoding: 'utf-16le',
    });
    expect(decodeText(iconv.encode(long, 'utf-16be'))).toEqual({
      text: long,
      encoding: 'utf-16be',
    });
  });

  it('prefers valid UTF-8, then the declared label, then a guess', () => {
    expect(decodeText(Buffer.from(text), 'windows-1252').encoding).toBe('utf8');
    expect(decodeText(iconv.encode(text, 'windows-1252'), 'latin1')).toEqual({
      text,
      encoding: 'windows-1252',
    });
    const german =
      'Größere Änderungen für die Straßenbahn: Die Bürger können am Donnerstag abstimmen.';
    expect(decodeText(iconv.encode(german, 'windows-1252')).text).toBe(german);
  });

  it('maps labels the way browsers do', () => {
    expect(encodingForLabel('ISO-8859-1')).toBe('windows-1252');
    expect(encodingForLabel('"EUC-KR"')).toBe('cp949');
    expect(encodingForLabel('gb2312')).toBe('gbk');
    expect(encodingForLabel('utf-8')).toBe('utf-8');
    expect(encodingForLabel('no-such-charset')).toBeUndefined();
    expect(encodingForLabel(undefined)).toBeUndefined();
  });
});
