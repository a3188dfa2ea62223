/**
 * feedparser's well-formed test suite (../shared/corpora/feedparser/wellformed/) run against our
 * parser. Each file states, in a header comment, a Python expression over feedparser's result;
 * feedparser-view.ts translates the keys we model into checks on ParsedFeed and classifies the
 * rest as not applicable. The pass rate over applicable files must stay at 95% or more, and only
 * the files listed in KNOWN_FAILURES may fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import type { ParsedFeed } from '@shared/feed-model';
import { AppError } from '@shared/result';
import { evaluateExpectation, type Outcome } from './feedparser/expectation';
import { parsePython } from './feedparser/python-expression';

const SUITE = fileURLToPath(
  new URL('../../../../../../shared/corpora/feedparser/wellformed/', import.meta.url),
);
// Where feedparser's own test server serves these files: the base of relative URLs.
const SERVED_AT = 'http://127.0.0.1:8097/tests/wellformed/';
const NOW = Date.UTC(2100, 0, 1);

const CRAZY =
  'feedparser’s SGML sanitizer keeps the page <title> and leaks script text; HTML5 parsing drops both';

/** Files that fail today, each with why. A file failing that is not listed fails the test. */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'atom/entry_updated_multiple_values.xml':
    'two <updated> in one entry (invalid Atom): we keep the first, feedparser the last',
  'atom10/entry_category_term.xml': 'a category with a label: we show the label (RFC 4287 §4.2.2)',
  'atom10/entry_category_term_non_ascii.xml': 'same: the label is shown instead of the term',
  'base/http_entry_id_base_content_location.xml':
    'ids are opaque strings for us; feedparser resolves a relative id as a URL',
  'base/http_entry_id_base_docuri.xml': 'same: relative id not resolved',
  'rss/entity_in_doctype.xml': 'DTD entities are never expanded (entity-expansion attacks)',
  'rss/item_description_and_summary.xml':
    'feedparser turns the second of <description>/<summary> into content; no format says so',
  'rss/item_summary_and_description.xml': 'same feedparser quirk, other order',
  'rss/item_description_not_a_doctype.xml':
    'we resolve the relative href="foo" against the document; feedparser leaves it',
  'rss/item_madeup_tags_element.xml': 'a made-up <tags> element is not read as categories',
  'sanitize/acceptable_element_br.xml': 'HTML5 parses </br> as a second <br>',
  'sanitize/entry_content_crazy.xml': CRAZY,
  'sanitize/entry_summary_crazy.xml': CRAZY,
  'sanitize/entry_title_crazy.xml': CRAZY,
  'sanitize/feed_subtitle_crazy.xml': CRAZY,
  'sanitize/feed_tagline_crazy.xml': CRAZY,
  'sanitize/feed_title_crazy.xml': CRAZY,
  'sanitize/item_content_encoded_crazy.xml': CRAZY,
  'sanitize/item_description_crazy.xml': CRAZY,
  'sanitize/item_fullitem_crazy.xml': CRAZY,
  'sanitize/item_content_encoded_script_nested_cdata.xml':
    'HTML5 reads <![CDATA[ in HTML as a bogus comment; feedparser escapes it as text',
  'sanitize/xml_malicious_comment.xml':
    'HTML5 comment rules: with no --> the comment runs to the end, so the title is "sa"',
};

interface Case {
  file: string;
  description: string;
  expect?: string;
  headers: Map<string, string>;
  bytes: Uint8Array;
}

interface Result {
  file: string;
  outcome: Outcome | { applicable: true; pass: false; error: string };
}

function readCases(): Case[] {
  const cases: Case[] = [];
  for (const folder of readdirSync(SUITE).sort()) {
    for (const name of readdirSync(`${SUITE}${folder}`).sort()) {
      const bytes = readFileSync(`${SUITE}${folder}/${name}`);
      const header = /<!--([\s\S]*?)-->/.exec(bytes.toString('utf8'))?.[1] ?? '';
      const field = (key: string) => new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(header)?.[1];
      const headers = new Map<string, string>();
      for (const [, key, value] of header.matchAll(/^Header:\s*([^:]+):[ \t]*(.*)$/gm)) {
        headers.set(key.trim().toLowerCase(), value.trim());
      }
      cases.push({
        file: `${folder}/${name}`,
        description: field('Description') ?? '',
        expect: field('Expect')?.trim(),
        headers,
        bytes,
      });
    }
  }
  return cases;
}

function run(testCase: Case): Result {
  const { file, expect: expectation, headers } = testCase;
  if (!expectation) {
    return { file, outcome: { applicable: false, reason: 'no Expect line' } };
  }
  if (headers.has('content-language')) {
    return { file, outcome: { applicable: false, reason: 'Content-Language is not passed to us' } };
  }
  const served = `${SERVED_AT}${file}`;
  // Content-Location names the document's URL, so it is the base for its relative URLs; fetch
  // would only ever hand us an http(s) one.
  const location = headers.get('content-location');
  const located = location ? new URL(location, served) : undefined;
  const url = located && /^https?:$/.test(located.protocol) ? located.href : served;
  let feed: ParsedFeed;
  try {
    feed = parseFeed(testCase.bytes, { url, contentType: headers.get('content-type'), now: NOW });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { file, outcome: { applicable: true, pass: false, error: error.message } };
  }
  return { file, outcome: evaluateExpectation(parsePython(expectation), feed) };
}

describe('feedparser well-formed suite', () => {
  const cases = readCases();
  const results = cases.map(run);
  const applicable = results.filter((result) => result.outcome.applicable);
  const failures = applicable.filter((result) => result.outcome.applicable && !result.outcome.pass);
  const passed = applicable.length - failures.length;
  const rate = passed / applicable.length;

  afterAll(() => {
    console.log(
      `feedparser well-formed suite: ${cases.length} files, ${applicable.length} applicable, ` +
        `${passed} passed (${(rate * 100).toFixed(1)}%), ${failures.length} failed, ` +
        `${cases.length - applicable.length} not applicable`,
    );
  });

  it('translates most of the suite', () => {
    expect(cases.length).toBeGreaterThan(1700);
    expect(applicable.length).toBeGreaterThan(cases.length / 2);
  });

  it('passes at least 95% of the applicable files', () => {
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  it('fails only the known failures', () => {
    const unexpected = failures
      .filter((result) => !Object.hasOwn(KNOWN_FAILURES, result.file))
      .map((result) => {
        const testCase = cases.find((c) => c.file === result.file);
        return `${result.file}: ${testCase?.description} — ${testCase?.expect}`;
      });
    expect(unexpected).toEqual([]);
  });

  it('lists no known failure that passes now', () => {
    const failing = new Set(failures.map((result) => result.file));
    expect(Object.keys(KNOWN_FAILURES).filter((file) => !failing.has(file))).toEqual([]);
  });
});
