import { describe, expect, it } from 'vitest';
import { createDesktopWords, desktopLanguageHandler } from '@main/desktop/desktop-words';

describe("main's desktop words", () => {
  it('start in the first system language Broadsheet speaks, else English', () => {
    expect(createDesktopWords(['sv-SE', 'de-CH', 'en-US']).locale()).toBe('de');
    expect(createDesktopWords(['zh-Hans-CN']).locale()).toBe('zh-CN');
    // Traditional Chinese readers are not handed Simplified.
    expect(createDesktopWords(['zh-TW']).locale()).toBe('en');
    expect(createDesktopWords([]).locale()).toBe('en');
    expect(createDesktopWords(['de']).say('main.desktop.menu.file')).toBe('Datei');
  });

  it("follow the page's language, telling listeners once per change", async () => {
    const words = createDesktopWords(['en-US']);
    const heard: string[] = [];
    const stop = words.subscribe(() => heard.push(words.say('main.desktop.menu.edit')));
    await desktopLanguageHandler(words)['desktop.language']({ locale: 'ja' });
    await desktopLanguageHandler(words)['desktop.language']({ locale: 'ja' });
    words.set('he');
    // The pseudo-locale is the page's alone: main's menus read English.
    words.set('en-XA');
    stop();
    words.set('ar');
    expect(heard).toEqual(['編集', 'עריכה', 'Edit']);
    expect(words.say('main.desktop.menu.edit')).toBe('تحرير');
  });
});
