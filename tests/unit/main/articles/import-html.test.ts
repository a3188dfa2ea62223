import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  type ArticleExtractor,
  declaredCharset,
  importHtmlFile,
  pageUrl,
} from '@main/articles/import-html';
import { extractArticle } from '@main/articles/extract-article';
import type { ExtractedArticle } from '@shared/article-model';
import { AppError } from '@shared/result';

/** Stands in for extractArticle: records what it was given, returns the body as the content. */
function fakeExtractor() {
  const calls: { html: string; url: string }[] = [];
  const extract: ArticleExtractor = (html, { url }) => {
    calls.push({ html, url });
    const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
    const article: ExtractedArticle = {
      title: /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? 'Untitled',
      contentHtml: body,
      textContent: body.replace(/<[^>]+>/g, ''),
      wordCount: 1,
      readingMinutes: 1,
      images: [],
    };
    return article;
  };
  return { extract, calls };
}

const page = (head: string, body = '<p>Text</p>') =>
  `<!DOCTYPE html><html><head>${head}<title>T</title></head><body>${body}</body></html>`;

describe('importHtmlFile: decoding', () => {
  const russian = 'Президент Южной Кореи прибыл в Токио';

  it('honours <meta charset>', () => {
    const { extract, calls } = fakeExtractor();
    const bytes = iconv.encode(
      page('<meta charset="windows-1251">', `<p>${russian}</p>`),
      'win1251',
    );
    expect(importHtmlFile(bytes, { extract }).textContent).toBe(russian);
    expect(calls[0]?.html).toContain(russian);
  });

  it('honours a Content-Type http-equiv, with WHATWG aliases', () => {
    const { extract } = fakeExtractor();
    const japanese = '韓国大統領が東京に到着';
    const bytes = iconv.encode(
      page(
        '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
        `<p>${japanese}</p>`,
      ),
      'shift_jis',
    );
    expect(importHtmlFile(bytes, { extract }).textContent).toBe(japanese);
    const korean = '이재명 대통령 도쿄 도착';
    const euckr = iconv.encode(page("<meta charset='euc-kr'>", `<p>${korean}</p>`), 'cp949');
    expect(importHtmlFile(euckr, { extract }).textContent).toBe(korean);
  });

  it('honours byte order marks, UTF-16 included', () => {
    const { extract } = fakeExtractor();
    const html = page('', '<p>Café “quoted”</p>');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(html, 'utf-16le')]);
    expect(importHtmlFile(utf16, { extract }).textContent).toBe('Café “quoted”');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html)]);
    expect(importHtmlFile(bom, { extract }).textContent).toBe('Café “quoted”');
  });

  it('trusts valid UTF-8 over a stale Latin-1 label', () => {
    const { extract } = fakeExtractor();
    const bytes = Buffer.from(page('<meta charset="iso-8859-1">', '<p>Café “quoted”</p>'));
    expect(importHtmlFile(bytes, { extract }).textContent).toBe('Café “quoted”');
  });

  it('guesses legacy bytes that declare nothing', () => {
    const { extract } = fakeExtractor();
    const french =
      'Le président sud-coréen est arrivé à Tokyo samedi, où il a rencontré le Premier ministre japonais. Les deux dirigeants ont évoqué la coopération économique et la sécurité régionale.';
    const bytes = iconv.encode(page('', `<p>${french}</p>`), 'windows-1252');
    expect(importHtmlFile(bytes, { extract }).textContent).toBe(french);
  });

  it('takes the HTTP Content-Type charset over the page’s own <meta>', () => {
    const { extract } = fakeExtractor();
    const bytes = iconv.encode(page('<meta charset="koi8-r">', `<p>${russian}</p>`), 'win1251');
    const contentType = 'text/html; charset=windows-1251';
    expect(importHtmlFile(bytes, { extract, contentType }).textContent).toBe(russian);
    // Windows-1251 bytes decode cleanly as KOI8-R, so without the header the <meta> would rule.
    expect(importHtmlFile(bytes, { extract }).textContent).not.toBe(russian);
  });

  it('uses the HTTP charset when the page declares none, and the <meta> when it is unknown', () => {
    const { extract } = fakeExtractor();
    const japanese = '韓国大統領が東京に到着';
    const sjis = iconv.encode(page('', `<p>${japanese}</p>`), 'shift_jis');
    const contentType = 'text/html; charset="Shift_JIS"';
    expect(importHtmlFile(sjis, { extract, contentType }).textContent).toBe(japanese);
    const cyrillic = iconv.encode(
      page('<meta charset="windows-1251">', `<p>${russian}</p>`),
      'win1251',
    );
    const unknown = 'text/html; charset=x-no-such-charset';
    expect(importHtmlFile(cyrillic, { extract, contentType: unknown }).textContent).toBe(russian);
  });

  it('lets a byte order mark and valid UTF-8 beat the HTTP charset', () => {
    const { extract } = fakeExtractor();
    const contentType = 'text/html; charset=windows-1252';
    const html = page('', '<p>Café “quoted”</p>');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(html, 'utf-16le')]);
    expect(importHtmlFile(utf16, { extract, contentType }).textContent).toBe('Café “quoted”');
    const utf8 = Buffer.from(html);
    expect(importHtmlFile(utf8, { extract, contentType }).textContent).toBe('Café “quoted”');
  });

  it('reads the declaration from the first bytes only, in any attribute style', () => {
    expect(declaredCharset(Buffer.from('<meta charset=utf-8>'))).toBe('utf-8');
    expect(
      declaredCharset(
        Buffer.from("<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=koi8-r'>"),
      ),
    ).toBe('koi8-r');
    expect(
      declaredCharset(Buffer.from(`${' '.repeat(5000)}<meta charset="big5">`)),
    ).toBeUndefined();
  });
});

