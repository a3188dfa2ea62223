import { afterEach, describe, expect, it } from 'vitest';
import { switchLocale } from '@renderer/i18n/current-locale';
import {
  apiErrorReason,
  said,
  sameRef,
  storedText,
  toStore,
  type MessageRef,
} from '@renderer/lib/message-ref';

afterEach(() => switchLocale('en'));

describe('a stored reason', () => {
  const ref: MessageRef = { id: 'db.restore.reason.badField', values: { field: 'unread' } };

  it('keeps its words and the message they came from', () => {
    const cap: MessageRef = { id: 'pipeline.episodes.overOne', values: { max: '4 KB' } };
    expect(toStore(cap)).toEqual({
      message:
        'The episode is larger than 4 KB, the most kept for one episode (Settings → Episodes).',
      text: cap,
    });
    expect(toStore('The server could not be found.')).toEqual({
      message: 'The server could not be found.',
    });
  });

  it('is shown in the language in use, whatever the language it was stored in', async () => {
    const stored = toStore({ id: 'pipeline.episodes.stopped' });
    await switchLocale('en-XA');
    expect(storedText(stored.message, stored.text)).not.toBe('The download stopped unexpectedly.');
    await switchLocale('en');
    expect(storedText(stored.message, stored.text)).toBe('The download stopped unexpectedly.');
  });

  it('falls back to its stored words without a message, or with one this version lacks', () => {
    expect(storedText('Old words.')).toBe('Old words.');
    expect(storedText('Old words.', { id: 'db.gone.fromThisVersion' } as never)).toBe('Old words.');
  });

  it('takes main’s message id when a failed call carries one', () => {
    const text = { id: 'pipeline.episodes.diskFull' } as MessageRef;
    expect(apiErrorReason({ message: 'The disk is full.', text })).toBe(text);
    expect(apiErrorReason({ message: 'Not found.' })).toBe('Not found.');
  });

  it('counts the same message with the same values as one', () => {
    expect(sameRef(ref, { ...ref, values: { field: 'unread' } })).toBe(true);
    expect(sameRef(ref, { ...ref, values: { field: 'read' } })).toBe(false);
    expect(said(ref, { what: '2 articles' })).toBe('2 articles with a bad “unread”');
  });
});
