import {
  compileQuery,
  prepareDocument,
  type CompiledQuery,
  type PreparedDocument,
} from '../../search-engine/core/matcher';
import { normalizeTag, uniqueTags } from '../lib/bookmarks/tag-names';
import type { ArrivalContext } from './arrivals';
import { canonicalTag } from './bookmarks-repository';
import { getDb } from './database';
import type { Article, Feed, Rule, RuleAction } from './entities';
import { feedTitle, toIndexDocument } from './index-document';
import { OutboxRecorder, syncedState } from './outbox-repository';
import type { BroadsheetDb } from './schema';
import { electLeads } from './stories-repository';
import { LocalizedError } from '../i18n/localized-error';
import { translate } from '../i18n/current-locale';
import { queryNoteText } from '../search/query-note-text';

/*
 * The reader's rules (schema v6 `rules`): written in the search language, applied to each
 * article as it arrives (arrivals.ts, inside the transaction that stores it), or to the stored
 * ones on demand. The matcher is the search's own (search-engine/core/matcher.ts), run on the
 * article as the index would see it (toIndexDocument), so a rule matches what an exact search
 * for its text finds. A rule with `until` is a mute: when that passes, what it hid comes back
 * and the rule goes (expireRules, run by pipeline/rules-upkeep.ts).
 */

/** How long a rule lasts: the dialog's "For" choice. */
export type RuleDuration = 'always' | 'day' | 'week' | 'month';

export interface RuleInput {
  query: string;
  action: RuleAction;
  /** The tag "Add tag" adds (required for that action, ignored otherwise). */
  tag?: string;
  /** Default 'always'. */
  for?: RuleDuration;
}

/** A rule the reader cannot save as written; the message says why, for the reader. */
export class RuleError extends LocalizedError {}

export const MAX_RULE_QUERY_LENGTH = 500;
const ACTIONS: readonly RuleAction[] = ['hide', 'read', 'bookmark', 'tag', 'notify'];
/** Articles read and rewritten per transaction when a rule is applied to or lifted from many. */
const CHUNK = 200;
const DAY_MS = 86_400_000;

/** When a rule added at `now` for `duration` ends (undefined: never). A month is a calendar month. */
export function ruleUntil(duration: RuleDuration, now: number): number | undefined {
  switch (duration) {
    case 'always':
      return undefined;
    case 'day':
      return now + DAY_MS;
    case 'week':
      return now + 7 * DAY_MS;
    case 'month': {
      const date = new Date(now);
      const day = date.getDate();
      date.setMonth(date.getMonth() + 1);
      // 31 January + 1 month is the last day of February, not 3 March.
      if (date.getDate() !== day) date.setDate(0);
      return date.getTime();
    }
  }
}

/** Whether a rule applies at `now` (a mute whose time has passed no longer does). */
export function inForce(rule: Rule, now: number): boolean {
  return rule.until === undefined || rule.until > now;
}

