import { describe, expect, it } from 'vitest';
import { createDesktopWords } from '@main/desktop/desktop-words';
import {
  announcement,
  FIRST_UPDATE_CHECK_DELAY_MS,
  manualCheckAnswer,
  MAX_UPDATE_ERROR_CHARS,
  nextAutomaticCheck,
  statusAfter,
  UPDATE_CHECK_INTERVAL_MS,
  type ScheduleInput,
} from '@main/desktop/update-policy';
import { DEFAULT_DESKTOP_PREFERENCES, type UpdateStatus } from '@shared/desktop-model';

const english = createDesktopWords(['en-US']).say;

const auto = { ...DEFAULT_DESKTOP_PREFERENCES, updates: 'auto' as const };
const off = { ...DEFAULT_DESKTOP_PREFERENCES, updates: 'off' as const };
const base: ScheduleInput = {
  preferences: auto,
  supported: true,
  status: { state: 'idle' },
  startedAt: 1_000,
};

describe('when to check by itself', () => {
  it('waits after start, then checks every interval after the last check', () => {
    expect(nextAutomaticCheck(base)).toBe(1_000 + FIRST_UPDATE_CHECK_DELAY_MS);
    const last = 1_000_000_000;
    expect(nextAutomaticCheck({ ...base, lastCheckAt: last })).toBe(
      last + UPDATE_CHECK_INTERVAL_MS,
    );
    // A check the reader made right at start does not bring the first automatic one forward.
    expect(nextAutomaticCheck({ ...base, lastCheckAt: 1_000 })).toBe(
      1_000 + UPDATE_CHECK_INTERVAL_MS,
    );
  });

  it('never while off, before the renderer has said, or where updates are not supported', () => {
    expect(nextAutomaticCheck({ ...base, preferences: off })).toBeUndefined();
    expect(nextAutomaticCheck({ ...base, preferences: undefined })).toBeUndefined();
    expect(nextAutomaticCheck({ ...base, supported: false })).toBeUndefined();
  });

  it('never twice at once, and not again once an update waits for a restart', () => {
    const busy: UpdateStatus[] = [
      { state: 'checking', manual: true },
      { state: 'available', version: '2.0.0', manual: false },
      { state: 'downloading', version: '2.0.0', percent: 40 },
      { state: 'ready', version: '2.0.0' },
    ];
    for (const status of busy) expect(nextAutomaticCheck({ ...base, status })).toBeUndefined();
    // After a quiet failure or "up to date" the rhythm goes on.
    expect(
      nextAutomaticCheck({ ...base, status: { state: 'none', checkedAt: 5, manual: false } }),
    ).toBeDefined();
    expect(
      nextAutomaticCheck({ ...base, status: { state: 'error', message: 'x', manual: true } }),
    ).toBeDefined();
  });
});

describe('a check the reader asks for', () => {
  it('starts only with updates on and supported; otherwise answers why not', () => {
    expect(manualCheckAnswer(auto, undefined, { state: 'idle' })).toBeUndefined();
    expect(manualCheckAnswer(off, undefined, { state: 'idle' })).toEqual({ state: 'off' });
    expect(manualCheckAnswer(undefined, undefined, { state: 'idle' })).toEqual({ state: 'off' });
    expect(manualCheckAnswer(auto, 'Not installed.', { state: 'idle' })).toEqual({
      state: 'unsupported',
      reason: 'Not installed.',
    });
  });

  it('joins a running check or download, and shows a ready update again', () => {
    const running: UpdateStatus = { state: 'downloading', version: '2.0.0', percent: 3 };
    expect(manualCheckAnswer(auto, undefined, running)).toBe(running);
    const ready: UpdateStatus = { state: 'ready', version: '2.0.0' };
    expect(manualCheckAnswer(auto, undefined, ready)).toBe(ready);
  });
});

