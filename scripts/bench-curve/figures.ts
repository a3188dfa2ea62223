/**
 * The figures `bench:curve` follows across library sizes: where each sits in a bench's JSON,
 * its unit, and whether the reader waits for it (those should grow no faster than log N) or it
 * is a cost that grows with what is kept (bytes, heap, a whole build).
 */

export type BenchName = 'search' | 'ui' | 'storage';

export interface FigureSpec {
  bench: BenchName;
  name: string;
  unit: string;
  /** The reader waits for it: it should not outgrow log N. */
  waits: boolean;
  read: (report: unknown, size: number) => number | undefined;
  /** Why a cost grows as it does, where that is expected. */
  expected?: string;
}

/** The number at a dotted path of a bench's JSON, if there is one. */
export function at(report: unknown, dotted: string): number | undefined {
  let value: unknown = report;
  for (const key of dotted.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const path =
  (dotted: string) =>
  (report: unknown): number | undefined =>
    at(report, dotted);

/** ms an article from a documents-per-second figure: a cost that should stay flat. */
const msPerArticle =
  (dotted: string) =>
  (report: unknown): number | undefined => {
    const rate = at(report, dotted);
    return rate ? 1000 / rate : undefined;
  };

const perArticle =
  (dotted: string) =>
  (report: unknown, size: number): number | undefined => {
    const total = at(report, dotted);
    return total === undefined ? undefined : total / size;
  };

/** How each bench is asked for a library of `size` articles. */
export const SIZE_FLAG: Record<BenchName, string> = {
  search: '--docs',
  ui: '--articles',
  storage: '--articles',
};

export const FIGURES: FigureSpec[] = [
  {
    bench: 'search',
    name: 'search: cold first result',
    unit: 'ms',
    waits: true,
    read: path('engine.coldFirstResultMs'),
  },
  {
    bench: 'search',
    name: 'search: warm p50',
    unit: 'ms',
    waits: true,
    read: path('engine.p50Ms'),
  },
  {
    bench: 'search',
    name: 'search: warm p95',
    unit: 'ms',
    waits: true,
    read: path('engine.p95Ms'),
  },
  {
    bench: 'search',
    name: 'FTS5: warm p95 (peer)',
    unit: 'ms',
    waits: true,
    read: path('fts5.p95Ms'),
  },
  {
    bench: 'search',
    name: 'search: p95 with snippets',
    unit: 'ms',
    waits: true,
    read: path('engine.details.withSnippets.p95Ms'),
  },
  {
    bench: 'search',
    name: 'search: add 50 articles',
    unit: 'ms',
    waits: true,
    read: path('engine.add50Ms'),
  },
  {
    bench: 'search',
    name: 'search: remove 50 articles',
    unit: 'ms',
    waits: true,
    read: path('engine.remove50Ms'),
  },
  {
    bench: 'search',
    name: 'search: build, per article',
    unit: 'ms',
    waits: false,
    read: msPerArticle('engine.buildDocsPerSec'),
    expected: 'flat a document; merges of ever larger segments add a log N share',
  },
  {
    bench: 'search',
    name: 'FTS5: build, per article (peer)',
    unit: 'ms',
    waits: false,
    read: msPerArticle('fts5.buildDocsPerSec'),
  },
  {
    bench: 'search',
    name: 'search: index bytes per article',
    unit: 'bytes',
    waits: false,
    read: perArticle('engine.indexBytes'),
    expected: 'flat a document',
  },
  {
    bench: 'search',
    name: 'FTS5: index bytes per article (peer)',
    unit: 'bytes',
    waits: false,
    read: perArticle('fts5.indexBytes'),
  },
  {
    bench: 'search',
    name: 'search: heap after build',
    unit: 'MB',
    waits: false,
    read: path('engine.heapMB'),
    expected:
      'the per-document columns (10 bytes a document) and term dictionaries stay in memory: linear, at ~1/30 of the index',
  },
  {
    bench: 'ui',
    name: 'UI: first row, slowest cold start',
    unit: 'ms',
    waits: true,
    read: path('coldStartFirstRowMs.max'),
  },
  {
    bench: 'ui',
    name: 'UI: view switch p95',
    unit: 'ms',
    waits: true,
    read: path('viewSwitchMs.all.p95'),
  },
  {
    bench: 'ui',
    name: 'UI: steady scroll, longest frame',
    unit: 'ms',
    waits: true,
    read: path('scroll.steady.maxMs'),
  },
  {
    bench: 'ui',
    name: 'UI: unread count after a change, median',
    unit: 'ms',
    waits: true,
    read: path('unreadCountUpdateMs.median'),
  },
  {
    bench: 'ui',
    name: 'UI: unread count after a change, slowest',
    unit: 'ms',
    waits: true,
    read: path('unreadCountUpdateMs.max'),
  },
  {
    bench: 'ui',
    name: 'UI: mark all of Unread read (status shown)',
    unit: 'ms',
    waits: true,
    read: path('markAllRead.unreadView.ms'),
  },
  {
    bench: 'ui',
    name: 'UI: longest frame while a read mark is folded in',
    unit: 'ms',
    waits: true,
    read: path('markAllRead.unreadView.fold.maxMs'),
  },
  {
    bench: 'ui',
    name: 'UI: longest frame during retention',
    unit: 'ms',
    waits: true,
    read: path('retention.maxMs'),
  },
  {
    bench: 'ui',
    name: 'UI: Settings storage table shown',
    unit: 'ms',
    waits: true,
    read: path('retention.storageReportMs'),
  },
  {
    bench: 'ui',
    name: 'UI: retention pass, per article purged',
    unit: 'ms',
    waits: false,
    read: (report) => {
      const ms = at(report, 'retention.ms');
      const purged = at(report, 'retention.purged');
      return ms !== undefined && purged ? ms / purged : undefined;
    },
  },
  {
    bench: 'ui',
    name: 'UI: search index build in the app, per article',
    unit: 'ms',
    waits: false,
    read: perArticle('searchIndex.buildMs'),
  },
];
