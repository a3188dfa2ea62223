/**
 * Entities, double escaping, CDATA and sloppy markup: what a feed says must read as its
 * publisher meant it. Titles are plain text; summaries and content are HTML as published.
 */
import { describe, expect, it } from 'vitest';
import { resolveHtmlUrls } from '@main/feeds/parse/html-urls';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import { htmlToText } from '@main/html/text';

const NOW = Date.UTC(2024, 0, 15, 12);
const parse = (xml: string) => parseFeed(xml, { url: 'https://example.com/feed.xml', now: NOW });
const rssItem = (inner: string) =>
  parse(`<rss><channel><title>t</title><item>${inner}</item></channel></rss>`).items[0];
const atomEntry = (inner: string) =>
  parse(
    `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id>${inner}</entry></feed>`,
  ).items[0];

describe('titles: plain text, however they were escaped', () => {
  it.each([
    ['AT&amp;amp;T', 'AT&T'],
    ['AT&amp;T', 'AT&T'],
    ['&lt;b&gt;Bold&lt;/b&gt; move', 'Bold move'],
    ['&amp;lt;b&amp;gt;Twice&amp;lt;/b&amp;gt; escaped', 'Twice escaped'],
    ['Caf&amp;eacute; &amp;#8217;s &amp;#x201C;menu&amp;#x201D;', 'Café ’s “menu”'],
    ['Caf&eacute;&nbsp;&mdash; undeclared HTML entities', 'Café — undeclared HTML entities'],
    ['<![CDATA[Fish & Chips <em>today</em>]]>', 'Fish & Chips today'],
    ['<![CDATA[AT&amp;T]]>', 'AT&T'],
    ['1 &lt; 2 and 3 &gt; 2', '1 < 2 and 3 > 2'],
    ['Keep &unknown; and &#0; as written', 'Keep &unknown; and &#0; as written'],
    ['&lt;img src="x.png" alt="A cat"&gt; pictures', 'A cat pictures'],
    ['Line\n   breaks\tand  spaces', 'Line breaks and spaces'],
    ['東京　大阪', '東京　大阪'],
  ])('RSS title %j reads %j', (title, expected) => {
    expect(rssItem(`<title>${title}</title>`).title).toBe(expected);
  });

  it('reads Atom title types as their types say', () => {
    expect(atomEntry('<title type="html">AT&amp;amp;T &lt;i&gt;now&lt;/i&gt;</title>').title).toBe(
      'AT&T now',
    );
    // type="text" is literal: an ampersand-amp written as text is what the publisher meant.
    expect(atomEntry('<title type="text">Use &amp;amp; in HTML</title>').title).toBe(
      'Use &amp; in HTML',
    );
    expect(
      atomEntry(
        '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x<sup>2</sup> &amp; y</div></title>',
      ).title,
    ).toBe('x2 & y');
  });
});

