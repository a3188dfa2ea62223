import { describe, expect, it } from 'vitest';
import { directionOf, nativeName, resolveLocale } from '@renderer/i18n/locales';

describe('locales', () => {
  it('a choice wins over the system; "system" follows it', () => {
    expect(resolveLocale('he', ['de'])).toBe('he');
    expect(resolveLocale('system', ['de'])).toBe('de');
  });

  it('knows which way each language writes', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('he-IL')).toBe('rtl');
    expect(directionOf('fa')).toBe('rtl');
    expect(directionOf('ja')).toBe('ltr');
    expect(directionOf('en-XA')).toBe('ltr');
    expect(directionOf('az-Arab')).toBe('rtl');
    expect(directionOf(undefined)).toBe('ltr');
    expect(directionOf('%%')).toBe('ltr');
  });

  it('names each language in itself', () => {
    expect(nativeName('de')).toBe('Deutsch');
    expect(nativeName('fr')).toBe('Français');
    expect(nativeName('ja')).toBe('日本語');
    expect(nativeName('zh-CN')).toBe('简体中文');
    expect(nativeName('ar')).toBe('العربية');
    expect(nativeName('he')).toBe('עברית');
  });
});
