/**
 * fast-check arbitraries for feed-shaped but hostile documents, shared by the feed parser and
 * XML scanner properties: random nesting of feed vocabulary, entities (named, numeric, out of
 * range, undeclared), CDATA, comments, processing instructions, DOCTYPEs with entity
 * declarations, encoding declarations, huge and unquoted attributes, and URLs of every scheme.
 */
import fc from 'fast-check';

const ELEMENTS = [
  'rss',
  'channel',
  'item',
  'title',
  'link',
  'description',
  'guid',
  'pubDate',
  'dc:date',
  'dc:creator',
  'content:encoded',
  'category',
  'enclosure',
  'media:content',
  'media:thumbnail',
  'media:group',
  'media:description',
  'itunes:image',
  'image',
  'url',
  'feedburner:origLink',
  'atom:link',
  'feed',
  'entry',
  'id',
  'updated',
  'published',
  'author',
  'name',
  'summary',
  'content',
  'subtitle',
  'icon',
  'logo',
  'rdf:RDF',
  'RDF',
  'items',
  'rdf:Seq',
  'rdf:li',
  'div',
  'p',
  'script',
  'a',
  'img',
  'html',
  'body',
  'x:y:z',
  'ns0:item',
];

const ATTRIBUTES = [
  'href',
  'url',
  'src',
  'rel',
  'type',
  'length',
  'medium',
  'term',
  'label',
  'rdf:about',
  'rdf:resource',
  'xml:base',
  'xml:lang',
  'xmlns',
  'xmlns:content',
  'xmlns:media',
  'xmlns:atom',
  'xmlns:dc',
  'isPermaLink',
  'onload',
  'mode',
];

const NAMESPACES = [
  'http://www.w3.org/2005/Atom',
  'http://purl.org/rss/1.0/',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'http://purl.org/rss/1.0/modules/content/',
  'http://search.yahoo.com/mrss/',
  'http://purl.org/dc/elements/1.1/',
  'http://www.w3.org/1999/xhtml',
  '',
];

/** URLs of every kind a feed might carry, safe or not. */
export const urlLike = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/png;base64,AAAA',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/a',
    'mailto:a@example.com',
    '//evil.example/x',
    '/relative/path?q=1',
    '../up',
    '#frag',
    '?q',
    'http://',
    'https://[::1]/',
    'http://%00/',
    'https://example.com/a b',
    'https://exa mple.com/',
    '\u0000https://example.com/',
  ),
  fc.string({ maxLength: 20 }),
);

const entity = fc.oneof(
  fc.constantFrom(
    '&amp;',
    '&lt;',
    '&gt;',
    '&quot;',
    '&apos;',
    '&nbsp;',
    '&eacute;',
    '&bogus;',
    '&',
    '&#',
    '&#x;',
    '&#0;',
    '&#xD800;',
    '&#x110000;',
    '&#99999999999999999999;',
    '&#x1F600;',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '&lol;',
  ),
  fc.integer({ min: 0, max: 0x10ffff + 10 }).map((code) => `&#${code};`),
  fc.integer({ min: 0, max: 0x10ffff + 10 }).map((code) => `&#x${code.toString(16)};`),
);

const htmlPayload = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example/"></iframe>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<p style="background:url(javascript:alert(1))">p</p>',
  '<object data="javascript:alert(1)"></object>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<img srcset="javascript:alert(1) 1x, https://e.example/a.png 2x">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<p>plain <b>bold</b> <a href="/rel">rel</a></p>',
);

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: entity },
  { weight: 2, arbitrary: htmlPayload },
  urlLike,
  fc.constantFrom('Mon, 02 Jan 2006 15:04:05 GMT', '2006-01-02T15:04:05Z', '2999-01-01', '0000'),
);

const attributeValue = fc.oneof(
  { weight: 4, arbitrary: urlLike },
  { weight: 2, arbitrary: fc.constantFrom(...NAMESPACES) },
  { weight: 2, arbitrary: text },
  // Huge attributes: 10 kB to 200 kB.
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', '&amp;', 'https://x.example/', '"', ' '),
        fc.integer({ min: 2_000, max: 40_000 }),
      )
      .map(([unit, count]) => unit.repeat(count)),
  },
);

