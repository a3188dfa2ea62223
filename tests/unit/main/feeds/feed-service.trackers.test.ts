/**
 * Trackers in a feed's own HTML: what main hands the renderer to store must already be clean,
 * or the offline pass would later fetch the tracker images and tell the tracker what was read.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeFeed } from '@main/feeds/feed-service';
import { parseFeed } from '@main/feeds/parse/parse-feed';

function rss(content: string): string {
  return `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>News</title><link>https://news.example/</link>
    <item>
      <title>Harbour reopens</title><link>https://news.example/harbour</link>
      <guid>harbour</guid>
      <description><![CDATA[${content}]]></description>
      <content:encoded><![CDATA[${content}]]></content:encoded>
    </item>
  </channel>
</rss>`;
}

function storedItem(content: string, xml = rss(content)) {
  const feed = sanitizeFeed(
    parseFeed(Buffer.from(xml), { url: 'https://news.example/feed', now: Date.now() }),
  );
  const item = feed.items[0];
  if (!item) throw new Error('the feed has no item');
  return item;
}

function images(html: string | undefined): string[] {
  return Array.from(html?.matchAll(/<img\b[^>]*\bsrc="([^"]*)"/g) ?? [], (match) => match[1] ?? '');
}

function links(html: string | undefined): string[] {
  return Array.from(html?.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g) ?? [], (match) =>
    (match[1] ?? '').replace(/&amp;/g, '&'),
  );
}

describe('feed item content is cleaned of trackers before it is stored', () => {
  const content = `
    <p>The harbour reopened on Monday.</p>
    <img src="https://www.facebook.com/tr?id=1&amp;ev=PageView">
    <img src="https://pixel.tracker-host.example/open.gif" width="1" height="1">
    <img src="https://in.getclicky.com/1ns.gif?site=1">
    <img src="https://ads.pheedo.com/img.phdo?s=cc0c5f&amp;p=1">
    <img src="https://cdn.news.example/harbour.jpg?utm_source=rss&amp;w=800" width="800" height="450" alt="The harbour">
    <p><a href="https://news.example/story?utm_source=x&amp;fbclid=y&amp;id=7">Read on</a></p>`;

  it('keeps the article picture, without its tracking parameters, and nothing else', () => {
    const item = storedItem(content);
    for (const html of [item.contentHtml, item.summary]) {
      expect(images(html)).toEqual(['https://cdn.news.example/harbour.jpg?w=800']);
      expect(html).not.toMatch(/facebook\.com\/tr|tracker-host|getclicky|pheedo|utm_|fbclid/);
    }
  });

  it('leaves a link only the parameters that are not tracking ones', () => {
    const item = storedItem(content);
    expect(links(item.contentHtml)).toEqual(['https://news.example/story?id=7']);
    expect(item.contentHtml).toContain('Read on');
  });

  it('finds tracker images inside pictures and inside elements that are unwrapped', () => {
    const item = storedItem(
      `<p>Text.</p><picture><source srcset="https://in.getclicky.com/1.gif 1x">` +
        `<img src="https://cdn.news.example/a.jpg" alt="A"></picture>` +
        `<object data="https://ads.pheedo.com/x.swf"><img src="https://ads.pheedo.com/img.phdo?p=1">` +
        `Fallback text</object>`,
    );
    expect(item.contentHtml).not.toMatch(/getclicky|pheedo/);
    expect(item.contentHtml).toContain('Fallback text');
    expect(item.contentHtml).toContain('https://cdn.news.example/a.jpg');
  });

  it('drops hidden beacons and keeps the words of a link to a tracker', () => {
    const item = storedItem(
      `<p>Text.</p><img src="https://news.example/b.gif" style="display:none">` +
        `<p><a href="https://www.google-analytics.com/">Web Analytics</a> by us</p>`,
    );
    expect(images(item.contentHtml)).toEqual([]);
    expect(links(item.contentHtml)).toEqual([]);
    expect(item.contentHtml).toContain('Web Analytics');
  });

  it('strips the item link and drops tracker pictures from its media', () => {
    const xml = `<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel><title>News</title><link>https://news.example/</link>
    <item>
      <title>Harbour reopens</title>
      <link>https://news.example/harbour?utm_source=rss&amp;utm_medium=feed&amp;page=2</link>
      <guid>harbour</guid>
      <description>The harbour reopened.</description>
      <media:content url="https://cdn.news.example/harbour.jpg?utm_campaign=rss" medium="image"/>
      <media:content url="https://ads.pheedo.com/img.phdo?s=1" medium="image"/>
    </item>
  </channel>
</rss>`;
    const item = storedItem('', xml);
    expect(item.url).toBe('https://news.example/harbour?page=2');
    expect(item.images).toEqual(['https://cdn.news.example/harbour.jpg']);
  });

  it("links a FeedBurner item to the article, not through FeedBurner's click tracker", () => {
    const xml = `<?xml version="1.0"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
  <channel><title>News</title><link>https://news.example/</link>
    <item>
      <title>Harbour reopens</title>
      <link>http://feeds.feedburner.com/~r/News/~3/519925023/harbour.html</link>
      <feedburner:origLink>https://news.example/harbour.html?utm_source=feedburner</feedburner:origLink>
      <description>The harbour reopened.</description>
    </item>
  </channel>
</rss>`;
    const item = storedItem('', xml);
    expect(item.url).toBe('https://news.example/harbour.html');
    // Without a guid the id still comes from the published link, as it always did.
    expect(item.id).toBe('http://feeds.feedburner.com/~r/News/~3/519925023/harbour.html');
  });

  it('reads the original link of an Atom entry too', () => {
    const xml = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
  <title>News</title><id>urn:news</id><updated>2025-01-01T00:00:00Z</updated>
  <entry>
    <title>Harbour reopens</title><id>urn:harbour</id><updated>2025-01-01T00:00:00Z</updated>
    <link rel="alternate" type="text/html" href="http://feeds.feedburner.com/~r/News/~3/1/harbour.html"/>
    <feedburner:origLink>https://news.example/harbour.html</feedburner:origLink>
    <content type="html">The harbour reopened.</content>
  </entry>
</feed>`;
    expect(storedItem('', xml).url).toBe('https://news.example/harbour.html');
  });
});
