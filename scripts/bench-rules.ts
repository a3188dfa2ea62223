/**
 * Rules and stories at store time, in Chromium against the built browser host: a library of
 * 100,000 articles (seeded straight into IndexedDB), a wire feed of 2,400 articles made of
 * real sentences (../shared/corpora/real-feeds, bench:search's generator) stored through the
 * app, then 500-item refreshes of two feeds served by the loopback fixture server, stored by
 * the app's real path (main fetches and parses, the page's sync bridge runs storeFetchResult),
 * in A B, B A pairs with no rules and with 100 rules in force. Each refresh carries 40 % syndicated copies of wire stories (tracker-tagged
 * address, trimmed text under the same headline, or a new headline and standfirst) and 60 %
 * articles of their own, so story grouping has real candidates. Then "Mark all as read → Older
 * than a week" in Unread (~30,000 articles).
 *
 *   npx tsx scripts/bench-rules.ts [--articles N] [--feeds N] [--items N] [--rules N]
 *     [--rounds N] [--headed]
 *
 * The page times its own work (src/renderer/lib/user-timing.ts): `broadsheet:store-fetch-result`
 * around storeFetchResult and `broadsheet:place-arrivals` around the arrival decisions (quiet
 * feed, rules, story grouping: db/arrivals.ts). Story grouping has no switch, so "neither" is
 * the no-rules refresh less its arrival decisions; grouping's cost per article is the no-rules
 * refresh's decisions over its arrivals. Rules are written as rows into the `rules` table and
 * the page is reloaded before each refresh, so no cache of rules can miss them; story
 * grouping's key cache is filled after each reload, once the list has painted.
 *
 * Progress on stderr; the last stdout line is one JSON object with every figure, a failed phase
 * recorded under its name (bench-kit's BenchReport), exit code 1 then.
 */
import type { Page } from '@playwright/test';
import { startBrowserHost, type RunningHost } from '../tests/e2e/support/browser-host';
import { putFeed } from '../tests/e2e/support/app';
import { patchSetting, seedLibrary } from '../tests/e2e/support/seed-library';
import { startFixtureServer } from '../tests/fixture-server/server';
import { hasRealFeeds, REAL_FEEDS } from '../tests/unit/search-engine/core/real-feeds-corpus';
import { CorpusGenerator, type SentencePool } from './bench-search/corpus';
import { buildPool } from './bench-search/pool';
import {
  arg,
  BenchReport,
  ensureBuilt,
  launchChromium,
  log,
  machine,
  need,
  percentile,
  runBench,
  seededRandom,
  stats,
} from './bench-kit';
import { markAllReadTimed, waitForSearchIndex } from './bench-page';

const ARTICLES = arg('articles', 100_000);
const FEEDS = arg('feeds', 200);
const ITEMS = arg('items', 500);
const RULES = arg('rules', 100);
/** Pairs of refreshes, one of each arm, in A B, B A order: an even number balances them. */
const ROUNDS = arg('rounds', 6);
const HEADED = process.argv.includes('--headed');
/** Share of a refresh that copies a wire story. */
const COPY_SHARE = 0.4;
const WIRE_ITEMS = Math.ceil(ITEMS * COPY_SHARE) * ROUNDS * 2;

const MINUTE = 60_000;
const SETTLE_MS = 4_000;
const DAY = 24 * 60 * MINUTE;
const round1 = (n: number) => Math.round(n * 10) / 10;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

// --- the articles -------------------------------------------------------------------------------

interface Story {
  title: string;
  paragraphs: string[];
  author?: string;
}