const attribute = fc
  .tuple(fc.constantFrom(...ATTRIBUTES), attributeValue, fc.constantFrom('"', "'", '', 'none'))
  .map(([name, value, quote]) => {
    if (quote === 'none') return ` ${name}`;
    const safe = quote
      ? value.replaceAll(quote, quote === '"' ? '&quot;' : '&apos;')
      : value.replace(/[\s>]/g, '');
    return ` ${name}=${quote}${safe}${quote}`;
  });

/** A random tree of feed vocabulary, `depth` levels at most. */
export function markup(depth: number): fc.Arbitrary<string> {
  const { node } = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: depth, withCrossShrink: true },
      { weight: 4, arbitrary: text.map((value) => value.replace(/</g, '&lt;')) },
      { weight: 1, arbitrary: text.map((value) => `<![CDATA[${value.replaceAll(']]>', '')}]]>`) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '<!-- c -->',
          '<!--',
          '<?pi x?>',
          '<![CDATA[',
          ']]>',
          '</item>',
          '</channel>',
          '<',
          '&',
          '<!ELEMENT x>',
        ),
      },
      {
        weight: 4,
        arbitrary: fc
          .tuple(
            fc.constantFrom(...ELEMENTS),
            fc.array(attribute, { maxLength: 3 }),
            fc.array(tie('node'), { maxLength: 4 }),
            fc.constantFrom('close', 'close', 'close', 'self', 'open', 'wrong'),
          )
          .map(([name, attributes, children, end]) => {
            const open = `<${name}${attributes.join('')}`;
            if (end === 'self') return `${open}/>`;
            const body = `${open}>${children.join('')}`;
            if (end === 'open') return body;
            return `${body}</${end === 'wrong' ? 'item' : name}>`;
          }),
      },
    ),
  }));
  return node;
}

const escaped = (value: string) => value.replace(/&(?!#?\w+;)/g, '&amp;').replace(/</g, '&lt;');
const cdata = (value: string) => `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const htmlText = fc.oneof(
  fc
    .array(fc.oneof(htmlPayload, fc.string({ maxLength: 10 }), entity), { maxLength: 4 })
    .map((parts) => parts.join('')),
  fc.string({ maxLength: 40 }),
);
const dateText = fc.oneof(
  fc.constantFrom(
    'Mon, 02 Jan 2006 15:04:05 GMT',
    '2006-01-02T15:04:05Z',
    '2999-01-01T00:00:00Z',
    '0999-01-01',
    'Tue, 31 Feb 2006 25:61:00 XYZ',
    '20060102T150405+1500',
    '',
  ),
  fc
    .date({ noInvalidDate: true, min: new Date(-1e14), max: new Date(1e14) })
    .map((date) => date.toISOString()),
  fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
  fc.string({ maxLength: 30 }),
);

/** One well-formed item field (RSS, RDF or Atom vocabulary) with a hostile value. */
const field = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('title', 'dc:title', 'author', 'dc:creator', 'category', 'guid', 'id'),
      text,
    )
    .map(([name, value]) => `<${name}>${escaped(value)}</${name}>`),
  fc
    .tuple(fc.constantFrom('link', 'guid', 'id', 'comments', 'feedburner:origLink', 'url'), urlLike)
    .map(([name, value]) => `<${name}>${escaped(value)}</${name}>`),
  fc
    .tuple(
      fc.constantFrom('pubDate', 'dc:date', 'published', 'updated', 'issued', 'modified'),
      dateText,
    )
    .map(([name, value]) => `<${name}>${escaped(value)}</${name}>`),
  fc
    .tuple(
      fc.constantFrom(
        'description',
        'content:encoded',
        'summary',
        'content',
        'media:description',
        'itunes:summary',
      ),
      htmlText,
      fc.constantFrom('escaped', 'cdata', 'xhtml', 'raw'),
    )
    .map(([name, value, form]) => {
      if (form === 'cdata') return `<${name}>${cdata(value)}</${name}>`;
      if (form === 'xhtml')
        return `<${name} type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${value}</div></${name}>`;
      if (form === 'raw') return `<${name} type="html">${value}</${name}>`;
      return `<${name} type="html">${escaped(value)}</${name}>`;
    }),
  fc
    .tuple(
      fc.constantFrom(
        'enclosure',
        'media:content',
        'media:thumbnail',
        'itunes:image',
        'link',
        'atom:link',
        'img',
      ),
      fc.constantFrom('url', 'href', 'src'),
      urlLike,
      fc.array(attribute, { maxLength: 2 }),
    )
    .map(
      ([name, attr, url, attributes]) =>
        `<${name} ${attr}="${escaped(url).replace(/"/g, '&quot;')}"${attributes.join('')}/>`,
    ),
  fc
    .tuple(urlLike, fc.array(fc.constantFrom('title', 'link', 'description'), { maxLength: 3 }))
    .map(
      ([base, names]) =>
        `<source xml:base="${escaped(base).replace(/"/g, '&quot;')}">${names.map((name) => `<${name}>x</${name}>`).join('')}</source>`,
    ),
);

