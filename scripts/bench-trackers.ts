/**
 * How well the tracker lists cover real feeds: every image and link in the items of the
 * real-feeds corpus (../shared/corpora/real-feeds), checked against
 *   - ours: trackers.json alone (what Broadsheet had),
 *   - dbDomains: the tracker database's company domains, by registrable domain (tldts),
 *     tracking categories only (advertising, site analytics, adult advertising),
 *   - dbFilters: the database's own host and host+path filters, same categories (the text export
 *     the app reads; the company domains come from the JSON export),
 *   - adopted: what the app now does: images checked with trackerUrlReason (ours, then
 *     dbFilters, minus allowHosts), links with ours alone (isTrackerLink),
 * and which hosts each flags that serve what look like articles' own pictures (false alarms).
 * Also the database's size on disk, the time to load it, and the time per check.
 *
 *   NODE_OPTIONS=--expose-gc npx tsx scripts/bench-trackers.ts [--corpus DIR] [--examples N]
 *
 * Progress goes to stderr; the last stdout line is one JSON object with every figure.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';
import { getDomain } from 'tldts';
import { sanitizeHtml } from '@main/html/sanitize-html';
import { buildRules, trackerDbFile, trackerDbRules } from '@main/privacy/tracker-db';
import { isTrackerLink, trackerUrlReason } from '@main/privacy/trackers';
import trackersJson from '@main/privacy/trackers.json';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import { arg, flag, log, REPO, runBench, stats } from './bench-kit';

const TRACKING = new Set(['advertising', 'site_analytics', 'pornvertising']);
const IMAGE_PATH = /\.(?:jpe?g|png|gif|webp|avif)$/i;

interface DbJson {
  patterns: Record<string, { name: string; category: string }>;
  domains: Record<string, string>;
}

/** One image or link found in an item's HTML as the feed published it. */
interface Found {
  kind: 'image' | 'link';
  url: URL;
  /** Drawn at most 2 px on a side by its attributes: a beacon, whoever serves it. */
  pixel: boolean;
  feed: string;
}

interface HostTally {
  images: number;
  pixels: number;
  /** Images that look like pictures: not pixel-sized, and a picture file name or a real size. */
  pictures: number;
  links: number;
  feeds: Set<string>;
  example?: string;
}

interface FlaggedTally {
  tracker: string;
  pictures: number;
  examplePicture?: string;
}

type Strategy = 'ours' | 'dbDomains' | 'dbFilters' | 'adopted';
const STRATEGIES: Strategy[] = ['ours', 'dbDomains', 'dbFilters', 'adopted'];

function corpusFiles(corpus: string): string[] {
  const manifest = readFileSync(path.join(corpus, 'manifest.tsv'), 'utf8').trim().split('\n');
  return manifest.slice(1).map((line) => line.split('\t')[0] ?? '');
}

function readFeedBytes(file: string): Buffer {
  const bytes = readFileSync(file);
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

function collect(html: string, feed: string, into: Found[]): void {
  const parser = new Parser({
    onopentag(name, attrs) {
      const value = name === 'img' ? attrs.src : name === 'a' ? attrs.href : undefined;
      if (!value) return;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
      const side = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : NaN);
      const pixel = side(attrs.width) <= 2 || side(attrs.height) <= 2;
      into.push({ kind: name === 'img' ? 'image' : 'link', url, pixel, feed });
    },
  });
  parser.write(html);
  parser.end();
}

/** The database's company domain for a host: the host or a parent, down to its registrable domain. */
function dbDomainMatch(db: DbJson, host: string): string | undefined {
  const registrable = getDomain(host) ?? host;
  for (let candidate = host; ;) {
    const key = db.domains[candidate];
    if (key && TRACKING.has(db.patterns[key]?.category ?? '')) return db.patterns[key]?.name;
    if (candidate === registrable) return undefined;
    const dot = candidate.indexOf('.');
    if (dot < 0) return undefined;
    candidate = candidate.slice(dot + 1);
  }
}

/** dbFilters alone: the database's host and host+path rules, without our list or allowHosts. */
function dbFilterMatch(url: URL): string | undefined {
  const rules = trackerDbRules();
  const pathname = url.pathname.toLowerCase();
  for (let host = url.hostname.toLowerCase(); ;) {
    const byHost = rules.hosts.get(host);
    if (byHost) return byHost;
    const byPath = rules.paths.get(host)?.find((entry) => pathname.startsWith(entry.path));
    if (byPath) return byPath.name;
    const dot = host.indexOf('.');
    if (dot < 0) return undefined;
    host = host.slice(dot + 1);
  }
}

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directorySize(full) : statSync(full).size;
  }
  return total;
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const mb = (bytes: number) => round(bytes / 1024 / 1024, 2);

