/**
 * Main's messages in English, from the shared catalogue: what its logs and the command line
 * say, and an error's `message`. The reader is told the same message in their own language by
 * the renderer, from the id and values that travel beside it (result.ts, MainText).
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import english from './catalogues/en.json';

export type MainMessageId = Extract<keyof typeof english, `main.${string}`>;
export type MainValues = Record<string, string | number>;

let intl: IntlShape<string> | undefined;

/** The English text of one of main's messages, with its values put in. */
export function englishText(id: MainMessageId, values?: MainValues): string {
  intl ??= createIntl<string>(
    // A message whose values do not fit is a bug of ours: the default handler logs it.
    { locale: 'en', messages: english },
    createIntlCache(),
  );
  return intl.formatMessage({ id }, values);
}
