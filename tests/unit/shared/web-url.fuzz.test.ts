import fc from 'fast-check';
import { describe, it } from 'vitest';
import { isWebUrl } from '@shared/web-url';
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