async function main() {
  const corpus = path.resolve(flag('corpus') ?? path.join(REPO, '..', 'shared/corpora/real-feeds'));
  const examples = arg('examples', 40);

  // Loading the database, cold: the first call in this process, as in the app. The heap is
  // only measured when node runs with --expose-gc (NODE_OPTIONS=--expose-gc).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  const rules = trackerDbRules();
  const firstLoadMs = performance.now() - started;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const reloads: number[] = [];
  for (let i = 0; i < 9; i += 1) {
    started = performance.now();
    buildRules(readFileSync(trackerDbFile(), 'utf8'));
    reloads.push(performance.now() - started);
  }
  // The company domains are only in the JSON export, beside the text one the app reads.
  const dbJson = path.join(path.dirname(trackerDbFile()), 'trackerdb.json');
  const db = JSON.parse(readFileSync(dbJson, 'utf8')) as DbJson;

  const found: Found[] = [];
  const files = corpusFiles(corpus);
  let items = 0;
  let feeds = 0;
  const itemLinksRefused = new Map<string, number>();
  const sanitizeTimes: number[] = [];
  for (const file of files) {
    let feed;
    try {
      feed = parseFeed(readFeedBytes(path.join(corpus, file)), {
        url: 'https://feed.invalid/',
        now: Date.parse('2025-01-01T00:00:00Z'),
      });
    } catch {
      continue; // The corpus keeps broken feeds on purpose; the parser refuses some.
    }
    feeds += 1;
    const started = performance.now();
    for (const item of feed.items) {
      items += 1;
      // An item whose own link is a tracker gets no full text: the offline pass refuses it.
      if (item.url && trackerUrlReason(item.url)) {
        const host = new URL(item.url).host;
        itemLinksRefused.set(host, (itemLinksRefused.get(host) ?? 0) + 1);
      }
      for (const html of [item.summary, item.contentHtml]) {
        if (!html) continue;
        collect(html, file, found);
        sanitizeHtml(html);
      }
    }
    sanitizeTimes.push(performance.now() - started);
  }
  log(`${feeds} feeds, ${items} items, ${found.length} images and links`);

  const hosts = new Map<string, HostTally>();
  const flagged: Record<Strategy, { images: number; pixels: number; links: number }> = {
    ours: { images: 0, pixels: 0, links: 0 },
    dbDomains: { images: 0, pixels: 0, links: 0 },
    dbFilters: { images: 0, pixels: 0, links: 0 },
    adopted: { images: 0, pixels: 0, links: 0 },
  };
  /** Per strategy, per host: what it flagged there, and why. */
  const flaggedHosts: Record<Strategy, Map<string, FlaggedTally>> = {
    ours: new Map(),
    dbDomains: new Map(),
    dbFilters: new Map(),
    adopted: new Map(),
  };
  const checkTimes: number[] = [];
  const newlyRefused = new Map<string, number>();
  for (const entry of found) {
    const host = entry.url.hostname.toLowerCase();
    const tally = hosts.get(host) ?? {
      images: 0,
      pixels: 0,
      pictures: 0,
      links: 0,
      feeds: new Set(),
    };
    hosts.set(host, tally);
    tally.feeds.add(entry.feed);
    if (entry.kind === 'image') {
      tally.images += 1;
      if (entry.pixel) tally.pixels += 1;
      else if (IMAGE_PATH.test(entry.url.pathname)) tally.pictures += 1;
      tally.example ??= entry.url.href.slice(0, 140);
    } else tally.links += 1;

    // What the app does: images are checked against every list, links against ours only.
    started = performance.now();
    const adopted =
      entry.kind === 'image'
        ? trackerUrlReason(entry.url.href)
        : isTrackerLink(entry.url.href)
          ? 'trackers.json'
          : undefined;
    checkTimes.push(performance.now() - started);
    const verdicts: Record<Strategy, string | undefined> = {
      ours: isTrackerLink(entry.url.href) ? 'trackers.json' : undefined,
      dbDomains: dbDomainMatch(db, host),
      dbFilters: dbFilterMatch(entry.url),
      adopted,
    };
    if (entry.kind === 'image' && adopted && !verdicts.ours) {
      // Images the app now refuses that our list alone let through, by host and first folder.
      const where = `${host}/${entry.url.pathname.split('/')[1] ?? ''}`;
      newlyRefused.set(where, (newlyRefused.get(where) ?? 0) + 1);
    }
    const picture = entry.kind === 'image' && !entry.pixel && IMAGE_PATH.test(entry.url.pathname);
    for (const strategy of STRATEGIES) {
      const verdict = verdicts[strategy];
      if (!verdict) continue;
      const count = flagged[strategy];
      if (entry.kind === 'link') count.links += 1;
      else if (entry.pixel) count.pixels += 1;
      else count.images += 1;
      const atHost = flaggedHosts[strategy].get(host) ?? { tracker: verdict, pictures: 0 };
      if (picture) {
        atHost.pictures += 1;
        atHost.examplePicture ??= entry.url.href.slice(0, 140);
      }
      flaggedHosts[strategy].set(host, atHost);
    }
  }

  const describe = (host: string, flaggedHere: FlaggedTally) => {
    const tally = hosts.get(host);
    return {
      host,
      tracker: flaggedHere.tracker,
      flaggedPictures: flaggedHere.pictures,
      examplePicture: flaggedHere.examplePicture,
      images: tally?.images ?? 0,
      pixels: tally?.pixels ?? 0,
      picturesAtHost: tally?.pictures ?? 0,
      links: tally?.links ?? 0,
      feeds: tally?.feeds.size ?? 0,
      example: tally?.example,
    };
  };
  const only = (mine: Strategy, theirs: Strategy) =>
    [...flaggedHosts[mine]]
      .filter(([host]) => !flaggedHosts[theirs].has(host))
      .map(([host, flaggedHere]) => describe(host, flaggedHere))
      .sort((a, b) => b.images + b.links - (a.images + a.links));
  // Pictures a strategy flags (not pixel-sized, a picture's file name): possible false alarms,
  // each one a picture the reader would lose. Inspected by hand in docs/bench/trackers.md.
  const pictureHosts = (strategy: Strategy) =>
    [...flaggedHosts[strategy]]
      .map(([host, flaggedHere]) => describe(host, flaggedHere))
      .filter((row) => row.flaggedPictures > 0)
      .sort((a, b) => b.flaggedPictures - a.flaggedPictures);

  const packageDir = path.resolve(path.dirname(trackerDbFile()), '..');
  const result = {
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGb: round(os.totalmem() / 1024 ** 3),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    date: new Date().toISOString(),
    corpus: { feeds, items, images: found.filter((f) => f.kind === 'image').length },
    links: found.filter((f) => f.kind === 'link').length,
    hosts: hosts.size,
    database: {
      package: '@ghostery/trackerdb',
      packageMb: mb(directorySize(packageDir)),
      fileMb: mb(statSync(trackerDbFile()).size),
      hostRules: rules.hosts.size,
      pathRules: [...rules.paths.values()].reduce((sum, list) => sum + list.length, 0),
      firstLoadMs: round(firstLoadMs),
      reloadMs: stats(reloads),
      heapMb: gc ? mb(heapAfter - heapBefore) : null,
    },
    ourList: {
      hosts: trackersJson.hosts.length,
      hostPaths: trackersJson.hostPaths.length,
      paths: trackersJson.paths.length,
      allowHosts: trackersJson.allowHosts,
    },
    checks: {
      count: checkTimes.length,
      totalMs: round(checkTimes.reduce((a, b) => a + b, 0)),
      meanMicroseconds: round((checkTimes.reduce((a, b) => a + b, 0) / checkTimes.length) * 1000),
    },
    sanitizeMsPerFeed: stats(sanitizeTimes),
    flagged: Object.fromEntries(
      STRATEGIES.map((strategy) => [
        strategy,
        { ...flagged[strategy], hosts: flaggedHosts[strategy].size },
      ]),
    ),
    onlyOurs: only('ours', 'dbFilters').slice(0, examples),
    onlyDbFilters: only('dbFilters', 'ours').slice(0, examples),
    onlyAdopted: only('adopted', 'ours').slice(0, examples),
    itemLinksRefused: Object.fromEntries(itemLinksRefused),
    newlyRefusedImages: Object.fromEntries([...newlyRefused].sort((a, b) => b[1] - a[1])),
    onlyDbDomains: only('dbDomains', 'dbFilters').slice(0, examples),
    onlyDbDomainsCount: only('dbDomains', 'dbFilters').length,
    pictureHosts: Object.fromEntries(
      STRATEGIES.map((strategy) => [strategy, pictureHosts(strategy).slice(0, examples)]),
    ),
  };
  console.log(JSON.stringify(result));
}

runBench(main);
