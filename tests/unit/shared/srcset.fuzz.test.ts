/**
 * srcset under fuzzing: reading never throws and yields only URLs without whitespace; writing
 * candidates and reading them back gives the same candidates; and read → write → read is the
 * first reading (so a second sanitizing pass over a written srcset changes nothing).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSrcset, serializeSrcset, srcsetTokens, type SrcsetCandidate } from '@shared/srcset';
import { fuzz, fuzzTimeoutMs } from '../fuzz';

const TARGET = 'shared/srcset';

/** URLs as candidates carry them: no ASCII whitespace, no comma at either end. */
const candidateUrl = fc
  .oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.constantFrom(
      'https://res.cloudinary.com/x/image/upload/w_400,h_300,c_fill/a.jpg',
      '/img/a(1).png',
      'a.png',
      'data:image/png;base64,AAAA',
      'javascript:alert(1)',
      'https://e.example/a.png?x=1,2',
    ),
    fc.string({ minLength: 1, maxLength: 12 }),
  )
  .map((url) => url.replace(/[\t\n\f\r ]/g, '').replace(/^,+|,+$/g, ''))
  .filter(Boolean);

/** Positive numbers as a page writes them: integers and short decimals. */
const decimal = fc
  .tuple(fc.integer({ min: 0, max: 100_000 }), fc.option(fc.integer({ min: 0, max: 9999 })))
  .map(([whole, fraction]) => Number(fraction === null ? whole : `${whole}.${fraction}`))
  .filter((value) => value > 0);

const candidate: fc.Arbitrary<SrcsetCandidate> = fc.oneof(
  candidateUrl.map((url) => ({ url })),
  fc.record({ url: candidateUrl, width: fc.integer({ min: 1, max: 100_000 }) }),
  fc.record({ url: candidateUrl, density: decimal }),
);

/** srcset text as pages write it, right and wrong. */
const descriptor = fc.oneof(
  fc.integer({ min: 0, max: 5000 }).map((n) => `${n}w`),
  decimal.map((n) => `${n}x`),
  fc.constantFrom(
    '1e-7x',
    '0.0000001x',
    '1e3w',
    '10000000000000000000000x',
    '100W',
    '2X',
    '-1x',
    '1.5.5x',
    'foo',
    '(a, b)',
    '200h',
    '',
  ),
);
const srcsetText = fc.oneof(
  fc.string(),
  fc
    .array(
      fc.tuple(
        candidateUrl,
        fc.array(descriptor, { maxLength: 2 }),
        fc.constantFrom(', ', ',', ' ,', '\n,\t', ',,'),
      ),
      { maxLength: 5 },
    )
    .map((parts) =>
      parts
        .map(([url, descriptors, separator]) => [url, ...descriptors].join(' ') + separator)
        .join(''),
    ),
);

const run = { timeout: fuzzTimeoutMs() };

describe('srcset under fuzzing', () => {
  it('reads anything into candidates with a URL and sane descriptors', run, async () => {
    await fuzz(
      TARGET,
      'never throws; URLs non-empty without whitespace; widths and densities positive finite',
      fc.property(srcsetText, (text) => {
        for (const token of srcsetTokens(text)) {
          if (!token.url || /[\t\n\f\r ]/.test(token.url)) return false;
        }
        return parseSrcset(text).every(
          (c) =>
            (c.width === undefined || (Number.isFinite(c.width) && c.width > 0)) &&
            (c.density === undefined || (Number.isFinite(c.density) && c.density > 0)),
        );
      }),
    );
  });

  it('reads written candidates back as they were', run, async () => {
    await fuzz(
      TARGET,
      'parseSrcset(serializeSrcset(candidates)) == candidates',
      fc.property(fc.array(candidate, { maxLength: 5 }), (candidates) => {
        expect(parseSrcset(serializeSrcset(candidates))).toEqual(candidates);
      }),
    );
  });

  it('writes what it read so that reading it again gives the same', run, async () => {
    await fuzz(
      TARGET,
      'parse(serialize(parse(text))) == parse(text)',
      fc.property(srcsetText, (text) => {
        const first = parseSrcset(text);
        expect(parseSrcset(serializeSrcset(first))).toEqual(first);
      }),
    );
  });
});
