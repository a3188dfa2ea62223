/**
 * The search engine's notes on a query ("Ignored an OR next to a filter.") in the interface's
 * language. The engine writes them in English from templates (search-engine/core/query-notes);
 * each is recognised by its template and said with the message of the same name.
 */
import { readQueryNote, type QueryNoteCode } from '../../search-engine/core/query-notes';
import type { MessageId } from '../i18n/catalogue';
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
  return read ? t(MESSAGES[read.code], read.values) : note;
}
