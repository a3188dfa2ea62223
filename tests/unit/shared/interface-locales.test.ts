import { describe, expect, it } from 'vitest';
import { matchLocale } from '@shared/interface-locales';

describe('the interface language from the system preferences', () => {
  it('follows the first system language Broadsheet speaks', () => {
    expect(matchLocale(['de-AT', 'en-US'])).toBe('de');
    expect(matchLocale(['pt-BR', 'fr-CA', 'en'])).toBe('fr');
    expect(matchLocale(['ja-JP'])).toBe('ja');
    expect(matchLocale(['ar-EG'])).toBe('ar');
    expect(matchLocale(['iw'])).toBe('he');
    expect(matchLocale(['pt-BR'])).toBe('en');
    expect(matchLocale(['not a tag', 'ko'])).toBe('ko');
  });

  it('gives Simplified Chinese to those who read it, and not to Traditional readers', () => {
    expect(matchLocale(['zh-CN'])).toBe('zh-CN');
    expect(matchLocale(['zh-SG'])).toBe('zh-CN');
    expect(matchLocale(['zh'])).toBe('zh-CN');
    expect(matchLocale(['zh-TW', 'ja'])).toBe('ja');
    expect(matchLocale(['zh-Hant-HK'])).toBe('en');
  });
});