describe('importHtmlFile: the page address', () => {
  const saved =
    '<!DOCTYPE html>\n<!-- saved from url=(0044)https://news.example.com/world/lee-tokyo -->\n<html><head><link rel="canonical" href="https://news.example.com/world/lee-in-tokyo"><title>T</title></head><body><p>x</p></body></html>';

  it('takes the reader’s --url first', () => {
    const { extract, calls } = fakeExtractor();
    const article = importHtmlFile(Buffer.from(saved), {
      extract,
      baseUrl: 'https://mirror.example.org/a',
    });
    expect(calls[0]?.url).toBe('https://mirror.example.org/a');
    expect(article.url).toBe('https://mirror.example.org/a');
  });

  it('refuses a --url that is not a web address', () => {
    const { extract } = fakeExtractor();
    const run = () =>
      importHtmlFile(Buffer.from(saved), { extract, baseUrl: 'javascript:alert(1)' });
    expect(run).toThrow(AppError);
    expect(run).toThrow('is not a web address');
  });

  it('uses the address the browser noted when saving the page', () => {
    expect(pageUrl(saved, {})).toBe('https://news.example.com/world/lee-tokyo');
  });

  it('falls back to <base href>, then canonical, then og:url', () => {
    expect(
      pageUrl(
        page(
          '<base href="https://base.example.com/dir/"><link rel="canonical" href="https://c.example.com/">',
        ),
        {},
      ),
    ).toBe('https://base.example.com/dir/');
    expect(
      pageUrl(
        page('<link href="https://c.example.com/x?a=1&amp;b=2" rel="alternate canonical">'),
        {},
      ),
    ).toBe('https://c.example.com/x?a=1&b=2');
    expect(
      pageUrl(page('<meta property="og:url" content="https://og.example.com/story">'), {}),
    ).toBe('https://og.example.com/story');
  });

  it('ignores addresses that are not on the web', () => {
    const html = page(
      '<!-- saved from url=(0014)about:internet --><base href="/relative/"><link rel="canonical" href="javascript:alert(1)">',
    );
    expect(pageUrl(html, { fileName: 'My page (1).html' })).toBe('file:///My%20page%20(1).html');
  });

  it('names the file itself when nothing else is known, and leaves url unset', () => {
    const { extract, calls } = fakeExtractor();
    const article = importHtmlFile(Buffer.from(page('')), {
      extract,
      fileName: 'C:\\Users\\me\\story.html',
    });
    expect(calls[0]?.url).toBe('file:///story.html');
    expect(article.url).toBeUndefined();
  });

  // Found by import-file.fuzz.test.ts: the real extractor answers the page's own address, so a
  // page saved without one came back as url "file:///page.html", which the renderer keys saved
  // articles by: a second, different page.html replaced the first.
  // Found by import-file.fuzz.test.ts: String.fromCodePoint threw a RangeError on a character
  // reference past U+10FFFF, so the import failed with no reason a reader could act on.
  it('reads an address with a character reference that is no character', () => {
    for (const head of [
      '<base href="https://news.example/&#99999999;">',
      '<!-- saved from url=(0030)https://news.example/&#x110000; -->',
    ]) {
      expect(() => pageUrl(page(head), { fileName: 'a.html' })).not.toThrow();
    }
  });

  it('leaves url unset when the real extractor only knows the file', () => {
    const html = page(
      '',
      `<article><h1>Local notes</h1>${'<p>Words of a saved page that has no address of its own.</p>'.repeat(5)}</article>`,
    );
    const article = importHtmlFile(Buffer.from(html), {
      extract: extractArticle,
      fileName: 'page.html',
    });
    expect(article.textContent).toContain('Words of a saved page');
    expect(article.url).toBeUndefined();
  });

  it('fills url from the page when the extractor leaves it unset', () => {
    const { extract } = fakeExtractor();
    expect(importHtmlFile(Buffer.from(saved), { extract }).url).toBe(
      'https://news.example.com/world/lee-tokyo',
    );
  });
});

describe('importHtmlFile: safety', () => {
  it('sanitizes whatever the extractor returns', () => {
    const { extract } = fakeExtractor();
    const article = importHtmlFile(
      Buffer.from(
        page(
          '',
          '<p onclick="x()">Hi</p><script>alert(1)</script><iframe src="https://v.example.com/e"></iframe>',
        ),
      ),
      { extract },
    );
    expect(article.contentHtml).toBe(
      '<p>Hi</p><a href="https://v.example.com/e" target="_blank" rel="noopener noreferrer">Embedded content: v.example.com</a>',
    );
  });
});
