import { describe, expect, it } from 'vitest';
import { cleanArticleHtml } from '@main/articles/clean-article';

const URL_ = 'https://news.example/world/2025/story.html';
const clean = (html: string) => cleanArticleHtml(html, { url: URL_ });

/** Paragraphs long enough to read as prose, each with a marker word to find it by. */
const prose = (marker: string) =>
  `<p>${marker}: the council met on Tuesday evening to discuss the harbour plans, and several members asked for more time to read the engineers' report before any vote is taken on the proposal.</p>`;

function expectInOrder(text: string, phrases: string[]): void {
  let from = 0;
  for (const phrase of phrases) {
    const at = text.indexOf(phrase, from);
    expect(at, `"${phrase}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + phrase.length;
  }
}

describe('cleanArticleHtml: tracking pixels and hidden images', () => {
  it('removes 1×1, 0×0, tiny and hidden images and keeps real ones', () => {
    const html = clean(
      [
        '<img src="https://cdn.example/a.gif" width="1" height="1">',
        '<img src="https://cdn.example/b.gif" width="0" height="0">',
        '<img src="https://cdn.example/c.gif" width="2" height="40">',
        '<img src="https://cdn.example/d.gif" style="width:1px;height:1px">',
        '<img src="https://cdn.example/e.png" hidden>',
        '<img src="https://cdn.example/f.png" style="display: none">',
        '<img src="https://cdn.example/g.png" style="visibility:hidden">',
        '<img src="https://cdn.example/photo.png" width="40" height="30" alt="A photo">',
        prose('Body'),
      ].join(''),
    );
    for (const name of ['a.gif', 'b.gif', 'c.gif', 'd.gif', 'e.png', 'f.png', 'g.png']) {
      expect(html).not.toContain(name);
    }
    expect(html).toContain(
      '<img src="https://cdn.example/photo.png" width="40" height="30" alt="A photo">',
    );
  });

  it.each([
    ['Clicky', 'https://in.getclicky.com/100123456ns.gif'],
    ['Clicky script', 'https://static.getclicky.com/js'],
    ['Google Analytics', 'https://www.google-analytics.com/collect?v=1&tid=UA-1'],
    ['Google Analytics (ssl)', 'https://ssl.google-analytics.com/__utm.gif'],
    ['Google Tag Manager', 'https://www.googletagmanager.com/ns.html?id=GTM-1'],
    ['DoubleClick', 'https://stats.g.doubleclick.net/r/collect'],
    ['Chartbeat', 'https://ping.chartbeat.net/ping?h=news.example'],
    ['Quantcast', 'https://pixel.quantserve.com/pixel/p-123.gif'],
    ['Facebook pixel', 'https://www.facebook.com/tr?id=1&ev=PageView'],
    ['Facebook SDK', 'https://connect.facebook.net/en_US/fbevents.js'],
    ['Scorecard Research', 'https://sb.scorecardresearch.com/p?c1=2'],
    ['Parse.ly', 'https://srv.pixel.parsely.com/plogger/?url=x'],
    ['New Relic', 'https://js-agent.newrelic.com/nr-1.js'],
    ['Hotjar', 'https://static.hotjar.com/c/hotjar-1.js'],
    ['Segment', 'https://cdn.segment.com/analytics.js/v1/x/analytics.min.js'],
    ['Mixpanel', 'https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js'],
    ['Taboola', 'https://cdn.taboola.com/libtrc/news/loader.js'],
    ['Outbrain', 'https://widgets.outbrain.com/outbrain.js'],
    ['Amazon ads', 'https://c.amazon-adsystem.com/aax2/apstag.js'],
    ['Twitter ads', 'https://static.ads-twitter.com/uwt.js'],
    ['LinkedIn Insight', 'https://px.ads.linkedin.com/collect/?pid=1'],
    ['Pinterest', 'https://ct.pinterest.com/v3/?tid=1'],
    ['Bing UET', 'https://bat.bing.com/action/0?ti=1'],
    ['Yandex Metrica', 'https://mc.yandex.ru/watch/1'],
    ['Baidu', 'https://hm.baidu.com/hm.gif?si=1'],
    ['Omniture 2o7', 'https://news.112.2o7.net/b/ss/x/1/H.27/s1'],
    ['Adobe omtrdc', 'https://news.sc.omtrdc.net/b/ss/x/1'],
    ['Matomo', 'https://analytics.news.example/matomo.php?idsite=1&rec=1'],
    ['Piwik', 'https://stats.news.example/piwik.php?idsite=1'],
    ['WordPress stats', 'https://pixel.wp.com/g.gif?blog=1'],
    ['WordPress stats script', 'https://stats.wp.com/e-202501.js'],
    ['Medium stat pixel', 'https://medium.com/_/stat?event=post.clientViewed'],
  ])('removes %s (%s) in img, iframe, script and link', (_name, url) => {
    const html = clean(
      [
        `<img src="${url}" width="40" height="30">`,
        `<iframe src="${url}"></iframe>`,
        `<script src="${url}"></script>`,
        `<link rel="stylesheet" href="${url}">`,
        `<picture><source srcset="${url} 800w"><img src="${url}"></picture>`,
        prose('Body'),
      ].join(''),
    );
    const host = new URL(url).hostname;
    expect(html).not.toContain(host);
    expect(html).toContain('Body: the council met');
  });

  it('keeps the words of a link to a tracker, not the link', () => {
    const html = clean(
      '<p>Stats by <a href="https://clicky.com/100123456">Real Time Web Analytics</a> are public for this site, as the editor promised in the spring when the paper went independent.</p>',
    );
    expect(html).not.toContain('clicky.com');
    expect(html).toContain('Stats by Real Time Web Analytics are public');
  });

  it('keeps ordinary links and images on hosts that merely resemble trackers', () => {
    const html = clean(
      [
        '<p>See <a href="https://www.facebook.com/harbourcouncil">the council page</a> and <a href="https://notgoogle-analytics.com/">this site</a> for the minutes of the meeting and for the questions residents sent in before it.</p>',
        '<img src="https://getclicky.com.example.org/photo.png" width="40" height="30">',
      ].join(''),
    );
    expect(html).toContain('href="https://www.facebook.com/harbourcouncil"');
    expect(html).toContain('href="https://notgoogle-analytics.com/"');
    expect(html).toContain('src="https://getclicky.com.example.org/photo.png"');
  });
});

describe('cleanArticleHtml: tracking parameters', () => {
  it.each([
    'utm_source=rss',
    'utm_medium=feed',
    'utm_campaign=spring',
    'utm_term=harbour',
    'utm_content=link',
    'fbclid=IwAR0abc',
    'gclid=Cj0KCQ',
    'dclid=CJ1',
    'msclkid=abc',
    'mc_cid=123',
    'mc_eid=456',
    'igshid=MzRl',
    '_hsenc=p2ANqtz',
    '_hsmi=123',
    'mkt_tok=eyJp',
    'yclid=123',
    'twclid=2-abc',
    'ref_src=twsrc%5Etfw',
    'wt_mc=rss.feed',
    'WT.mc_id=ad',
    'spm=a2c4g',
    'oly_anon_id=1',
    'oly_enc_id=2',
    'vero_id=3',
    'vero_conv=4',
    '__s=xyz',
    's_cid=em',
    'icid=home',
    'cmpid=nl',
  ])('strips %s and leaves the rest of the URL exactly as it was', (param) => {
    const html = clean(
      `<p>The <a href="https://data.example/report?id=42&amp;${param}&amp;q=a%20b#section-2">report</a> runs to three hundred pages and was published by the port authority last week after a long delay.</p><img src="https://cdn.example/p.png?w=800&amp;${param}" width="40" height="30">`,
    );
    expect(html).toContain('href="https://data.example/report?id=42&amp;q=a%20b#section-2"');
    expect(html).toContain('src="https://cdn.example/p.png?w=800"');
  });

  it('drops the question mark when nothing else is left, and strips srcset URLs too', () => {
    const html = clean(
      '<img src="https://cdn.example/a.png?utm_source=x" width="40" height="30" srcset="https://cdn.example/a,w_400.png?utm_medium=y 400w, https://cdn.example/a,w_800.png?fbclid=z 800w">',
    );
    expect(html).toContain('src="https://cdn.example/a,w_800.png"');
    expect(html).not.toMatch(/utm_|fbclid/);
  });
});

describe('cleanArticleHtml: page furniture', () => {
  it('removes share bars, by label and by their links alone', () => {
    const html = clean(
      [
        prose('First'),
        '<div><p>Share this article</p><ul><li><a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a></li><li><a href="https://twitter.com/intent/tweet?url=x">X</a></li></ul></div>',
        '<ul><li><a href="https://www.linkedin.com/shareArticle?url=x">in</a></li><li><a href="mailto:?subject=Story">✉</a></li><li><a href="https://wa.me/?text=x">wa</a></li></ul>',
        '<p>Share</p>',
        prose('Second'),
      ].join(''),
    );
    expect(html).not.toMatch(/Share|sharer|intent|shareArticle|mailto|wa\.me/);
    expectInOrder(html, ['First:', 'Second:']);
  });

  it('removes "Related stories", "More on this story", "Most read" and "You may also like" blocks', () => {
    const html = clean(
      [
        prose('First'),
        '<h3>Related stories</h3><ul><li><a href="/a">Ports brace for storms</a></li><li><a href="/b">New ferry route</a></li></ul>',
        '<aside><h2>More on this story</h2><a href="/c">Harbour plan explained</a><a href="/d">What residents say</a></aside>',
        prose('Second'),
        '<section><h2>Most read</h2><ol><li><a href="/e">Cup final</a></li><li><a href="/f">Heatwave</a></li></ol></section>',
        '<div><strong>You may also like</strong><p><a href="/g">A walk on the pier</a></p></div>',
        '<p>Read more: <a href="/h">Why the harbour floods</a></p>',
        '<p>RELATED: <a href="/i">The mayor answers questions</a></p>',
        prose('Third'),
      ].join(''),
    );
    for (const gone of [
      'Related stories',
      'Ports brace',
      'More on this story',
      'Harbour plan explained',
      'Most read',
      'Cup final',
      'You may also like',
      'A walk on the pier',
      'Read more',
      'Why the harbour floods',
      'RELATED',
      'The mayor answers',
    ]) {
      expect(html, gone).not.toContain(gone);
    }
    expectInOrder(html, ['First:', 'Second:', 'Third:']);
  });

  it('removes newsletter boxes, ad labels, comment prompts, cookie banners and copyright lines', () => {
    const html = clean(
      [
        '<div class="consent"><p>We use cookies to personalise content and ads. <a href="/privacy">Privacy policy</a></p><button>Accept</button></div>',
        prose('First'),
        '<div><h3>The Morning Briefing</h3><p>Sign up for our newsletter and get the top stories in your inbox every day.</p><form><input type="email"><button>Subscribe</button></form></div>',
        '<p>Advertisement</p>',
        '<div>Story continues below advertisement</div>',
        '<p>ADVERTISEMENT</p>',
        prose('Second'),
        '<div><h3>Comments</h3><p>Join the conversation</p></div>',
        '<p>Leave a comment</p>',
        '<p>© 2025 The Daily Meridian. All rights reserved.</p>',
      ].join(''),
    );
    for (const gone of [
      'cookies',
      'Privacy policy',
      'Morning Briefing',
      'newsletter',
      'Subscribe',
      'Advertisement',
      'ADVERTISEMENT',
      'continues below',
      'Comments',
      'Join the conversation',
      'Leave a comment',
      'All rights reserved',
      '<form',
      '<input',
      '<button',
    ]) {
      expect(html, gone).not.toContain(gone);
    }
    expectInOrder(html, ['First:', 'Second:']);
  });

  it('removes a line whose whole text is a tracker name, like the seed article\'s "Clicky"', () => {
    const html = clean(
      ['<p>Clicky</p>', prose('First'), '<div>Chartbeat</div>', prose('Second')].join(''),
    );
    expect(html).not.toContain('Clicky');
    expect(html).not.toContain('Chartbeat');
    expectInOrder(html, ['First:', 'Second:']);
  });

  it('keeps real paragraphs that mention sharing, relations, reading more or advertising', () => {
    const paragraphs = [
      '<p>Shares in the ferry company rose by a fifth on Monday after the council said it would share the cost of the new terminal with the port authority.</p>',
      '<p>Related research from the university found that harbour towns with a ferry link lost fewer young people to the cities over the past twenty years.</p>',
      '<p>Read more about the history of the harbour in the council’s own report, which the library keeps on open shelves and which anyone may borrow.</p>',
      '<p>Advertisement revenue at the local paper fell by a third last year, its editor said, and the paper now depends on readers who pay for it.</p>',
      '<p>She said the comments from residents had changed her mind, and that the newsletter the council sends each month would carry the full plan.</p>',
      '<p>Share</p>'.replace(
        'Share',
        'Share prices barely moved after the announcement, which traders had expected since the spring.',
      ),
    ];
    const html = clean(paragraphs.join(''));
    expectInOrder(html, [
      'Shares in the ferry company',
      'Related research from the university',
      'Read more about the history',
      'Advertisement revenue at the local paper',
      'She said the comments from residents',
      'Share prices barely moved',
    ]);
  });

  it('keeps figure captions, pull quotes and in-text links', () => {
    const html = clean(
      [
        '<figure><img src="https://cdn.example/harbour.png" width="40" height="30" alt="The harbour"><figcaption>The harbour at dawn. Photograph: Ana Costa</figcaption></figure>',
        '<blockquote><p>“The sea does not care about borders.”</p></blockquote>',
        '<p>The plan, first described in <a href="https://news.example/2024/plan">our report last year</a>, would widen the harbour mouth and build a new quay for the ferries that now anchor offshore.</p>',
      ].join(''),
    );
    expect(html).toContain('<figcaption>The harbour at dawn. Photograph: Ana Costa</figcaption>');
    expect(html).toContain(
      '<blockquote><p>“The sea does not care about borders.”</p></blockquote>',
    );
    expect(html).toContain('<a href="https://news.example/2024/plan">our report last year</a>');
  });

  it('turns embedded players into link cards and drops scripts, styles and forms', () => {
    const html = clean(
      [
        prose('First'),
        '<div class="video"><iframe src="https://www.youtube.com/embed/abcdefghijk?utm_source=x" title="Harbour at night"></iframe></div>',
        '<iframe src="https://open.spotify.com/embed/episode/123"></iframe>',
        '<style>p { color: red }</style><script>track()</script><noscript>Enable JavaScript</noscript>',
        prose('Second'),
      ].join(''),
    );
    expect(html).toContain(
      '<figure><a href="https://www.youtube.com/watch?v=abcdefghijk">Video: Harbour at night</a></figure>',
    );
    expect(html).toContain('<a href="https://open.spotify.com/episode/123">Audio: Spotify</a>');
    expect(html).not.toMatch(/<iframe|<script|<style|<noscript|track\(\)|Enable JavaScript/);
    expectInOrder(html, ['First:', 'Video: Harbour at night', 'Audio: Spotify', 'Second:']);
  });

  it('removes the title and byline echoed at the top of the content when told them', () => {
    const html = cleanArticleHtml(
      `<h1>Harbour plan approved</h1><p>By Jane Doe, Chief Reporter</p><p>Published: 4 May 2025</p>${prose('First')}<p>Jane Doe said later that the vote was close.</p>`,
      { url: URL_, title: 'Harbour plan approved', byline: 'Jane Doe' },
    );
    expect(html).not.toContain('Harbour plan approved');
    expect(html).not.toContain('Chief Reporter');
    expect(html).not.toContain('Published');
    expect(html).toContain('Jane Doe said later');
  });
});