describe('what each event shows', () => {
  const now = 50_000;
  it('follows a found update through its download to ready', () => {
    let status: UpdateStatus = { state: 'idle' };
    const manual = { manual: false, now };
    status = statusAfter(status, { type: 'checking' }, manual);
    expect(status).toEqual({ state: 'checking', manual: false });
    status = statusAfter(status, { type: 'available', version: '2.1.0' }, manual);
    status = statusAfter(status, { type: 'progress', percent: 41.6 }, manual);
    expect(status).toEqual({ state: 'downloading', version: '2.1.0', percent: 42 });
    status = statusAfter(status, { type: 'progress', percent: 180 }, manual);
    expect(status).toMatchObject({ percent: 100 });
    status = statusAfter(status, { type: 'downloaded', version: '2.1.0' }, manual);
    expect(status).toEqual({ state: 'ready', version: '2.1.0' });
    // A late stray error cannot take the ready update away.
    expect(statusAfter(status, { type: 'error', message: 'net' }, manual)).toEqual(status);
  });

  it('keeps an automatic failure quiet and shows the one the reader asked for', () => {
    const checking: UpdateStatus = { state: 'checking', manual: false };
    expect(
      statusAfter(
        checking,
        { type: 'error', message: 'ENOTFOUND' },
        { manual: false, now, lastCheckedAt: 7 },
      ),
    ).toEqual({ state: 'idle', checkedAt: 7 });
    expect(statusAfter(checking, { type: 'error', message: 'x' }, { manual: false, now })).toEqual({
      state: 'idle',
    });
    const stack = `Error: net::ERR_INTERNET_DISCONNECTED\n    at ClientRequest (x.js:1:1)`;
    expect(statusAfter(checking, { type: 'error', message: stack }, { manual: true, now })).toEqual(
      {
        state: 'error',
        message: 'Error: net::ERR_INTERNET_DISCONNECTED',
        manual: true,
      },
    );
    const long = statusAfter(
      checking,
      { type: 'error', message: 'x'.repeat(5_000) },
      { manual: true, now },
    );
    expect(long.state === 'error' && long.message.length).toBe(MAX_UPDATE_ERROR_CHARS);
  });

  it('records when an "up to date" answer came, saying whether the reader asked', () => {
    expect(statusAfter({ state: 'idle' }, { type: 'none' }, { manual: true, now })).toEqual({
      state: 'none',
      checkedAt: now,
      manual: true,
    });
  });
});

describe('what the menu check says once settled', () => {
  it('names the outcome, and offers a restart only for a ready update', () => {
    expect(announcement({ state: 'checking', manual: true }, '1.0.0', english)).toBeUndefined();
    expect(
      announcement({ state: 'none', checkedAt: 1, manual: true }, '1.0.0', english),
    ).toMatchObject({
      kind: 'info',
      message: 'Broadsheet is up to date.',
      detail: expect.stringContaining('1.0.0'),
    });
    expect(
      announcement({ state: 'error', message: 'Offline', manual: true }, '1', english),
    ).toMatchObject({
      kind: 'error',
      detail: 'Offline',
    });
    expect(announcement({ state: 'ready', version: '2.0.0' }, '1', english)).toMatchObject({
      message: 'Version 2.0.0 is ready.',
      offerRestart: true,
    });
    expect(announcement({ state: 'off' }, '1', english)?.detail).toContain('Settings → Updates');
    expect(
      announcement({ state: 'available', version: '2.0.0', manual: true }, '1', english)
        ?.offerRestart,
    ).toBeUndefined();
  });

  it('says it in the interface language', () => {
    const japanese = createDesktopWords(['ja-JP']).say;
    expect(announcement({ state: 'ready', version: '2.0.0' }, '1', japanese)).toMatchObject({
      message: 'バージョン 2.0.0 の準備ができました。',
      detail: expect.stringContaining('再起動'),
    });
    const hebrew = createDesktopWords(['he']).say;
    expect(announcement({ state: 'off' }, '1', hebrew)?.detail).toContain('עדכונים');
  });
});