interface FeedItem {
  guid: string;
  title: string;
  link: string;
  publishedAt: number;
  html: string;
  author?: string;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Articles of real sentences (bench:search's generator over the real-feeds corpus's sentence
 * pool): as many as needed, each its own story, none a near copy of another by chance.
 */
function benchStories(pool: SentencePool, count: number): Story[] {
  const generator = new CorpusGenerator(pool, 1616);
  return Array.from({ length: count }, (_, n) => {
    const doc = generator.doc(n);
    const words = doc.body.split(' ');
    const paragraphs: string[] = [];
    // CJK text has no spaces: it comes as one paragraph, cut to a paragraph's size.
    if (words.length < 20) paragraphs.push(doc.body.slice(0, 2000));
    else
      for (let at = 0; at < words.length; at += 60)
        paragraphs.push(words.slice(at, at + 60).join(' '));
    return { title: doc.title, paragraphs, author: doc.authors[0] };
  });
}

const toHtml = (paragraphs: string[]) =>
  paragraphs.map((text) => `<p>${escapeXml(text)}</p>`).join('');

/** A paper's reworking of a wire story, three ways in turn (see the header). */
function syndicated(wire: FeedItem, story: Story, n: number, paper: string): FeedItem {
  const slug = `${paper}-${n}`;
  const base = { guid: `copy-${slug}`, publishedAt: wire.publishedAt + 90 * MINUTE };
  const boilerplate = `Copyright ${paper}. Distributed by the wire service; all rights reserved.`;
  const kind = n % 3;
  if (kind === 0) {
    return {
      ...base,
      title: wire.title,
      link: `${wire.link}?utm_source=${paper}&utm_medium=rss&fbclid=bench${n}`,
      html: wire.html,
      author: story.author,
    };
  }
  const trimmed = story.paragraphs.length > 2 ? story.paragraphs.slice(0, -1) : story.paragraphs;
  if (kind === 1) {
    return {
      ...base,
      title: wire.title,
      link: `https://${paper}.example.com/news/${slug}`,
      html: toHtml([...trimmed, boilerplate]),
      author: story.author,
    };
  }
  const words = story.paragraphs.join(' ').split(' ');
  return {
    ...base,
    title: `${words.slice(0, 9).join(' ')}`.replace(/[,.;:]$/, ''),
    link: `https://${paper}.example.com/world/${slug}`,
    html: toHtml([`${paper} staff and wire reports.`, ...trimmed, boilerplate]),
    author: story.author,
  };
}

function rssDocument(title: string, items: FeedItem[]): string {
  const entries = items
    .map(
      (item) =>
        `<item><title>${escapeXml(item.title)}</title><guid isPermaLink="false">${item.guid}</guid>` +
        `<link>${escapeXml(item.link)}</link><pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>` +
        (item.author ? `<author>${escapeXml(item.author)}</author>` : '') +
        `<description>${escapeXml(item.html)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(title)}</title><link>https://example.com/</link><description>bench</description>${entries}</channel></rss>`;
}

/**
 * The wire feed and, per round and arm, one refresh of ITEMS new articles: the next
 * ITEMS×COPY_SHARE wire stories as copies, the rest stories of their own.
 */
function buildCorpus(now: number) {
  if (!hasRealFeeds()) throw new Error(`the real-feeds corpus is missing (${REAL_FEEDS})`);
  const pool = buildPool();
  const stories = benchStories(
    pool,
    WIRE_ITEMS + ROUNDS * 2 * (ITEMS - Math.ceil(ITEMS * COPY_SHARE)),
  );
  const story = (n: number) => stories[n]!;
  const wire: FeedItem[] = [];
  for (let n = 0; n < WIRE_ITEMS; n++) {
    const s = story(n);
    wire.push({
      guid: `wire-${n}`,
      title: s.title,
      link: `https://wire.example.com/story/${n}`,
      publishedAt: now - 2 * DAY + n * MINUTE,
      html: toHtml(s.paragraphs),
      author: s.author,
    });
  }
  let nextOwn = WIRE_ITEMS;
  let nextCopy = 0;
  const refresh = (arm: string, round: number): FeedItem[] => {
    const copies = Math.ceil(ITEMS * COPY_SHARE);
    const items: FeedItem[] = [];
    let copied = 0;
    for (let n = 0; n < ITEMS; n++) {
      // Copies spread through the refresh, as a paper's feed mixes them with its own.
      if (copied < copies && copied < (n + 1) * COPY_SHARE) {
        copied++;
        const w = nextCopy++;
        items.push(syndicated(wire[w]!, story(w), w, `paper-${arm}-${round}`));
        continue;
      }
      const s = story(nextOwn);
      items.push({
        guid: `own-${arm}-${round}-${nextOwn}`,
        title: s.title,
        link: `https://${arm}.example.com/${round}/${nextOwn}`,
        publishedAt: now - 3 * 60 * MINUTE + n * 1000,
        html: toHtml(s.paragraphs),
        author: s.author,
      });
      nextOwn++;
    }
    return items;
  };
  return { pool, stories, wire, refresh };
}

// --- the rules -----------------------------------------------------------------------------------

interface RuleRow {
  id: string;
  query: string;
  action: 'hide' | 'read' | 'bookmark' | 'tag';
  tag?: string;
  until?: number;
  createdAt: number;
}

/**
 * RULES rules as a reader collects them: mutes of single words and phrases, pairs of words,
 * rules for one feed, exclusions, authors and languages; a fifth expire in a week. Words come
 * from the corpus's middle frequencies, so a few rules match a few arrivals, as mutes do.
 */
function buildRules(
  pool: SentencePool,
  stories: Story[],
  feedIds: string[],
  now: number,
): RuleRow[] {
  const random = seededRandom(1616);
  // The less frequent half of the pool's 600 content words: a rule matches a few arrivals.
  const band = pool.frequentWords.slice(300);
  const word = () => band[Math.floor(random() * band.length)]!;
  const phrase = () => {
    const s = stories[Math.floor(random() * stories.length)]!;
    const words = s.paragraphs
      .join(' ')
      .split(' ')
      .filter((w) => /^[A-Za-z]{4,}$/.test(w));
    const at = Math.floor(random() * Math.max(1, words.length - 1));
    return `"${words.slice(at, at + 2).join(' ') || word()}"`;
  };
  const authors = [...new Set(stories.map((s) => s.author).filter((a): a is string => !!a))];
  const rules: RuleRow[] = [];
  for (let n = 0; n < RULES; n++) {
    const slot = n % 100;
    const [query, action]: [string, RuleRow['action']] =
      slot < 40
        ? [word(), 'hide']
        : slot < 60
          ? [`${word()} ${word()}`, 'read']
          : slot < 75
            ? [phrase(), 'hide']
            : slot < 85
              ? [`feed:${feedIds[Math.floor(random() * feedIds.length)]} ${word()}`, 'read']
              : slot < 90
                ? [`${word()} -${word()}`, 'tag']
                : slot < 95
                  ? [
                      authors.length
                        ? `author:"${authors[Math.floor(random() * authors.length)]}"`
                        : word(),
                      'bookmark',
                    ]
                  : [`lang:fr ${word()}`, 'hide'];
    rules.push({
      id: `bench-rule-${n}`,
      query,
      action,
      ...(action === 'tag' ? { tag: `rule ${n}` } : {}),
      ...(n % 5 === 4 ? { until: now + 7 * DAY } : {}),
      createdAt: now - (RULES - n) * MINUTE,
    });
  }
  return rules;
}

/** Replaces every row of the `rules` table, straight in IndexedDB (the page reloads after). */
function writeRules(page: Page, rules: RuleRow[]): Promise<void> {
  return page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('rules', 'readwrite');
          const store = tx.objectStore('rules');
          store.clear();
          for (const row of rows) store.put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rules,
  );
}

// --- the page ------------------------------------------------------------------------------------

/** What rules and grouping did to one feed's articles: hidden, read, bookmarked, in a story. */
function outcomesOf(page: Page, feedId: string) {
  return page.evaluate(
    (id) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const rows = db
            .transaction('articles')
            .objectStore('articles')
            .index('feedId')
            .getAll(id);
          rows.onsuccess = () => {
            db.close();
            const articles = rows.result as Record<string, unknown>[];
            resolve({
              articles: articles.length,
              hidden: articles.filter((a) => a['hiddenAt'] !== undefined).length,
              read: articles.filter((a) => a['unread'] === 0).length,
              bookmarked: articles.filter((a) => a['bookmarkedAt'] !== undefined).length,
              inStory: articles.filter((a) => a['storyId'] !== undefined).length,
              storyLead: articles.filter((a) => a['storyLead'] === 1).length,
            });
          };
          rows.onerror = () => reject(rows.error);
        };
      }),
    feedId,
  );
}