/** Every rule, oldest first. */
export async function listRules(db = getDb()): Promise<Rule[]> {
  const rules = await db.rules.toArray();
  return rules.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** One rule (the Hidden view names the rule that hid an article). */
export function getRule(id: string, db = getDb()): Promise<Rule | undefined> {
  return db.rules.get(id);
}

/** Checks what the dialog gives and makes it a rule (without storing it). */
export function validateRule(input: RuleInput, now: number): Omit<Rule, 'id'> {
  const query = input.query.trim();
  if (!query) throw new RuleError('db.rules.error.noQuery');
  if (query.length > MAX_RULE_QUERY_LENGTH)
    throw new RuleError('db.rules.error.tooLong', { max: MAX_RULE_QUERY_LENGTH });
  if (!ACTIONS.includes(input.action)) throw new RuleError('db.rules.error.noAction');
  const compiled = compileQuery(query);
  if (compiled.empty) {
    // The engine writes its notes in English; each is said again in the interface language.
    if (compiled.notes.length === 0)
      throw new RuleError('db.rules.error.matchesNothing', { query });
    throw new RuleError('db.rules.error.matchesNothingBecause', {
      query,
      notes: compiled.notes.map((note) => queryNoteText(note, translate)).join(' '),
    });
  }
  const rule: Omit<Rule, 'id'> = { query, action: input.action, createdAt: now };
  if (input.action === 'tag') {
    const tag = normalizeTag(input.tag ?? '');
    if (!tag) throw new RuleError('db.rules.error.noTag');
    rule.tag = tag;
  }
  const until = ruleUntil(input.for ?? 'always', now);
  if (until !== undefined) rule.until = until;
  return rule;
}

/** Stores a new rule; it applies to articles stored from now on (applyRuleToExisting for the rest). */
export async function addRule(input: RuleInput, now = Date.now(), db = getDb()): Promise<Rule> {
  const rule: Rule = { id: crypto.randomUUID(), ...validateRule(input, now) };
  // "later" when the library already says "Later": one tag, as addTag keeps it.
  if (rule.tag !== undefined) rule.tag = await canonicalTag(rule.tag, undefined, db);
  await db.rules.add(rule);
  return rule;
}

/** Deletes a rule; what it hid comes back. Returns how many articles came back. */
export async function deleteRule(id: string, db = getDb()): Promise<number> {
  return liftRule(db, id);
}

/**
 * Brings back what rule `id` hid, a chunk per transaction, and deletes the rule in the last
 * one: articles it hides meanwhile (it still applies until then) are brought back too.
 */
async function liftRule(db: BroadsheetDb, id: string): Promise<number> {
  let shown = 0;
  for (;;) {
    const tables = [db.articles, db.rules, db.fingerprints];
    const { count, done } = await db.transaction('rw', tables, async () => {
      const rows = await db.articles
        .orderBy('hiddenAt')
        .filter((article) => article.hiddenBy === id)
        .limit(CHUNK)
        .toArray();
      for (const article of rows) unhide(article);
      if (rows.length) await db.articles.bulkPut(rows);
      await hidesChanged(db, rows);
      const last = rows.length < CHUNK;
      if (last) await db.rules.delete(id);
      return { count: rows.length, done: last };
    });
    shown += count;
    if (done) return shown;
  }
}

function unhide(article: Article): void {
  delete article.hiddenAt;
  delete article.hiddenBy;
  // Shown from now: a "mark all as read" still folding did not cover it (read-marks.ts), and
  // the middleware stamps it afresh if it is unread.
  delete article.unreadAt;
}

/**
 * A story stands in the crowd views through its lead, which must be a shown copy: when hides
 * change, the stories of the copies concerned choose their leads again. Inside the transaction
 * that changed them (with articles and fingerprints).
 */
async function hidesChanged(db: BroadsheetDb, changed: readonly Article[]): Promise<void> {
  const storyIds = new Set<string>();
  for (const article of changed) if (article.storyId !== undefined) storyIds.add(article.storyId);
  if (storyIds.size === 0) return;
  await electLeads(db, [...storyIds]);
}

/** Undoes a hide ("Show again"); false when the article was not hidden (or is gone). */
export async function showAgain(articleId: string, db = getDb()): Promise<boolean> {
  return db.transaction('rw', db.articles, db.fingerprints, async () => {
    const article = await db.articles.get(articleId);
    if (!article || article.hiddenAt === undefined) return false;
    unhide(article);
    await db.articles.put(article);
    await hidesChanged(db, [article]);
    return true;
  });
}

export interface ExpiredRules {
  /** The rules whose time had passed, now deleted. */
  rules: Rule[];
  /** Articles they hid, shown again. */
  shown: number;
}

/** Ends the mutes whose `until` has passed: what they hid comes back, then they are deleted. */
export async function expireRules(now = Date.now(), db = getDb()): Promise<ExpiredRules> {
  const expired = (await db.rules.toArray()).filter((rule) => !inForce(rule, now));
  let shown = 0;
  for (const rule of expired) shown += await liftRule(db, rule.id);
  return { rules: expired, shown };
}

/** The next time a rule ends, if any does (for the upkeep's timer). */
export async function nextRuleExpiry(db = getDb()): Promise<number | undefined> {
  let next: number | undefined;
  for (const rule of await db.rules.toArray())
    if (rule.until !== undefined && (next === undefined || rule.until < next)) next = rule.until;
  return next;
}

// ------------------------------------------------------------------------------- applying

interface Compiled {
  rule: Rule;
  query: CompiledQuery;
}

/** Compiled queries by text: a refresh applies the same rules batch after batch. */
const compiledCache = new Map<string, CompiledQuery>();
const COMPILED_CACHE_SIZE = 500;

function compiled(rule: Rule): Compiled {
  let query = compiledCache.get(rule.query);
  if (!query) {
    if (compiledCache.size >= COMPILED_CACHE_SIZE) compiledCache.clear();
    query = compileQuery(rule.query);
    compiledCache.set(rule.query, query);
  }
  return { rule, query };
}

/** Hiding goes last: a rule that bookmarks an article keeps any other rule from hiding it. */
const ORDER: Record<RuleAction, number> = { read: 0, bookmark: 1, tag: 2, hide: 3, notify: 4 };

function inOrder(rules: Rule[]): Compiled[] {
  return rules
    .map(compiled)
    .filter(({ query }) => !query.empty)
    .sort(
      (a, b) => ORDER[a.rule.action] - ORDER[b.rule.action] || a.rule.createdAt - b.rule.createdAt,
    );
}

/** Does what the rule says to the article, in place; false when that changed nothing. */
function act(article: Article, rule: Rule, now: number): boolean {
  switch (rule.action) {
    case 'hide':
      // A bookmark is the reader saying "keep this": no rule hides it. The first rule to hide
      // an article is the one it is hidden by.
      if (article.bookmarkedAt !== undefined || article.hiddenAt !== undefined) return false;
      article.hiddenAt = now;
      article.hiddenBy = rule.id;
      return true;
    case 'read':
      if (article.unread === 0) return false;
      article.unread = 0;
      article.readAt = now;
      return true;
    case 'bookmark':
      if (article.bookmarkedAt !== undefined) return false;
      article.bookmarkedAt = now;
      return true;
    case 'tag': {
      // Tags belong to bookmarks: a tagged article is bookmarked.
      const tags = uniqueTags([...article.tags, rule.tag ?? '']);
      const changed = tags.length !== article.tags.length || article.bookmarkedAt === undefined;
      article.tags = tags;
      article.bookmarkedAt ??= now;
      return changed;
    }
    case 'notify':
      // Nothing to store: the match is reported to whoever stores the arrival (applyTo).
      return false;
  }
}

function titlesOf(feeds: readonly Feed[]): Map<string, string> {
  return new Map(feeds.map((feed) => [feed.id, feedTitle(feed)]));
}

/**
 * Runs compiled rules over articles in place; returns the ids it changed. Account items'
 * read, star and label changes are noted on `recorder`; the ids a 'notify' rule matched are
 * added to `notified`.
 */
function applyTo(
  articles: Article[],
  rules: Compiled[],
  feeds: ReadonlyMap<string, Feed>,
  titles: ReadonlyMap<string, string>,
  recorder: OutboxRecorder,
  now: number,
  notified?: Set<string>,
): Article[] {
  const changed: Article[] = [];
  const context = { feedTitles: titles };
  for (const article of articles) {
    let prepared: PreparedDocument | undefined;
    const before = syncedState(article);
    let touched = false;
    for (const { rule, query } of rules) {
      prepared ??= prepareDocument(toIndexDocument(article, feeds.get(article.feedId)));
      if (!query.matches(prepared, context)) continue;
      if (rule.action === 'notify') notified?.add(article.id);
      else if (act(article, rule, now)) touched = true;
    }
    if (!touched) continue;
    recorder.note(before, article);
    changed.push(article);
  }
  return changed;
}

/**
 * Applies every rule in force to new (never stored) articles, in place, inside the storing
 * transaction (whose scope includes rules and outbox: arrivalTables). Account items queue the
 * read, star and label changes the rules made in the same transaction. Returns the ids of the
 * arrivals a 'notify' rule matched.
 */
export async function applyRulesOnArrival(
  db: BroadsheetDb,
  arrivals: Article[],
  context: ArrivalContext,
): Promise<Set<string>> {
  const notified = new Set<string>();
  if (arrivals.length === 0) return notified;
  const rules = inOrder((await db.rules.toArray()).filter((rule) => inForce(rule, context.now)));
  if (rules.length === 0) return notified;
  const feeds = new Map(context.feeds.map((feed) => [feed.id, feed]));
  const recorder = new OutboxRecorder();
  applyTo(arrivals, rules, feeds, titlesOf(context.feeds), recorder, context.now, notified);
  await recorder.flush(db, context.now);
  return notified;
}

export interface ApplyToExistingOptions {
  /**
   * Only these articles are read and checked (the search worker's exact matches for the rule's
   * query: the matcher still decides, so a stale index cannot make it act on a non-match).
   * Without it every stored article is read.
   */
  candidates?: readonly string[];
  /** Told how many articles have been checked so far. */
  onProgress?: (checked: number) => void;
}

/**
 * Applies one rule to the articles already stored ("Apply to existing articles"), a chunk per
 * transaction; saved pages are left alone, as on arrival. Returns how many articles changed.
 */
export async function applyRuleToExisting(
  id: string,
  now = Date.now(),
  db = getDb(),
  options: ApplyToExistingOptions = {},
): Promise<number> {
  const rule = await db.rules.get(id);
  if (!rule) throw new RuleError('db.rules.error.gone');
  // A notification is news of an arrival: stored articles have arrived already.
  if (!inForce(rule, now) || rule.action === 'notify') return 0;
  const rules = inOrder([rule]);
  if (!rules.length) return 0;
  const allFeeds = await db.feeds.toArray();
  const feeds = new Map(allFeeds.map((feed) => [feed.id, feed]));
  const titles = titlesOf(allFeeds);
  const candidates = options.candidates ? [...new Set(options.candidates)].sort() : undefined;
  let changed = 0;
  let checked = 0;
  let after: string | undefined;
  for (let start = 0; ; start += CHUNK) {
    const tables = [db.articles, db.outbox, db.rules, db.fingerprints];
    const done = await db.transaction('rw', tables, async () => {
      // Deleted meanwhile: stop rather than hide what nothing can bring back.
      if (!(await db.rules.get(id))) return true;
      let rows: Article[];
      if (candidates) {
        const ids = candidates.slice(start, start + CHUNK);
        if (!ids.length) return true;
        rows = (await db.articles.bulkGet(ids)).filter((row): row is Article => row !== undefined);
      } else {
        const range =
          after === undefined ? db.articles.orderBy(':id') : db.articles.where(':id').above(after);
        rows = await range.limit(CHUNK).toArray();
        if (!rows.length) return true;
        after = rows.at(-1)!.id;
      }
      checked += rows.length;
      const recorder = new OutboxRecorder();
      const own = rows.filter((row) => row.savedAt === undefined);
      const touched = applyTo(own, rules, feeds, titles, recorder, now);
      if (touched.length) await db.articles.bulkPut(touched);
      if (rule.action === 'hide') await hidesChanged(db, touched);
      await recorder.flush(db, now);
      changed += touched.length;
      return candidates ? start + CHUNK >= candidates.length : rows.length < CHUNK;
    });
    options.onProgress?.(checked);
    if (done) return changed;
  }
}
