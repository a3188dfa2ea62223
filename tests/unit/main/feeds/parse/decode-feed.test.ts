import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalCharset } from '@main/text/charset-labels';
import { decodeFeedText } from '@main/feeds/parse/decode-feed';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import { ENCODING_SAMPLES, sampleRss, type EncodingSample } from './encoding-samples';

const NOW = Date.UTC(2024, 0, 15, 12);
const parse = (bytes: Uint8Array, contentType?: string) =>
  parseFeed(bytes, { url: 'https://news.example/feed', contentType, now: NOW });

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: (Uint8Array | readonly number[])[]) =>
  new Uint8Array(parts.flatMap((part) => [...part]));

function expectSampleText(bytes: Uint8Array, sample: EncodingSample, contentType?: string) {
  const feed = parse(bytes, contentType);
  expect(feed.title).toBe(sample.feedTitle);
  expect(feed.language).toBe(sample.language);
  expect(feed.items.map((item) => item.title)).toEqual(sample.items.map((item) => item.title));
  expect(feed.items.map((item) => item.summary)).toEqual(
    sample.items.map((item) => item.description),
  );
}

describe('encodings: news in legacy encodings', () => {
  describe.each(ENCODING_SAMPLES)('$name', (sample) => {
    it('declared in the XML declaration', () => {
      const bytes = iconv.encode(sampleRss(sample, sample.label), sample.encoding);
      expectSampleText(bytes, sample);
    });

    it('declared only in the HTTP Content-Type', () => {
      const bytes = iconv.encode(sampleRss(sample), sample.encoding);
      expectSampleText(bytes, sample, `application/rss+xml; charset=${sample.label}`);
    });

    it('not declared at all (detected)', () => {
      // The same bytes, committed, so a change in the encoder cannot hide a regression.
      const fixture = fileURLToPath(
        new URL(
          `../../../../fixtures/feeds/encodings/${sample.language}-${sample.encoding}.xml`,
          import.meta.url,
        ),
      );
      const bytes = readFileSync(fixture);
      expect(bytes).toEqual(iconv.encode(sampleRss(sample), sample.encoding));
      expectSampleText(bytes, sample);
    });

    it('declared as UTF-8 although it is not (detected)', () => {
      const bytes = iconv.encode(sampleRss(sample, 'UTF-8'), sample.encoding);
      expectSampleText(bytes, sample, 'text/xml; charset=utf-8');
    });
  });

  it('detects without any markup around the text', () => {
    const korean = ENCODING_SAMPLES[0];
    const text = korean.items.map((item) => `${item.title}\n${item.description}`).join('\n');
    const decoded = decodeFeedText(iconv.encode(text, 'euc-kr'));
    expect(decoded).toEqual({ text, encoding: 'cp949' });
  });
});

describe('encodings: byte order marks', () => {
  const xml =
    '<?xml version="1.0"?><rss><channel><title>Ünïcödé – 日本語 😀</title></channel></rss>';

  it.each([
    ['UTF-8', [0xef, 0xbb, 0xbf], 'utf8'],
    ['UTF-16LE', [0xff, 0xfe], 'utf16le'],
    ['UTF-16BE', [0xfe, 0xff], 'utf16be'],
  ] as const)('reads %s with a BOM, whatever the labels say', (_, bom, encoding) => {
    const body = encoding === 'utf8' ? utf8(xml) : iconv.encode(xml, encoding);
    const bytes = concat(bom, body);
    expect(parse(bytes, 'text/xml; charset=iso-8859-1').title).toBe('Ünïcödé – 日本語 😀');
  });

  it('reads UTF-16 without a BOM from the `<` it starts with', () => {
    expect(parse(iconv.encode(xml, 'utf16le')).title).toBe('Ünïcödé – 日本語 😀');
    expect(parse(iconv.encode(xml, 'utf16be')).title).toBe('Ünïcödé – 日本語 😀');
  });

  it('reads UTF-32 with a BOM', () => {
    const bytes = concat([0xff, 0xfe, 0, 0], iconv.encode(xml, 'utf32le'));
    expect(parse(bytes).title).toBe('Ünïcödé – 日本語 😀');
  });

  it('ignores a UTF-16 label on bytes that are plainly ASCII-based', () => {
    const bytes = utf8(xml.replace('?>', ' encoding="UTF-16"?>'));
    expect(parse(bytes).title).toBe('Ünïcödé – 日本語 😀');
  });
});

