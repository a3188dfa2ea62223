import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '@main/api/dispatch';
import { createDesktopWords, desktopLanguageHandler } from '@main/desktop/desktop-words';
import { switchLocale } from '@renderer/i18n/current-locale';
import { startDesktopLanguage } from '@renderer/pipeline/desktop-language';
import type { BroadsheetApi, Handlers } from '@shared/contract';

const stops: (() => void)[] = [];
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  await switchLocale('en');
});

/** Main's real words and handler behind the real dispatcher (contract checks). */
function desktopMain() {
  const words = createDesktopWords(['en-US']);
  const dispatch = createDispatcher(
    desktopLanguageHandler(words) as unknown as Handlers,
    () => undefined,
  );
  let calls = 0;
  const api: BroadsheetApi = {
    invoke: (method, params) => (calls++, dispatch(method, params) as never),
    on: () => () => undefined,
  };
  return { words, api, calls: () => calls };
}

describe('telling main the interface language, for its menus', () => {
  it('says the language at start and again on each change, once each', async () => {
    await switchLocale('de');
    const main = desktopMain();
    stops.push(startDesktopLanguage(main.api));
    await expect.poll(() => main.words.locale()).toBe('de');
    await switchLocale('ja');
    await expect.poll(() => main.words.say('main.desktop.menu.help')).toBe('ヘルプ');
    await switchLocale('ja');
    expect(main.calls()).toBe(2);
  });

  it('stops telling once stopped', async () => {
    const main = desktopMain();
    const stop = startDesktopLanguage(main.api);
    await expect.poll(() => main.calls()).toBe(1);
    stop();
    await switchLocale('fr');
    expect(main.words.locale()).toBe('en');
    expect(main.calls()).toBe(1);
  });
});
