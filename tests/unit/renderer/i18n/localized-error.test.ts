import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/result';
import { errorText } from '@renderer/i18n/localized-error';

/** A stand-in language that shows which message and values were asked for. */
const t = (id: string, values?: Record<string, unknown>) => `${id}${JSON.stringify(values ?? {})}`;

describe('errorText', () => {
  it('says a failure from main by its text, in the language in use', () => {
    const error = new AppError('network', 'main.net.refused', { host: 'e.com' });
    expect(errorText(error, t)).toBe('main.net.refused{"host":"e.com"}');
  });

  it('says a stored failure by its text, and one stored before texts by its English', () => {
    const stored = { code: 'network', message: 'e.com refused the connection.', at: 1 };
    expect(
      errorText({ ...stored, text: { id: 'main.net.refused', values: { host: 'e.com' } } }, t),
    ).toBe('main.net.refused{"host":"e.com"}');
    expect(errorText(stored, t)).toBe('e.com refused the connection.');
  });

  it('says a text this catalogue does not know by its English words, never by its id', () => {
    const stored = { code: 'network', message: 'e.com refused the connection.', at: 1 };
    expect(errorText({ ...stored, text: { id: 'main.net.noSuchMessage' } }, t)).toBe(
      'e.com refused the connection.',
    );
  });
});
