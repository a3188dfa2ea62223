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
 * Read from the package's text export (one comment line naming the tracker and its category
 * before each filter), which loads faster than its JSON export. Loaded once, on first use (both
 * costs: docs/bench/trackers.md), which a run that never checks a URL should not pay.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The categories whose requests tell a third party what is being read. */
const TRACKING_CATEGORIES = new Set(['advertising', 'site_analytics', 'pornvertising']);

export interface TrackerDbRules {
  /** Host (lower case) → the tracker's id, for filters that block a whole host. */
  hosts: Map<string, string>;
  /** Host (lower case) → path prefixes, each with the tracker's id. */
  paths: Map<string, { path: string; name: string }[]>;
}

// `! trackerdb_id:pheedo trackerdb_category:advertising trackerdb_filter`: what the next line is.
const HEADER = /^! trackerdb_id:(\S+) trackerdb_category:(\S+) trackerdb_(\w+)/;
// `||host^`, for all requests or third-party ones (`$3p`): every request we make is third-party
// to the article. Filters limited to scripts or XHR never match an image or a page fetch.
const HOST_FILTER = /^\|\|([a-z0-9.-]+)\^(?:\$(?:3p|third-party))?$/i;
// `||host/path…`: a literal prefix, without wildcards or options.
const PATH_FILTER = /^\|\|([a-z0-9.-]+)(\/[^$^*|]*)$/i;

let loaded: TrackerDbRules | undefined;

/** The rules, built on the first call. */
export function trackerDbRules(): TrackerDbRules {
  loaded ??= buildRules(readFileSync(trackerDbFile(), 'utf8'));
  return loaded;
}

/** Where the package keeps its text export; its `exports` map names only the SDK. */
export function trackerDbFile(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@ghostery/trackerdb');
  // dist/cjs/index.js or dist/mjs/index.js → dist/trackerdb.txt
  return path.join(path.dirname(entry), '..', 'trackerdb.txt');
}

/**
 * The tracking filters of the text export. Lines marked `trackerdb_domain` are the company
 * domains, left out on purpose (see above).
 */
export function buildRules(text: string): TrackerDbRules {
  const hosts = new Map<string, string>();
  const paths = new Map<string, { path: string; name: string }[]>();
  let name: string | undefined;
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      const tracking = TRACKING_CATEGORIES.has(header[2] ?? '') && header[3] === 'filter';
      name = tracking ? header[1] : undefined;
      continue;
    }
    if (!name) continue;
    const filter = line.trim();
    const host = HOST_FILTER.exec(filter);
    if (host?.[1]) {
      hosts.set(host[1].toLowerCase(), name);
    } else {
      const prefix = PATH_FILTER.exec(filter);
      if (prefix?.[1] && prefix[2]) {
        const key = prefix[1].toLowerCase();
        const list = paths.get(key) ?? [];
        list.push({ path: prefix[2].toLowerCase(), name });
        paths.set(key, list);
      }
    }
    name = undefined;
  }
  return { hosts, paths };
}
