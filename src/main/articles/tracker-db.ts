/**
 * Ghostery's tracker database (@ghostery/trackerdb), reduced to what a request check needs:
 * hosts and host+path prefixes that its filters name for advertising, site analytics and adult
 * advertising. Read from the package's own file, so updating the package updates the list.
 *
 * Only the filters are used, not the database's company domains: those say that google.com,
 * apple.com or typepad.com belong to a tracking company, which flags every link to Google Docs
 * and every TypePad blog's photos (measured on the real-feeds corpus: docs/bench/trackers.md).
 * The filters name the tracking hosts themselves (`||bat.bing.com^`, not bing.com).
 *
 * Loaded once, on first use: about 30 ms and a few MB, which a run that never checks a URL
 * should not pay (the CLI's `article` command, tests that never touch a tracker).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The categories whose requests tell a third party what is being read. */
const TRACKING_CATEGORIES = new Set(['advertising', 'site_analytics', 'pornvertising']);

export interface TrackerDbRules {
  /** Host (lower case) → the tracker's name, for filters that block a whole host. */
  hosts: Map<string, string>;
  /** Host (lower case) → path prefixes, each with the tracker's name. */
  paths: Map<string, { path: string; name: string }[]>;
}

interface TrackerDbJson {
  patterns: Record<string, { name: string; category: string }>;
  filters: Record<string, string>;
}

// `||host^`, for all requests or third-party ones (`$3p`): every request we make is third-party
// to the article. Filters limited to scripts or XHR never match an image or a page fetch.
const HOST_FILTER = /^\|\|([a-z0-9.-]+)\^(?:\$(?:3p|third-party))?$/i;
// `||host/path…`: a literal prefix, without wildcards or options.
const PATH_FILTER = /^\|\|([a-z0-9.-]+)(\/[^$^*|]*)$/i;

let loaded: TrackerDbRules | undefined;

/** The rules, built on the first call. */
export function trackerDbRules(): TrackerDbRules {
  loaded ??= buildRules(JSON.parse(readFileSync(trackerDbFile(), 'utf8')) as TrackerDbJson);
  return loaded;
}

/** Where the package keeps its JSON export; its `exports` map names only the SDK. */
export function trackerDbFile(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@ghostery/trackerdb');
  // dist/cjs/index.js or dist/mjs/index.js → dist/trackerdb.json
  return path.join(path.dirname(entry), '..', 'trackerdb.json');
}

export function buildRules(db: TrackerDbJson): TrackerDbRules {
  const hosts = new Map<string, string>();
  const paths = new Map<string, { path: string; name: string }[]>();
  for (const [filter, key] of Object.entries(db.filters)) {
    const pattern = db.patterns[key];
    if (!pattern || !TRACKING_CATEGORIES.has(pattern.category)) continue;
    const host = HOST_FILTER.exec(filter);
    if (host?.[1]) {
      hosts.set(host[1].toLowerCase(), pattern.name);
      continue;
    }
    const prefix = PATH_FILTER.exec(filter);
    if (prefix?.[1] && prefix[2]) {
      const key = prefix[1].toLowerCase();
      const list = paths.get(key) ?? [];
      list.push({ path: prefix[2].toLowerCase(), name: pattern.name });
      paths.set(key, list);
    }
  }
  return { hosts, paths };
}