interface Stored {
  /** Story grouping's steps, summed over the refresh's batches (broadsheet:stories-*). */
  storySteps: Record<string, number>;
  /** 0 for the first refresh of its pair, 1 for the second (set by the bench). */
  position?: number;
  storeMs: number;
  placeMs: number;
  added: number;
  arrivals: number;
}

/** The page's store spans for a feed that began after `since` (page clock), once it stored. */
async function storedSpans(page: Page, feedId: string, since: number, timeoutMs: number) {
  const handle = await page.waitForFunction(
    ({ feedId, since }) => {
      const mine = (name: string) =>
        performance
          .getEntriesByName(name, 'measure')
          .filter(
            (entry) =>
              entry.startTime >= since && (entry as PerformanceMeasure).detail?.feedId === feedId,
          ) as PerformanceMeasure[];
      const [store] = mine('broadsheet:store-fetch-result');
      if (!store) return false;
      const places = mine('broadsheet:place-arrivals');
      const steps: Record<string, number> = {};
      for (const step of ['fingerprint', 'cache', 'lookup', 'members', 'decide', 'write', 'leads'])
        steps[step] = mine(`broadsheet:stories-${step}`).reduce((sum, e) => sum + e.duration, 0);
      return {
        storeMs: store.duration,
        storySteps: steps,
        added: (store.detail as { added: number }).added,
        placeMs: places.reduce((sum, entry) => sum + entry.duration, 0),
        arrivals: places.reduce((sum, e) => sum + (e.detail as { arrivals: number }).arrivals, 0),
      };
    },
    { feedId, since },
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as Stored;
}

/** Asks main to refresh one feed, as the app's sync client does, over the host's API. */
async function refreshFeed(host: RunningHost, feedId: string): Promise<void> {
  const response = await fetch(`${host.origin}/api/invoke/sync.refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ feedIds: [feedId] }),
  });
  const answer = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!answer.ok) throw new Error(`sync.refresh failed: ${answer.error?.message}`);
}

/** Reloads the page and waits out the search index's start-up check, so nothing else runs. */
async function reloadAtRest(page: Page): Promise<void> {
  await page.reload();
  await page.locator('.article-list-count').waitFor({ timeout: 60_000 });
  await waitForSearchIndex(page, 5 * MINUTE);
  // The check's repair is followed by a merge of the index's segments 2 s later
  // (search-service.ts), which the search pane does not show: let it pass.
  await page.waitForTimeout(SETTLE_MS);
}

// --- the run -------------------------------------------------------------------------------------

const report = new BenchReport({ benchmark: 'bench-rules', date: new Date().toISOString() });

async function main(): Promise<void> {
  ensureBuilt();
  const now = Date.now();
  report.set('machine', machine());
  const corpus = await report.phase('corpus', 2 * MINUTE, async () => {
    const built = buildCorpus(now);
    report.set('corpus', {
      stories: built.stories.length,
      wireItems: built.wire.length,
      itemsPerRefresh: ITEMS,
      copySharePerRefresh: COPY_SHARE,
      rounds: ROUNDS,
    });
    return built;
  });
  const host = await startBrowserHost();
  const feeds = await startFixtureServer();
  const browser = await launchChromium({ headless: !HEADED });
  report.set('machine.chromium', browser.version());
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // tsx's keepNames wraps functions in `__name`; functions sent to page.evaluate need it.
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.locator('.article-list-count, .list-pane .empty').first().waitFor();
    // Fetching thousands of whole articles from made-up addresses is not what is measured; and the
    // library is kept whole (the default cap of 1,000 per feed would also cap each fetch).
    await patchSetting(page, 'reading', { fullTextDefault: 'never' });
    await patchSetting(page, 'retention', {
      keepReadDays: null,
      keepUnreadDays: null,
      maxPerFeed: null,
    });

    const seeded = await report.phase('library', 30 * MINUTE, async () => {
      log(`seeding ${ARTICLES} articles in ${FEEDS} feeds…`);
      const started = performance.now();
      const library = await seedLibrary(page, { feeds: FEEDS, articles: ARTICLES, unreadEvery: 3 });
      report.set('library', {
        articles: library.articles,
        feeds: FEEDS,
        unread: library.unread,
        seedSeconds: round1((performance.now() - started) / 1000),
      });
      return library;
    });

    // The wire and the two measured feeds, as rows pointing at the fixture server: the next
    // start tells main about them, and each is stored only when the bench refreshes it.
    const arms = await report.phase('feeds', MINUTE, async () => {
      const { wire } = need(corpus, 'corpus');
      const names = ['wire', 'neither', 'rulesAndStories'] as const;
      const urls: string[] = [];
      for (const name of names) {
        const items = name === 'wire' ? wire : [];
        urls.push(await putFeed(feeds.url, `${name}.xml`, rssDocument(name, items)));
      }
      const seededFeeds = await seedLibrary(page, {
        feeds: names.length,
        articles: 0,
        prefix: 'rules-bench',
        feedUrls: urls,
      });
      const [wireId, neither, rulesAndStories] = seededFeeds.feedIds as [string, string, string];
      return { wireId, neither, rulesAndStories };
    });

    const indexed = await report.phase('searchIndex', 10 * MINUTE, async () => {
      need(seeded, 'library');
      need(arms, 'feeds');
      log('waiting for the search index to be built…');
      await page.reload();
      await page.locator('.article-list-count').waitFor({ timeout: 60_000 });
      report.set('searchIndex.buildMs', Math.round(await waitForSearchIndex(page, 10 * MINUTE)));
      return true;
    });

    const wired = await report.phase('wire', 5 * MINUTE, async () => {
      need(indexed, 'searchIndex');
      const { wireId } = need(arms, 'feeds');
      const { wire } = need(corpus, 'corpus');
      log(`storing the wire (${wire.length} articles)…`);
      const since = await page.evaluate(() => performance.now());
      await refreshFeed(host, wireId);
      const stored = await storedSpans(page, wireId, since, 3 * MINUTE);
      report.set('wire', { articles: stored.added, storeMs: Math.round(stored.storeMs) });
      return true;
    });

    const runs = await report.phase('refresh', 20 * MINUTE, async () => {
      need(wired, 'wire');
      const { neither, rulesAndStories } = need(arms, 'feeds');
      const feedOf = { neither, rulesAndStories };
      const library = need(seeded, 'library');
      const { pool, stories, refresh } = need(corpus, 'corpus');
      const rules = buildRules(pool, stories, library.feedIds, now);
      report.set('rules', {
        count: rules.length,
        expiring: rules.filter((rule) => rule.until !== undefined).length,
        sample: rules.slice(0, 5).map((rule) => `${rule.action}: ${rule.query}`),
      });
      const results: Record<keyof typeof feedOf, Stored[]> = { neither: [], rulesAndStories: [] };
      for (let round = 0; round < ROUNDS; round++) {
        // A B, B A, A B…: the second refresh of a pair was measured up to 2× slower than the
        // first, whichever arm (2026-12-06, load 12-20, stubs): by the order, that falls on each
        // arm alike, and the figures below are means over both positions.
        const order = (['neither', 'rulesAndStories'] as const).slice();
        if (round % 2 === 1) order.reverse();
        for (const [position, arm] of order.entries()) {
          log(`round ${round + 1} of ${ROUNDS}: ${arm}…`);
          await writeRules(page, arm === 'neither' ? [] : rules);
          await reloadAtRest(page);
          await putFeed(feeds.url, `${arm}.xml`, rssDocument(arm, refresh(arm, round)));
          const since = await page.evaluate(() => performance.now());
          await refreshFeed(host, feedOf[arm]);
          const stored = await storedSpans(page, feedOf[arm], since, 2 * MINUTE);
          if (stored.added !== ITEMS) {
            throw new Error(`${arm} refresh stored ${stored.added} new articles, not ${ITEMS}`);
          }
          results[arm].push({ ...stored, position });
          log(
            `  stored in ${round1(stored.storeMs)} ms (arrival decisions ${round1(stored.placeMs)} ms; stories ${JSON.stringify(stored.storySteps, (_, v: unknown) => (typeof v === 'number' ? round1(v) : v))})`,
          );
        }
      }
      return results;
    });

    await report.phase('figures', MINUTE, async () => {
      const results = need(runs, 'refresh');
      const feedIds = need(arms, 'feeds');
      const summary = (list: Stored[]) => ({
        storeMs: stats(list.map((run) => run.storeMs)),
        placeMs: stats(list.map((run) => run.placeMs)),
        arrivals: list.map((run) => run.arrivals),
      });
      report.set('refreshMs.neither', summary(results.neither));
      report.set('refreshMs.rulesAndStories', summary(results.rulesAndStories));
      // Unrounded: a cost per article is a fraction of a millisecond.
      const mean = (list: Stored[], pick: (run: Stored) => number) =>
        list.reduce((sum, run) => sum + pick(run), 0) / list.length;
      const median = (values: number[]) =>
        percentile(
          [...values].sort((a, b) => a - b),
          0.5,
        );
      const neitherOf = (run: Stored) => run.storeMs - run.placeMs;
      // Judged pair by pair, the two refreshes of a pair taken a few seconds apart, so the
      // load of the machine moves both; the median of the pairs, as one refresh in a loaded
      // minute can take twice as long as the rest.
      const pairs = results.rulesAndStories.map(
        (run, round) => run.storeMs / neitherOf(results.neither[round]!),
      );
      const both = mean(results.rulesAndStories, (run) => run.storeMs);
      const neither = mean(results.neither, neitherOf);
      const groupingPerArticle = median(results.neither.map((run) => run.placeMs / run.arrivals));
      report.set('ratio', {
        rulesAndStoriesOverNeither: ratio(median(pairs), 1),
        pairs: pairs.map((value) => ratio(value, 1)),
        ofMeans: ratio(both, neither),
        ofMedians: ratio(
          median(results.rulesAndStories.map((run) => run.storeMs)),
          median(results.neither.map(neitherOf)),
        ),
        rulesAndStoriesMeanMs: round1(both),
        neitherMeanMs: round1(neither),
        note: 'neither = the no-rules refresh less its arrival decisions (grouping has no switch)',
      });
      const every = [...results.neither, ...results.rulesAndStories];
      report.set('refreshMs.byPositionInPair', {
        first: stats(every.filter((run) => run.position === 0).map((run) => run.storeMs)),
        second: stats(every.filter((run) => run.position === 1).map((run) => run.storeMs)),
      });
      report.set('groupingMsPerArticle', Math.round(groupingPerArticle * 1000) / 1000);
      // Each refresh here follows a reload, so each pays the key cache's filling, which a page
      // that stays open pays once: the figure without it is what later refreshes cost.
      report.set(
        'groupingMsPerArticleCacheWarm',
        Math.round(
          median(
            results.neither.map(
              (run) => (run.placeMs - (run.storySteps.cache ?? 0)) / run.arrivals,
            ),
          ) * 1000,
        ) / 1000,
      );
      report.set(
        'storyStepsMs',
        Object.fromEntries(
          Object.keys(results.neither[0]?.storySteps ?? {}).map((step) => [
            step,
            round1(median(every.map((run) => run.storySteps[step] ?? 0))),
          ]),
        ),
      );
      report.set(
        'rulesMsPerArticle',
        Math.round(
          (median(results.rulesAndStories.map((run) => run.placeMs / run.arrivals)) -
            groupingPerArticle) *
            1000,
        ) / 1000,
      );
      report.set('outcomes', {
        neither: await outcomesOf(page, feedIds.neither),
        rulesAndStories: await outcomesOf(page, feedIds.rulesAndStories),
      });
    });

    await report.phase('markOlderThanWeek', 4 * MINUTE, async () => {
      need(seeded, 'library');
      log('mark older than a week read, Unread view…');
      await page
        .getByRole('navigation', { name: 'Sources' })
        .getByRole('button', { name: 'Unread', exact: true })
        .click();
      await page.getByRole('heading', { level: 2, name: 'Unread' }).waitFor();
      await page.waitForTimeout(500);
      const marked = await markAllReadTimed(page, 'Older than a week', 3 * MINUTE);
      report.set('markOlderThanWeek', { unreadViewMs: round1(marked.ms), status: marked.status });
    });

    // A goal whose figures are missing is left out, not judged.
    const figures = report.figures as {
      ratio?: { rulesAndStoriesOverNeither: number };
      groupingMsPerArticle?: number;
      markOlderThanWeek?: { unreadViewMs?: number };
    };
    report.set('goals', {
      ...(figures.ratio && {
        storeWithRulesAndStoriesAtMost1_5x: figures.ratio.rulesAndStoriesOverNeither <= 1.5,
      }),
      ...(figures.groupingMsPerArticle !== undefined && {
        groupingAtMost2msPerArticle: figures.groupingMsPerArticle <= 2,
      }),
      ...(figures.markOlderThanWeek?.unreadViewMs !== undefined && {
        markAllReadAtMost1s: figures.markOlderThanWeek.unreadViewMs <= 1000,
      }),
    });
  } finally {
    report.set('machine.loadAverage1mEnd', machine().loadAverage1m);
    await browser.close();
    await feeds.close();
    await host.stop();
  }
}

runBench(main, report);