describe('content: HTML as published', () => {
  it('keeps escaped HTML, numeric and named references for the renderer', () => {
    const item = rssItem(
      '<description>Caf&amp;eacute; &amp;#x2014; &lt;b&gt;bold&lt;/b&gt; &amp;amp; more</description>',
    );
    expect(item.summary).toBe('Caf&eacute; &#x2014; <b>bold</b> &amp; more');
  });

  it('keeps CDATA content exactly, entities inside it included', () => {
    const item = rssItem(
      '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>AT&amp;T &copy; <a href="https://x.example/?a=1&amp;b=2">x</a></p>]]></content:encoded>',
    );
    expect(item.contentHtml).toBe(
      '<p>AT&amp;T &copy; <a href="https://x.example/?a=1&amp;b=2">x</a></p>',
    );
  });

  it('turns Atom text content into escaped HTML', () => {
    expect(atomEntry('<content type="text">1 &lt; 2 &amp; "quotes"</content>').contentHtml).toBe(
      '1 &lt; 2 &amp; &quot;quotes&quot;',
    );
  });

  it('reads TypePad-style escaped HTML inside an XHTML div', () => {
    const entry = atomEntry(
      '<content type="html"><div xmlns="http://www.w3.org/1999/xhtml">Example &lt;b&gt;Atom&lt;/b&gt;</div></content>',
    );
    expect(entry.contentHtml).toBe('Example <b>Atom</b>');
  });

  it('decodes base64 text content (Atom 0.3 mode, Atom 1.0 media types)', () => {
    const encoded = Buffer.from('Example <b>Atom</b>').toString('base64');
    expect(
      parse(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry>
        <content type="text/html" mode="base64">${encoded}</content></entry></feed>`).items[0]
        .contentHtml,
    ).toBe('Example <b>Atom</b>');
    expect(
      atomEntry(`<content type="application/octet-stream">${encoded}</content>`).contentHtml,
    ).toBe('Example &lt;b&gt;Atom&lt;/b&gt;');
    // Binary media is not text to read.
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]).toString('base64');
    expect(atomEntry(`<content type="image/png">${png}</content>`).contentHtml).toBeUndefined();
  });
});

describe('relative URLs in HTML content', () => {
  it('resolves them against xml:base and the document URL', () => {
    const feed = parse(`<rss xml:base="https://base.example/blog/"><channel><title>t</title>
      <item><description>&lt;a href="post/1"&gt;one&lt;/a&gt; &lt;img src='/i.png' srcset="a.png 1x, /b.png 2x"&gt;</description></item>
      <item xml:base="https://other.example/x/"><description><![CDATA[<a href=../y>y</a>]]></description></item>
    </channel></rss>`);
    expect(feed.items[0].summary).toBe(
      `<a href="https://base.example/blog/post/1">one</a> <img src='https://base.example/i.png' srcset="https://base.example/blog/a.png 1x, https://base.example/b.png 2x">`,
    );
    expect(feed.items[1].summary).toBe('<a href="https://other.example/y">y</a>');
  });

  it.each([
    ['<a href="https://x.example/a">', '<a href="https://x.example/a">'],
    ['<a href="mailto:me@x.example">', '<a href="mailto:me@x.example">'],
    ['<a href="#notes">', '<a href="#notes">'],
    ['<a href="javascript:alert(1)">', '<a href="javascript:alert(1)">'],
    [
      '<a title="/not/a/url" href="/p?a=1&amp;b=2">',
      '<a title="/not/a/url" href="https://d.example/p?a=1&amp;b=2">',
    ],
    ['<A HREF = "/Caps">', '<A HREF = "https://d.example/Caps">'],
    ['1 < 2 <a href=/x>x</a>', '1 < 2 <a href="https://d.example/x">x</a>'],
    ['<a href="/unclosed>text', '<a href="/unclosed>text'],
  ])('rewrites %j as %j', (html, expected) => {
    expect(resolveHtmlUrls(html, 'https://d.example/dir/page')).toBe(expected);
  });

  it('takes linear time over hostile markup', () => {
    const html = `${'<a href=x '.repeat(20_000)}${'<img src="'.repeat(20_000)}`;
    const started = performance.now();
    resolveHtmlUrls(html, 'https://d.example/');
    htmlToText(html);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('sloppy XML', () => {
  it('reads unquoted, valueless, repeated and entity-laden attributes', () => {
    const entry = atomEntry(
      '<link href=https://example.com/a rel=alternate type=text/html /><link rel="enclosure" href="https://e.example/?a=1&amp;b=2" href="https://ignored.example/" length=12 checked>',
    );
    expect(entry.url).toBe('https://example.com/a');
    expect(entry.enclosures).toEqual([{ url: 'https://e.example/?a=1&b=2', length: 12 }]);
  });

  it('closes elements that end tags skip, and reads unmatched end tags as text', () => {
    const feed = parse(`<rss><channel><title>t</title>
      <item><title>a</b> b</title><link>https://example.com/1</item>
      <item><Title>Case</TITLE></item></channel></rss>`);
    expect(feed.items.map((item) => [item.title, item.url])).toEqual([
      ['a b', 'https://example.com/1'],
      ['Case', undefined],
    ]);
  });

  it('keeps a literal < and & in text, drops comments and processing instructions', () => {
    expect(rssItem('<title>1 < 2 & 3 > 2<!-- note -->!<?php echo 1; ?></title>').title).toBe(
      '1 < 2 & 3 > 2!',
    );
  });

  it('matches namespace prefixes without regard to case', () => {
    const feed = parse(`<rss xmlns:DC="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
      <item><title>a</title><Dc:Creator>Jo</Dc:Creator></item></channel></rss>`);
    expect(feed.items[0].authors).toEqual(['Jo']);
  });

  it('skips a DOCTYPE whose internal subset holds > in quotes and comments', () => {
    const feed = parse(`<!DOCTYPE rss [
      <!ENTITY a "x > y"> <!-- a > comment ] --> <!ATTLIST item id ID #IMPLIED>
    ]><rss><channel><title>After the DTD</title></channel></rss>`);
    expect(feed.title).toBe('After the DTD');
  });

  it('ignores whatever follows the root element', () => {
    const feed = parse(
      '<rss><channel><title>t</title><item><title>a</title></item></channel></rss><rss><channel><item><title>b</title></item></channel></rss>',
    );
    expect(feed.items.map((item) => item.title)).toEqual(['a']);
  });
});
