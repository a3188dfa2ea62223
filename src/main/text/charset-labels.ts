/**
 * Charset labels as publishers write them, to the encoding that actually decodes their bytes.
 * Follows what browsers do (the WHATWG Encoding standard): the legacy labels mean the Windows
 * supersets, because that is what the text was really written in.
 */
import iconv from 'iconv-lite';

export const UTF8 = 'utf-8';
export const WINDOWS_1252 = 'windows-1252';

// Keys are labels without case or punctuation, so `Shift-JIS`, `shift_jis` and `SHIFT JIS` meet.
const ALIASES: Readonly<Record<string, string>> = {
  // Latin-1 and ASCII labels: the bytes 0x80–0x9F are windows-1252's quotes and dashes.
  iso88591: WINDOWS_1252,
  iso885911987: WINDOWS_1252,
  latin1: WINDOWS_1252,
  l1: WINDOWS_1252,
  isoir100: WINDOWS_1252,
  cp819: WINDOWS_1252,
  ibm819: WINDOWS_1252,
  csisolatin1: WINDOWS_1252,
  usascii: WINDOWS_1252,
  ascii: WINDOWS_1252,
  ansix341968: WINDOWS_1252,
  iso646us: WINDOWS_1252,
  cp1252: WINDOWS_1252,
  xcp1252: WINDOWS_1252,
  windows1252: WINDOWS_1252,
  // Turkish and Thai ISO sets likewise mean their Windows supersets.
  iso88599: 'windows-1254',
  latin5: 'windows-1254',
  l5: 'windows-1254',
  tis620: 'windows-874',
  iso885911: 'windows-874',
  windows874: 'windows-874',
  dos874: 'windows-874',
  cp874: 'windows-874',
  // GB2312 and GBK text is valid GB18030, which also covers the characters they lack.
  gb2312: 'gb18030',
  gb231280: 'gb18030',
  csgb2312: 'gb18030',
  isoir58: 'gb18030',
  csiso58gb231280: 'gb18030',
  chinese: 'gb18030',
  gbk: 'gb18030',
  xgbk: 'gb18030',
  cp936: 'gb18030',
  ms936: 'gb18030',
  windows936: 'gb18030',
  euccn: 'gb18030',
  gb18030: 'gb18030',
  // Korean: EUC-KR labels mean Windows-949 (Unified Hangul Code).
  euckr: 'cp949',
  cseuckr: 'cp949',
  ksc56011987: 'cp949',
  ksc56011989: 'cp949',
  ksc5601: 'cp949',
  csksc56011987: 'cp949',
  isoir149: 'cp949',
  korean: 'cp949',
  windows949: 'cp949',
  ms949: 'cp949',
  cp949: 'cp949',
  uhc: 'cp949',
  // Japanese: Shift_JIS labels mean Windows-31J (with NEC and IBM extensions).
  shiftjis: 'shift_jis',
  sjis: 'shift_jis',
  xsjis: 'shift_jis',
  mskanji: 'shift_jis',
  csshiftjis: 'shift_jis',
  windows31j: 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  xmscp932: 'shift_jis',
  eucjp: 'euc-jp',
  xeucjp: 'euc-jp',
  cseucpkdfmtjapanese: 'euc-jp',
  // Traditional Chinese: Big5 labels mean Big5-HKSCS.
  big5: 'big5hkscs',
  big5hkscs: 'big5hkscs',
  cnbig5: 'big5hkscs',
  csbig5: 'big5hkscs',
  xxbig5: 'big5hkscs',
  cp950: 'big5hkscs',
  // Hebrew: the logical-order label decodes the same as the plain one.
  iso88598i: 'iso-8859-8',
  csiso88598i: 'iso-8859-8',
  // Unicode.
  utf8: UTF8,
  unicode11utf8: UTF8,
  unicode20utf8: UTF8,
  xunicode20utf8: UTF8,
  utf16: 'utf-16le',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  ucs2: 'utf-16le',
  unicode: 'utf-16le',
  utf32: 'utf-32le',
  utf32le: 'utf-32le',
  utf32be: 'utf-32be',
};

/** Encodings that spend two or more bytes on a character, so wrong bytes show as errors. */
const MULTIBYTE = new Set([UTF8, 'gb18030', 'cp949', 'shift_jis', 'euc-jp', 'big5hkscs']);

/** Encodings whose text is not ASCII where it looks like markup, so a BOM is required. */
const WIDE = new Set(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be']);

/** The encoding a label stands for, or undefined when neither we nor iconv-lite know it. */
export function canonicalCharset(label: string | undefined): string | undefined {
  const key = label?.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!key) return undefined;
  if (Object.hasOwn(ALIASES, key)) return ALIASES[key];
  // Every other label iconv-lite knows (windows-1251, koi8-r, iso-8859-7, …) decodes as itself.
  return iconv.encodingExists(key) ? key : undefined;
}

export function isMultibyte(charset: string): boolean {
  return MULTIBYTE.has(charset);
}

/** UTF-16/32: a label that cannot be true of bytes that start with ASCII `<` and no BOM. */
export function isWide(charset: string): boolean {
  return WIDE.has(charset);
}