describe('encodings: labels', () => {
  it.each([
    ['gb2312', 'gb18030'],
    ['GBK', 'gb18030'],
    ['iso-8859-1', 'windows-1252'],
    ['ISO_8859-1', 'windows-1252'],
    ['latin1', 'windows-1252'],
    ['US-ASCII', 'windows-1252'],
    ['x-sjis', 'shift_jis'],
    ['shift-jis', 'shift_jis'],
    ['Shift_JIS', 'shift_jis'],
    ['windows-31j', 'shift_jis'],
    ['euc-kr', 'cp949'],
    ['ks_c_5601-1987', 'cp949'],
    ['EUC-JP', 'euc-jp'],
    ['big5', 'big5hkscs'],
    ['tis-620', 'windows-874'],
    ['iso-8859-9', 'windows-1254'],
    ['utf8', 'utf-8'],
    ['KOI8-R', 'koi8r'],
    ['windows-1251', 'windows1251'],
    ['ISO-8859-7', 'iso88597'],
    ['no-such-charset', undefined],
  ])('%s means %s', (label, charset) => {
    expect(canonicalCharset(label)).toBe(charset);
  });

  it('decodes a declared gb2312 feed as GB18030, which has the characters GB2312 lacks', () => {
    // 𠮷 (U+20BB7) and 镕 (U+9555) exist only in GB18030 / GBK.
    const xml =
      '<?xml version="1.0" encoding="gb2312"?><rss><channel><title>吉𠮷 镕</title></channel></rss>';
    expect(parse(iconv.encode(xml, 'gb18030')).title).toBe('吉𠮷 镕');
  });

  it('decodes declared iso-8859-1 as windows-1252, as browsers do', () => {
    const xml =
      '<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>“Café” – 10€</title></channel></rss>';
    expect(parse(iconv.encode(xml, 'windows-1252')).title).toBe('“Café” – 10€');
  });

  it.each([
    ['x-sjis', 'shift_jis', '東京の天気'],
    ['shift-jis', 'shift_jis', '東京の天気'],
    ['euc-kr', 'euc-kr', '서울 날씨'],
    ['ks_c_5601-1987', 'euc-kr', '서울 날씨'],
  ])('understands the alias %s', (label, encoding, title) => {
    const xml = `<rss><channel><title>${title}</title></channel></rss>`;
    expect(parse(iconv.encode(xml, encoding), `text/xml; charset="${label}"`).title).toBe(title);
  });

  it('prefers valid UTF-8 over a legacy label (a server default, typically)', () => {
    const xml =
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Kölner Straße</title></channel></rss>';
    expect(parse(utf8(xml)).title).toBe('Kölner Straße');
    expect(parse(utf8(xml), 'text/xml; charset=windows-1251').title).toBe('Kölner Straße');
  });

  it('settles a Content-Type / declaration conflict by the bytes', () => {
    const korean = ENCODING_SAMPLES[0];
    const bytes = iconv.encode(sampleRss(korean, 'EUC-KR'), 'euc-kr');
    // Apache's old default charset against the generator's own declaration.
    expectSampleText(bytes, korean, 'text/xml; charset=ISO-8859-1');
  });

  it('sees through a single-byte Content-Type on multibyte text', () => {
    const japanese = ENCODING_SAMPLES[1];
    const bytes = iconv.encode(sampleRss(japanese), japanese.encoding);
    expectSampleText(bytes, japanese, 'text/xml; charset=ISO-8859-1');
  });

  it('keeps a single-byte label that fits (Cyrillic text in runs of high bytes)', () => {
    const russian = ENCODING_SAMPLES.find((sample) => sample.encoding === 'koi8-r');
    if (!russian) throw new Error('no KOI8-R sample');
    const bytes = iconv.encode(sampleRss(russian), 'koi8-r');
    expectSampleText(bytes, russian, 'text/xml; charset=koi8-r');
  });

  it('keeps UTF-8 whole when a few stray windows-1252 bytes are mixed in', () => {
    const bytes = concat(
      utf8('<rss><channel><title>Éditorial : l'),
      [0x92], // a windows-1252 apostrophe pasted into a UTF-8 feed
      utf8('été à Paris, déjà</title></channel></rss>'),
    );
    expect(parse(bytes).title).toBe('Éditorial : l’été à Paris, déjà');
    expect(parse(bytes, 'text/xml; charset=utf-8').title).toBe('Éditorial : l’été à Paris, déjà');
  });

  it('falls back to windows-1252 for short unlabelled text the detector cannot place', () => {
    const bytes = concat(
      utf8('<rss><channel><title>Caf'),
      [0xe9],
      utf8('</title></channel></rss>'),
    );
    expect(parse(bytes).title).toBe('Café');
  });
});

const CORPUS = fileURLToPath(
  new URL('../../../../../../shared/corpora/real-feeds/', import.meta.url),
);

describe('encodings: real feeds', () => {
  const read = (path: string) => parse(readFileSync(`${CORPUS}${path}`));

  it.each([
    ['full/rbren__rss-parser/encoding.rss', 'Jornal de Notícias - Últimas Notícias'],
    [
      'full/Ranchero-Software__NetNewsWire/kc0011.rss',
      '投资资讯网交易在线--流通纪念币最新20篇论坛主题-全文',
    ],
    ['full/danmactough__node-feedparser/iconv.xml', 'Новости Оренбурга и области / Раздел Новости'],
    ['trimmed/prof18__RSS-Parser/feed-test-greek.xml', 'Liberal - ΕΠΙΚΑΙΡΟΤΗΤΑ'],
    [
      'trimmed/feed-rs__feed-rs/rss2__rss_2.0_encoding_1.xml',
      'RSS Feed do Site Inovação Tecnológica',
    ],
  ])('%s is titled %j', (path, title) => {
    expect(read(path).title).toBe(title);
  });

  it('reads item text in the declared legacy encoding', () => {
    expect(read('full/Ranchero-Software__NetNewsWire/kc0011.rss').items[0].title).toBe(
      '建国35周年纪念，华表，和平鸽',
    );
    expect(read('full/miniflux__v2/encoding_WINDOWS-1251.xml').items[0].title).toBe(
      'Цитата #17703',
    );
  });

  it('detects latin text in a feed that declares nothing', () => {
    expect(read('full/rbren__rss-parser/uolNoticias.rss').description).toBe('Últimas Notícias');
    expect(read('full/miniflux__v2/no_encoding_ISO-8859-1.xml').items[0].summary).toContain(
      "nombre d'études",
    );
  });

  it('reads UTF-8 that claims to be ISO-8859-1 as UTF-8', () => {
    const feed = read('full/laminas__laminas-feed/laut.de-rdf.xml');
    expect(feed.items[0].summary).toContain('Schon länger haderten die Kölner');
  });
});
