/**
 * The backup row checks under fuzzing: checkRow judges anything (random values, and real rows
 * with random fields broken) without throwing; a row it accepts passes again unchanged with no
 * repair (repair is idempotent); and what it accepts keeps the promises the rest of the app
 * relies on: no script-capable HTML, web addresses only, dates that are dates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRow, TABLE_NAMES, type TableName } from '@renderer/db/row-schemas';
import { MAX_DATE_MS } from '@shared/feed-limits';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';
import { scriptCapable } from '../../main/html/script-capable';
import { storedAccount, storedArticle, storedFeed } from './fixtures';
import { said } from '@renderer/lib/message-ref';

const TARGET = 'renderer/db/row-schemas';
// The instants a Date can hold (ECMA-262 §21.4.1.1): anything else is no date.

const BASE_ROWS: Record<TableName, Record<string, unknown>> = {
  feeds: { ...storedFeed('f1'), siteUrl: 'https://example.com/', etag: '"x"', lastFetchedAt: 1 },
  folders: { id: 'd1', name: 'News' },
  articles: {
    ...storedArticle('f1|a1'),
    contentHtml: '<p>Hello <a href="https://example.com/">there</a></p>',
    summary: 'Hi',
    leadImageUrl: 'https://example.com/a.png',
    wordCount: 3,
  },
  settings: { key: 'readState', value: { mode: 'open' } },
  images: {
    url: 'https://example.com/a.png',
    articleIds: ['f1|a1'],
    status: 'failed',
    attempts: 1,
  },
  positions: { articleId: 'f1|a1', fraction: 0.5, updatedAt: 1 },
  accounts: { ...storedAccount() },
  rules: { id: 'r1', query: 'crypto -bitcoin', action: 'tag', tag: 'Later', createdAt: 1 },
  highlights: {
    id: 'h1',
    articleId: 'f1|a1',
    quote: 'the harbour reopened',
    prefix: 'On Monday ',
    suffix: ' after a year',
    start: 10,
    note: 'Check the date',
    createdAt: 1,
    updatedAt: 2,
  },
  playback: { articleId: 'f1|a1', seconds: 61.5, duration: 1800, updatedAt: 1 },
};

const FIELDS = [
  'id',
  'url',
  'title',
  'siteUrl',
  'iconUrl',
  'etag',
  'lastModified',
  'lastFetchedAt',
  'failureCount',
  'nextAttemptAt',
  'icon',
  'iconRetry',
  'lastError',
  'feedId',
  'guid',
  'authors',
  'publishedAt',
  'updatedAt',
  'fetchedAt',
  'summary',
  'contentHtml',
  'listText',
  'images',
  'categories',
  'unread',
  'readAt',
  'bookmarkedAt',
  'tags',
  'note',
  'leadImageUrl',
  'wordCount',
  'readingMinutes',
  'key',
  'value',
  'articleIds',
  'status',
  'attempts',
  'fraction',
  'updatedAt',
  'serverUrl',
  'createdAt',
  'query',
  'action',
  'until',
  'since',
];

const hostileValue = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    Number.NaN,
    Infinity,
    -Infinity,
    1e300,
    -1e300,
    9e15,
    -0,
    '',
    'javascript:alert(1)',
    ' https://example.com/ ',
    'data:image/png;base64,AAAA',
    '<img src=x onerror=alert(1)><script>alert(2)</script><p>ok</p>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<svg><foreignObject><iframe src="javascript:alert(1)">',
    ['https://example.com/a.png', 'javascript:alert(1)', 7],
    [],
    {},
    { mode: 'delay' },
    'x'.repeat(20_000),
  ),
  fc.string({ maxLength: 20 }),
  fc.webUrl(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.webUrl(), fc.integer()), { maxLength: 3 }),
);

/** A real row of a table with a few fields set to hostile values or taken out. */
const brokenRow = fc
  .tuple(
    fc.constantFrom(...TABLE_NAMES),
    fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.option(hostileValue, { freq: 5 })), {
      maxLength: 4,
    }),
  )
  .map(([table, edits]) => {
    const row: Record<string, unknown> = { ...BASE_ROWS[table] };
    for (const [field, value] of edits) {
      if (value === null) delete row[field];
      else row[field] = value;
    }
    return [table, row] as const;
  });
const anyRow = fc.oneof(
  { weight: 4, arbitrary: brokenRow },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...TABLE_NAMES), fc.anything()) },
);

const isWeb = (value: unknown) => {
  if (typeof value !== 'string') return false;
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** What in an accepted row breaks a promise, or undefined. */
function brokenPromise(table: TableName, row: Record<string, unknown>): string | undefined {
  for (const [field, value] of Object.entries(row)) {
    if (/(?:url|Url)$/.test(field) && value !== undefined && !isWeb(value))
      return `${field} ${String(value)}`;
    if (
      /At$/.test(field) &&
      value !== undefined &&
      !(typeof value === 'number' && Math.abs(value) <= MAX_DATE_MS)
    ) {
      return `${field} ${String(value)} is no date`;
    }
  }
  if (table === 'articles') {
    for (const field of ['contentHtml', 'summary']) {
      const html = row[field];
      const found = typeof html === 'string' ? scriptCapable(html) : undefined;
      if (found) return `script-capable ${found} in ${field}`;
    }
    if (!(row.images as unknown[]).every(isWeb)) return 'image address';
  }
  return undefined;
}

const run = { timeout: fuzzTimeoutMs() };

describe('checkRow under fuzzing', () => {
  it('judges anything without throwing', run, async () => {
    await fuzz(
      TARGET,
      'never throws; answers ok with a row or not-ok with a reason',
      fc.property(anyRow, ([table, input]) => {
        const result = checkRow(table, input);
        return result.ok
          ? typeof result.row === 'object'
          : said(result.reason, { what: '3 rows' }).length > '3 rows'.length;
      }),
    );
  });

  it('accepts a row it accepted again, unchanged and without repairs', run, async () => {
    await fuzz(
      TARGET,
      'idempotent repair: checkRow(accepted row) is ok, equal, no repairs',
      fc.property(anyRow, ([table, input]) => {
        const first = checkRow(table, input);
        if (!first.ok) return;
        const again = checkRow(table, first.row);
        expect(again).toEqual({ ok: true, row: first.row, repairs: [] });
      }),
    );
  });

  it('accepts only rows that keep the app’s promises', run, async () => {
    await fuzz(
      TARGET,
      'accepted rows: web addresses, dates within the Date range, sanitized HTML',
      fc.property(anyRow, ([table, input]) => {
        const result = checkRow(table, input);
        const broken = result.ok
          ? brokenPromise(table, result.row as unknown as Record<string, unknown>)
          : undefined;
        if (broken) throw new Error(broken);
      }),
    );
  });
});
