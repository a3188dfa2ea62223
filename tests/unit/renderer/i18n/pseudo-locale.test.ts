import { describe, expect, it } from 'vitest';
import { createIntl } from '@formatjs/intl';
import { accent, pseudoCatalogue } from '@renderer/i18n/pseudo-locale';

describe('pseudo-locale', () => {
  const messages = pseudoCatalogue({
    plain: 'Add feed',
    count: '{count, plural, one {# article} other {# articles}} in {feed}',
    tagged: 'Press <key>j</key> to go on',
  });
  const intl = createIntl<string>({ locale: 'en-XA', messages });

  it('accents, brackets and lengthens by about 40 %, keeping placeholders and plurals', () => {
    const plain = intl.formatMessage({ id: 'plain' });
    expect(plain.startsWith('[Áðð ƒééð')).toBe(true);
    expect(plain.endsWith(']')).toBe(true);
    expect(plain.length).toBeGreaterThanOrEqual(Math.ceil('Add feed'.length * 1.4) + 2);
    expect(intl.formatMessage({ id: 'count' }, { count: 1, feed: 'Wire' })).toMatch(
      /^\[1 áŕţíçļé íñ Wire.*\]$/,
    );
    expect(intl.formatMessage({ id: 'count' }, { count: 3, feed: 'Wire' })).toMatch(
      /^\[3 áŕţíçļéš íñ Wire/,
    );
    expect(
      intl.formatMessage({ id: 'tagged' }, { key: (chunks: string[]) => `<${chunks.join('')}>` }),
    ).toMatch(/^\[Þŕéšš <ĵ> ţó ĝó óñ/);
  });

  it('leaves what is not a Latin letter alone', () => {
    expect(accent('Seoul 서울 2026!')).toBe('Šéóúļ 서울 2026!');
  });
});