const prolog = fc
  .tuple(
    fc.constantFrom(
      '',
      '',
      '',
      '<?xml version="1.0"?>',
      '<?xml version="1.0"?>',
      '<?xml version="1.0" encoding="utf-8"?>',
      '<?xml version="1.0" encoding="ISO-8859-1"?>',
      '<?xml version="1.0" encoding="windows-1251"?>',
      '<?xml version="1.0" encoding="gb2312"?>',
      '<?xml version="1.0" encoding="UTF-16"?>',
      '<?xml version="1.0" encoding="x-no-such-charset"?>',
      "<?xml version='1.1' encoding='shift_jis' standalone='yes'?>",
      '<?xml encoding="utf-8',
      '\uFEFF<?xml version="1.0"?>',
      '  \n<?xml version="1.0"?>',
    ),
    fc.constantFrom(
      '',
      '',
      '',
      '',
      '<!DOCTYPE rss>',
      '<!DOCTYPE html>',
      '<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
      '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      '<!DOCTYPE foo [<!ENTITY % xxe SYSTEM "http://127.0.0.1:1/x.dtd"> %xxe;]>',
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">',
      '<!DOCTYPE [',
    ),
  )
  .map(([declaration, doctype]) => declaration + doctype);

/** A whole document: a prolog and a feed root (RSS, RDF or Atom) around random markup. */
export const hostileFeed = fc
  .tuple(
    prolog,
    fc.constantFrom(
      [
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
        '</channel></rss>',
        'item',
      ],
      ['<rss version="0.91"><channel>', '</channel></rss>', 'item'],
      [
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"></channel>',
        '</rdf:RDF>',
        'item',
      ],
      ['<feed xmlns="http://www.w3.org/2005/Atom">', '</feed>', 'entry'],
      ['<feed>', '</feed>', 'entry'],
      ['<html><body><feed xmlns="http://www.w3.org/2005/Atom">', '</feed></body></html>', 'entry'],
      ['<a:feed xmlns:a="http://www.w3.org/2005/Atom">', '</a:feed>', 'a:entry'],
    ),
    fc.array(
      fc.tuple(
        fc.array(fc.oneof({ weight: 4, arbitrary: field }, { weight: 1, arbitrary: markup(3) }), {
          maxLength: 8,
        }),
        fc.array(attribute, { maxLength: 2 }),
      ),
      { maxLength: 8 },
    ),
    markup(2),
    fc.nat(9),
  )
  .map(([head, [open, close, item], items, channelExtra, cut]) => {
    const body = items
      .map(
        ([children, attributes]) => `<${item}${attributes.join('')}>${children.join('')}</${item}>`,
      )
      .join('\n');
    const document = `${head}${open}${channelExtra}${body}${close}`;
    // One in ten is cut short, as a dropped connection leaves it.
    return cut === 0 ? document.slice(0, Math.floor(document.length / 2)) : document;
  });
