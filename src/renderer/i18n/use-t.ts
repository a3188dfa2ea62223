/**
 * How components speak: `const t = useT(); t('reader.listen')`. Every component re-renders in
 * the new language when the reader switches, with no provider to thread through (and tests that
 * render a component alone get English).
 */
import { cloneElement, isValidElement, useSyncExternalStore, type ReactNode } from 'react';
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { MessageId } from './catalogue';
import { getLocaleState, onLocaleChange, type LocaleState } from './current-locale';
import { DEFAULT_LOCALE } from '@shared/interface-locales';
import * as formats from './formats';

type Plain = string | number | Date | boolean | null | undefined;
export type MessageValues = Record<string, Plain>;
export type RichValues = Record<string, Plain | ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

export interface Translator {
  (id: MessageId, values?: MessageValues): string;
  /** A message with markup: tags in it (`<b>…</b>`) are filled by functions in `values`. */
  rich(id: MessageId, values: RichValues): ReactNode;
  intl: IntlShape;
  locale: string;
  dir: 'ltr' | 'rtl';
  /** "3 hours ago" in the interface's language. */
  relative(at: number, now?: number): string;
  date(at: number): string;
  dateTime(at: number): string;
  fullDate(at: number): string;
  number(n: number): string;
  percent(fraction: number): string;
  bytes(n: number, options?: { roundUp?: boolean }): string;
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
  /** Compares names for sorting feeds, folders and tags in the interface's language. */
  compare(a: string, b: string): number;
}

const cache = createIntlCache();
const translators = new WeakMap<LocaleState, Translator>();

function translatorFor(state: LocaleState): Translator {
  let found = translators.get(state);
  if (found) return found;
  const intl = createIntl(
    { locale: state.locale, messages: state.messages, defaultLocale: DEFAULT_LOCALE },
    cache,
  );
  const t = ((id: MessageId, values?: MessageValues) =>
    intl.formatMessage({ id }, values) as string) as Translator;
  // A message with markup comes back as an array of parts: each element gets its place as its
  // key, as React wants of every array of elements (Children.toArray would still warn).
  t.rich = (id, values) => {
    const parts = intl.formatMessage({ id }, values as never) as ReactNode;
    if (!Array.isArray(parts)) return parts;
    return parts.map((part: ReactNode, i) =>
      isValidElement(part) && part.key === null ? cloneElement(part, { key: i }) : part,
    );
  };
  const locale = state.locale;
  t.intl = intl;
  t.locale = locale;
  t.dir = state.dir;
  t.relative = (at, now) => formats.relativeTime(at, locale, now);
  t.date = (at) => formats.shortDate(at, locale);
  t.dateTime = (at) => formats.shortDateTime(at, locale);
  t.fullDate = (at) => formats.fullDate(at, locale);
  t.number = (n) => formats.formatNumber(n, locale);
  t.percent = (fraction) => formats.formatPercent(fraction, locale);
  t.bytes = (n, options) => formats.formatBytes(n, locale, options);
  t.list = (items, type) => formats.formatList(items, locale, type);
  t.compare = formats.compareNames(locale);
  found = t;
  translators.set(state, found);
  return found;
}

export function useT(): Translator {
  return translatorFor(useSyncExternalStore(onLocaleChange, getLocaleState));
}
