import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  describeFailure,
  isQuotaError,
  onStorageError,
  reportStorageError,
  reportStorageRecovered,
  storageErrorMessage,
} from '@renderer/lib/storage-errors';
import { switchLocale } from '@renderer/i18n/current-locale';
import { LocalizedError } from '@renderer/i18n/localized-error';

const full = () => new DOMException('The disk is full.', 'QuotaExceededError');

afterEach(() => {
  for (const task of ['articles', 'images', 'changes'] as const) reportStorageRecovered(task);
});

describe('isQuotaError', () => {
  it('knows a full disk in every form it reaches us', () => {
    // The DOMException as IndexedDB raises it, and Firefox's name for it.
    expect(isQuotaError(full())).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED', message: '' })).toBe(true);
    // Dexie's own class, as mapError makes it from a failed request.
    expect(isQuotaError(new Dexie.QuotaExceededError('full', full()))).toBe(true);
    // A transaction the quota aborted: Dexie rejects with AbortError(idbtrans.error).
    expect(isQuotaError(new Dexie.AbortError(full()))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError(new Dexie.QuotaExceededError(full())))).toBe(true);
    // Per-row failures of bulkPut and modify.
    expect(isQuotaError(new Dexie.BulkError('bulkPut failed', { 3: full() }))).toBe(true);
    expect(isQuotaError(new Dexie.ModifyError('modify failed', [full()], 0, ['a']))).toBe(true);
    // Rethrown by our own code with a cause.
    expect(isQuotaError(new Error('storing failed', { cause: full() }))).toBe(true);
  });

  it('is false for every other failure, however wrapped', () => {
    expect(isQuotaError(undefined)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError in the message only'))).toBe(false);
    expect(isQuotaError(new Dexie.AbortError())).toBe(false);
    expect(isQuotaError(new Dexie.AbortError(new DOMException('gone', 'UnknownError')))).toBe(
      false,
    );
    expect(isQuotaError(new Dexie.BulkError('x', { 0: new Dexie.ConstraintError('dup') }))).toBe(
      false,
    );
    expect(isQuotaError(new DOMException('aborted', 'AbortError'))).toBe(false);
  });

  it('stops at a cycle of causes instead of hanging', () => {
    const a: { name: string; inner?: unknown } = { name: 'AbortError' };
    a.inner = { name: 'AbortError', inner: a };
    expect(isQuotaError(a)).toBe(false);
  });
});

describe('the storage message', () => {
  it('says what could not be saved, that storage is full, and what to do', () => {
    const heard: (string | undefined)[] = [];
    const stop = onStorageError((message) => heard.push(message));
    expect(heard).toEqual([undefined]);

    reportStorageError(new Dexie.AbortError(full()), 'articles');
    const message = heard.at(-1);
    expect(message).toContain('Broadsheet’s storage is full');
    expect(message).toContain('new articles from the last refresh could not be saved');
    expect(message).toContain('free some disk space');
    expect(message).toContain('Settings → Keeping articles → Clean up now');

    reportStorageError(full(), 'images');
    expect(heard.at(-1)).toContain(
      'new articles from the last refresh and images for reading offline could not be saved',
    );

    // The articles fit again; the images still do not.
    reportStorageRecovered('articles');
    expect(heard.at(-1)).toContain(': images for reading offline could not be saved');
    reportStorageRecovered('images');
    expect(heard.at(-1)).toBeUndefined();
    stop();
  });

  it('words any other failure apart, with its own message', () => {
    reportStorageError(new Dexie.DatabaseClosedError('Database has been closed'));
    expect(storageErrorMessage()).toBe(
      'Broadsheet could not save to its library: Database has been closed',
    );
    // A full disk is the more useful thing to hear about when both stand.
    reportStorageError(full(), 'images');
    expect(storageErrorMessage()).toContain('storage is full: images');
  });

  it('clears a small change that failed for space once bigger writes fit again', () => {
    reportStorageError(full());
    expect(storageErrorMessage()).toContain('changes to your library could not be saved');
    reportStorageRecovered('articles');
    expect(storageErrorMessage()).toBeUndefined();
  });

  it('stops telling a listener once it unsubscribes', () => {
    const heard: (string | undefined)[] = [];
    onStorageError((message) => heard.push(message))();
    reportStorageError(full(), 'articles');
    expect(heard).toEqual([undefined]);
  });
});

describe('describeFailure', () => {
  it('says what to do about a full disk in any wrapping, and what anything else is', () => {
    const advice =
      'Your disk is full: there is no room left to store this. Free some space or remove old articles in Settings.';
    expect(describeFailure(new Dexie.AbortError('aborted', full()))).toBe(advice);
    expect(describeFailure(new Error('This file is not a Broadsheet backup.'))).toBe(
      'This file is not a Broadsheet backup.',
    );
  });
});

describe('in the interface language', () => {
  afterEach(() => switchLocale('en'));

  it('says the banner again when the reader switches language, and an error in the new one', async () => {
    const heard: (string | undefined)[] = [];
    const stop = onStorageError((message) => heard.push(message));
    reportStorageError(new LocalizedError('db.library.error.notOpened'));
    expect(heard.at(-1)).toBe(
      'Broadsheet could not save to its library: The library could not be opened.',
    );
    await switchLocale('en-XA');
    const pseudo = heard.at(-1)!;
    expect(pseudo).not.toContain('could not save');
    expect(pseudo).not.toContain('The library could not be opened.');
    expect(describeFailure(new LocalizedError('db.library.error.notOpened'))).not.toBe(
      'The library could not be opened.',
    );
    stop();
  });

  it('lists what could not be saved as the language lists', async () => {
    await switchLocale('en-XA');
    reportStorageError(full(), 'articles');
    reportStorageError(full(), 'images');
    reportStorageError(full(), 'changes');
    await switchLocale('en');
    expect(storageErrorMessage()).toContain(
      'new articles from the last refresh, images for reading offline, and changes to your library could not be saved',
    );
  });
});
