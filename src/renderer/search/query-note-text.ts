/**
 * The search engine's notes on a query ("Ignored an OR next to a filter.") in the interface's
 * language. The engine writes them in English from templates (search-engine/core/query-notes);
 * each is recognised by its template and said with the message of the same name.
 */
import { readQueryNote, type QueryNoteCode } from '../../search-engine/core/query-notes';
import type { MessageId } from '../i18n/catalogue';
import { getLocaleState } from '../i18n/current-locale';
import { formatList } from '../i18n/formats';
import type { MessageValues } from '../i18n/use-t';

const MESSAGES: Record<QueryNoteCode, MessageId> = {
  unclosedQuote: 'search.note.unclosedQuote',
  emptyQuotes: 'search.note.emptyQuotes',
  filterEmpty: 'search.note.filterEmpty',
  filterExcluded: 'search.note.filterExcluded',
  unknownFlag: 'search.note.unknownFlag',
  badDate: 'search.note.badDate',
  orFirst: 'search.note.orFirst',
  orLast: 'search.note.orLast',
  orFilter: 'search.note.orFilter',
  orExclusion: 'search.note.orExclusion',
  notAFilter: 'search.note.notAFilter',
  noDays: 'search.note.noDays',
  typos: 'search.note.typos',
  mostWords: 'search.note.mostWords',
};

/** A note as the reader should read it; one no template made stays as the engine wrote it. */
export function queryNoteText(
  note: string,
  t: (id: MessageId, values?: MessageValues) => string,
): string {
  const read = readQueryNote(note);
  if (!read) return note;
  const values =
    read.code === 'typos'
      ? { ...read.values, others: quotedList(read.values.others!, t) }
      : read.values;
  return t(MESSAGES[read.code], values);
}

/**
 * The engine's list of words it also searched for (`"habour", "harbor"`) with the language's
 * quotation marks and list punctuation; English reads as the engine wrote it.
 */
function quotedList(others: string, t: (id: MessageId, values?: MessageValues) => string) {
  const words = [...others.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
  if (words.length === 0) return others;
  return formatList(
    words.map((word) => t('search.note.quoted', { word })),
    getLocaleState().locale,
    'unit',
  );
}
