/**
 * Relative URLs in feed HTML under fuzzing: resolveHtmlUrls never throws, leaves markup
 * without URL attributes byte for byte, makes every relative href/src absolute against the
 * base (what `new URL` says), and reads a srcset as the HTML standard does: a CDN's commas
 * inside a URL are part of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveHtmlUrls } from '@main/feeds/parse/html-urls';
import { parseSrcset } from '@shared/srcset';
import { fuzz, fuzzTimeoutMs } from '../../../fuzz';
import { markup, urlLike } from './hostile-xml';

const TARGET = 'main/feeds/parse/html-urls';
const base = fc.webUrl({ withQueryParameters: true, withFragments: true });

/** Relative references as pages write them: paths, dot segments, queries, CDN commas. */
const relative = fc.oneof(
  fc.webPath().filter((path) => path.length > 0),
  fc.webSegment().filter((segment) => segment.length > 0 && !segment.includes(':')),
  fc.constantFrom(
    '../a.png',
    './b/c.jpg',
    '?q=1',
    '/img/w_400,h_300/a.jpg',
    'w_400,h_300,c_fill/a.jpg',
    '//cdn.example/x.png',
    '/a b.png',
    '/é.png',
  ),
);

/** The value as it appears in an attribute once an HTML reader has decoded it. */
function attributeValues(html: string, name: string): string[] {
  const values: string[] = [];
  for (const match of html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))) {
    values.push(
      match[1]
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  }
  return values;
}

/** What a browser makes of a relative value on a page at `base`; as it is when it cannot. */
function browserResolved(value: string, base: string): string {
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

const run = { timeout: fuzzTimeoutMs() };

describe('resolveHtmlUrls under fuzzing', () => {
  it('never throws, and changes nothing in markup without URL attributes', run, async () => {
    await fuzz(
      TARGET,
      'never throws; markup without href/src/srcset/... stays byte for byte',
      fc.property(
        fc.oneof(fc.string(), markup(3)),
        fc.option(base, { nil: undefined }),
        (html, url) => {
          const out = resolveHtmlUrls(html, url);
          if (!/href|src|poster|cite|background|longdesc|action/i.test(html)) return out === html;
          return typeof out === 'string';
        },
      ),
    );
  });

  it('makes relative href and src absolute against the base', run, async () => {
    await fuzz(
      TARGET,
      'relative href/src -> new URL(value, base).href',
      fc.property(
        base,
        fc.array(
          fc.tuple(
            fc.constantFrom('a', 'img', 'video'),
            fc.constantFrom('href', 'src', 'poster'),
            relative,
          ),
          { minLength: 1, maxLength: 4 },
        ),
        (url, tags) => {
          const html = tags
            .map(
              ([tag, attribute, value]) =>
                `<${tag} ${attribute}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`,
            )
            .join('<p>text</p>');
          const out = resolveHtmlUrls(html, url);
          const expected = tags.map(([, attribute, value]) => [
            attribute,
            browserResolved(value, url),
          ]);
          const found = tags.map(([, attribute], index) => [
            attribute,
            attributeValues(out.split('<p>text</p>')[index], attribute)[0],
          ]);
          expect(found).toEqual(expected);
        },
      ),
    );
  });

  it(
    'resolves each srcset candidate as the standard reads it, commas in URLs included',
    run,
    async () => {
      await fuzz(
        TARGET,
        'srcset: candidates (URLs with commas) resolved one by one, descriptors kept',
        fc.property(
          base,
          fc.array(
            fc.tuple(
              fc
                .oneof(relative, fc.webUrl())
                .map((value) => value.replace(/[\s]/g, '').replace(/^,+|,+$/g, ''))
                .filter(Boolean),
              fc.constantFrom('', ' 2x', ' 400w', ' 1.5x'),
            ),
            { minLength: 1, maxLength: 4 },
          ),
          (url, candidates) => {
            const srcset = candidates.map(([value, descriptor]) => value + descriptor).join(', ');
            const out = resolveHtmlUrls(
              `<img srcset="${srcset.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`,
              url,
            );
            const found = parseSrcset(attributeValues(out, 'srcset')[0] ?? '');
            const expected = parseSrcset(srcset).map((candidate) => ({
              ...candidate,
              url: /^[a-z][a-z0-9+.-]*:/i.test(candidate.url)
                ? candidate.url
                : browserResolved(candidate.url, url),
            }));
            expect(found).toEqual(expected);
          },
        ),
      );
    },
  );

  it('never turns a value into a script URL', run, async () => {
    await fuzz(
      TARGET,
      'no javascript:/data:/vbscript: value that was not there before',
      fc.property(
        base,
        fc.array(fc.tuple(fc.constantFrom('href', 'src', 'srcset', 'action'), urlLike), {
          maxLength: 4,
        }),
        (url, attributes) => {
          const html = `<a${attributes.map(([name, value]) => ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('')}>x</a>`;
          const before = (html.match(/javascript:|data:|vbscript:/gi) ?? []).length;
          const after = (resolveHtmlUrls(html, url).match(/javascript:|data:|vbscript:/gi) ?? [])
            .length;
          return after <= before;
        },
      ),
    );
  });
});
