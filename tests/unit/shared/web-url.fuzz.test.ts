import fc from 'fast-check';
import { describe, it } from 'vitest';
import { isWebUrl, parseWebUrl, resolveWebUrl } from '@shared/web-url';
import { fuzz, fuzzTimeoutMs } from '../fuzz';

describe('isWebUrl under fuzzing', () => {
  it('accepts only http and https URLs, never throwing', { timeout: fuzzTimeoutMs() }, async () => {
    await fuzz(
      'shared/web-url',
      'never throws; true only for http(s)',
      fc.property(
        fc.oneof(fc.webUrl(), fc.string(), fc.constant('javascript:alert(1)')),
        (input) => {
          const ok = isWebUrl(input);
          if (ok && !/^https?:/i.test(new URL(input.trim()).protocol)) return false;
          return true;
        },
      ),
    );
  });
});

const TARGET = 'shared/web-url';
const SCRIPT_SCHEMES = [
  'javascript',
  'vbscript',
  'data',
  'file',
  'blob',
  'about',
  'jar',
  'view-source',
];

/** A scheme the way hostile markup hides it: mixed case, tabs and newlines inside, junk before. */
const hiddenScheme = fc
  .tuple(
    fc.constantFrom(...SCRIPT_SCHEMES),
    fc.array(fc.tuple(fc.nat(12), fc.constantFrom('\t', '\n', '\r')), { maxLength: 3 }),
    fc.constantFrom('', ' ', '\u0000', '\u001f ', '\f'),
    fc.boolean(),
    fc.constantFrom(
      'alert(1)',
      '//example.com/a',
      'text/html,<script>alert(1)</script>',
      '///etc/passwd',
    ),
  )
  .map(([scheme, breaks, junk, upper, rest]) => {
    let name = upper ? scheme.toUpperCase() : scheme;
    for (const [at, char] of breaks) {
      const position = at % (name.length + 1);
      name = name.slice(0, position) + char + name.slice(position);
    }
    return `${junk}${name}:${rest}`;
  });

describe('resolveWebUrl under fuzzing', () => {
  it(
    'answers an absolute http(s) href or nothing, never throwing',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'resolveWebUrl: undefined or an http(s) href that resolves to itself',
        fc.property(
          fc.oneof(fc.webUrl(), fc.string(), hiddenScheme, fc.webPath()),
          fc.option(fc.oneof(fc.webUrl(), fc.string(), hiddenScheme), { nil: undefined }),
          (value, base) => {
            const href = resolveWebUrl(value, base);
            if (href === undefined) return true;
            return /^https?:\/\//.test(href) && resolveWebUrl(href) === href && isWebUrl(href);
          },
        ),
      );
    },
  );

  it(
    'never lets a script, data or file URL through, however it is hidden',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'hidden javascript:/data:/file: etc. never resolve, with or without a web base',
        fc.property(
          hiddenScheme,
          fc.option(fc.webUrl(), { nil: undefined }),
          (value, base) =>
            resolveWebUrl(value, base) === undefined &&
            !isWebUrl(value, base) &&
            parseWebUrl(value, base) === undefined,
        ),
      );
    },
  );

  it(
    'resolves a relative reference against a web base as the URL standard does',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'relative reference against a web base: new URL(ref, base).href, same origin',
        fc.property(
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.oneof(
            fc.webPath(),
            fc.webSegment(),
            fc.webQueryParameters().map((query) => `?${query}`),
            fc.webFragments().map((hash) => `#${hash}`),
            fc.constantFrom('../../a', './b', '.', '..', '/a/../b'),
          ),
          (base, reference) => {
            // A first segment with a colon reads as a scheme; pages write ./a:b for that.
            fc.pre(!/^[a-z][a-z0-9+.-]*:/i.test(reference));
            const href = resolveWebUrl(reference, base);
            // `//` alone is a network-path reference without a host: no URL at all.
            if (!URL.canParse(reference, base)) return href === undefined;
            if (href !== new URL(reference, base).href) return false;
            return reference.startsWith('//') || new URL(href).origin === new URL(base).origin;
          },
        ),
      );
    },
  );
});
