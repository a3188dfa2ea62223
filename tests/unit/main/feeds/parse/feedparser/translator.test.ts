/** The translator behind parse-feed.feedparser.test.ts: it must fail wrong expectations too. */
import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '@shared/feed-model';
import { evaluateExpectation } from './expectation';
import { parsePython } from './python-expression';

const FEED: ParsedFeed = {
  format: 'atom',
  title: 'Example feed',
  siteUrl: 'http://example.com/',
  feedUrl: 'http://example.com/feed',
  language: 'en-us',
  items: [
    {
      id: 'tag:example.com,2003:1',
      url: 'http://example.com/1',
      title: 'AT&T <rocks>',
      authors: ['Example author'],
      published: Date.UTC(2003, 11, 31, 10, 14, 55),
      contentHtml: '<p>Example <b>content</b></p>',
      images: [],
      enclosures: [{ url: 'http://example.com/a.mp3', type: 'audio/mpeg', length: 123 }],
      categories: ['Atom 1.0 tests'],
    },
  ],
};

const evaluate = (source: string) => evaluateExpectation(parsePython(source), FEED);

describe('feedparser expectation translator', () => {
  it.each([
    "not bozo and feed['title'] == u'Example feed'",
    "feed.link == 'http://example.com' and feed['language'] == 'en-us'",
    "entries[0]['title'] == 'AT&T <rocks>'",
    "entries[0]['title_detail']['value'] == u'AT&amp;T &lt;rocks&gt;'",
    "entries[0]['published_parsed'] == (2003, 12, 31, 10, 14, 55, 2, 365, 0)",
    "entries[0]['content'][0]['value'] == '<p>Example <b>content</b></p>'",
    // feedparser copies content into an empty summary.
    "entries[0]['description'] == '<p>Example   <b>content</b>\\n</p>'",
    "entries[0]['author'] == 'Example author (me@example.com)'",
    "entries[0]['author_detail']['name'] == 'Example author'",
    "entries[0]['enclosures'][0]['length'] == '123' and entries[0]['enclosures'][0]['type'] == 'audio/mpeg'",
    "entries[0]['tags'][0]['term'] == 'Atom 1.0 tests' and len(entries) == 1",
    "entries[0]['summary_detail']['value'] == '<p>Example ' + '<b>content</b></p>'",
    "entries[1]['title'] is None or len(entries) == 1",
  ])('passes %s', (source) => {
    expect(evaluate(source)).toEqual({ applicable: true, pass: true });
  });

  it.each([
    "not bozo and feed['title'] == u'Other feed'",
    "entries[0]['published_parsed'] == (2003, 12, 31, 10, 14, 56, 2, 365, 0)",
    "entries[0]['content'][0]['value'] == '<p>Example <i>content</i></p>'",
    "entries[0]['link'] == 'http://example.com/2'",
    'len(entries) == 2',
    // A failing part is not hidden by a later one.
    "feed['title'] == 'Nope' and entries[0]['title'] == 'AT&T <rocks>'",
  ])('fails %s', (source) => {
    expect(evaluate(source)).toEqual({ applicable: true, pass: false });
  });

  it.each([
    ["not bozo and feed['generator_detail']['name'] == 'x'", /generator_detail/],
    ["entries[0]['title'] == 'AT&T <rocks>' and feed['cloud']['port'] == '80'", /cloud/],
    ["not bozo and version == 'atom10'", /version/],
    ['not bozo', /nothing we model/],
    ["bozo and feed['title'] == 'Example feed'", /bozo/],
    ["entries[0]['links'][0] == {'rel': 'alternate'}", /links/],
    ["feed['title'] == '<img src=\"x.png\" />'", /markup without text/],
  ])('classifies %s as not applicable', (source, reason) => {
    const outcome = evaluate(source);
    expect(outcome.applicable).toBe(false);
    if (!outcome.applicable) expect(outcome.reason).toMatch(reason);
  });
});
