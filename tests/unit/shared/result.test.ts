import { describe, expect, it } from 'vitest';
import { AppError, fail } from '@shared/result';

describe('AppError', () => {
  it('says its message in English from the catalogue, with the values put in', () => {
    const error = new AppError('network', 'main.net.refused', { host: 'news.example:8080' });
    expect(error.message).toBe('news.example:8080 refused the connection.');
    expect(error.text).toEqual({ id: 'main.net.refused', values: { host: 'news.example:8080' } });
    expect(error.code).toBe('network');
  });

  it('formats plurals, selects and numbers as English did before', () => {
    const wait = (amount: number, unit: string) =>
      new AppError('http', 'main.net.httpStatusWait', { answer: '503', amount, unit }).message;
    expect(wait(1, 'minute')).toBe('The server answered 503 and asked to wait 1 minute.');
    expect(wait(3, 'hour')).toBe('The server answered 503 and asked to wait 3 hours.');
    const within = (amount: number, unit: string) =>
      new AppError('timeout', 'main.net.connectTimeout', { host: 'h', amount, unit }).message;
    expect(within(1.5, 'seconds')).toBe('h did not answer within 1.5 seconds.');
    expect(within(200, 'ms')).toBe('h did not answer within 200 ms.');
    expect(
      new AppError('network', 'main.net.redirectTooLong', { host: 'h', length: 4100, max: 4096 })
        .message,
    ).toBe(
      'h redirected the feed to an address of 4,100 characters; Broadsheet follows none longer than 4,096.',
    );
  });

  it('has a text without values when the message takes none', () => {
    expect(new AppError('parse', 'main.feed.empty').text).toEqual({ id: 'main.feed.empty' });
  });

  it('is made again from a failed Result with the same code, English and text', () => {
    const sent = fail('too-large', 'main.backup.incomplete', { written: '10', size: '20' });
    if (sent.ok) throw new Error('fail() answered ok');
    const error = AppError.from(sent.error);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('This backup is incomplete: 10 of 20 bytes arrived.');
    expect(error.text).toEqual(sent.error.text);
  });

  it('keeps the English of a failure that came without a text, as the text itself', () => {
    const error = AppError.from({ code: 'http', message: 'An old main said this.' });
    expect(error.message).toBe('An old main said this.');
    expect(error.text).toEqual({
      id: 'main.error.untranslated',
      values: { message: 'An old main said this.' },
    });
  });
});

describe('fail', () => {
  it('carries the English message and the text for the reader', () => {
    expect(fail('forbidden', 'main.host.usePost')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Use POST.', text: { id: 'main.host.usePost' } },
    });
  });
});
