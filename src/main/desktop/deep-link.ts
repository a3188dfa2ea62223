import { fileURLToPath } from 'node:url';
import type { DeepLink } from '../../shared/desktop-model';
import { englishText } from '../../shared/main-text';
import type { MainMessageId, MainValues } from '../../shared/result';
import { MAX_URL_LENGTH } from '../../shared/feed-limits';
import { parseWebUrl } from '../../shared/web-url';
import { OPML_EXTENSIONS, URL_SCHEMES } from './desktop-identity';

/**
 * Links the system hands us come from anywhere: a web page the reader clicked, another app, a
 * crafted shortcut. Longer than this is refused before any parsing (a feed address is at most
 * MAX_URL_LENGTH; a broadsheet: link carries one percent-encoded, so up to three times that).
 */
export const MAX_LINK_CHARS = 4 * MAX_URL_LENGTH;

/** How much of a refused input the reader is shown (and the queue keeps). */
const SHOWN_CHARS = 200;

/** What one command-line entry asks for: a link, an OPML file to read, or nothing of ours. */
export type LinkArgument = { kind: 'link'; link: DeepLink } | { kind: 'opml-file'; path: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// Anything below a space, DEL, and the invisible reorderings (bidi controls) that can make an
// address read as another; none belongs in a link.
const CONTROLS = '\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069';
const CONTROL = new RegExp(`[${CONTROLS}]`);

/**
 * A link the system asked us to open (macOS `open-url`, a command-line argument naming one of
 * URL_SCHEMES, the browser host's `--open`) → the feed address to offer in Add feed, or a
 * refusal that says why. Never throws.
 *
 * - `feed://example.com/rss` → `https://example.com/rss`. feed:// names no scheme of its own;
 *   like an address typed without one (lib/typed-url.ts) it is taken as https. Readers differ
 *   (NetNewsWire and old Firefox took http); the address is shown in Add feed before anything
 *   is fetched, so a reader whose feed is http-only can change it.
 * - `feed:https://…` and `feed:http://…` → the address after `feed:`.
 * - `broadsheet://subscribe?url=<address>` → the address (one `url`, http or https).
 *
 * Refused: other schemes (javascript:, file:, data:…), nested links (`feed:feed:…`,
 * `broadsheet://subscribe?url=feed:…`), control characters, user names or passwords in the
 * address, and anything longer than MAX_LINK_CHARS or whose address is over MAX_URL_LENGTH.
 */
export function parseDeepLink(input: string): DeepLink {
  const refuse: Refuse = (id, values) => refusedLink(shown(input), id, values);
  if (input.length > MAX_LINK_CHARS) return refuse('main.link.tooLong');
  if (CONTROL.test(input)) return refuse('main.link.controls');
  const text = input.trim();
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'feed') return fromFeedLink(text.slice('feed:'.length), refuse);
  if (scheme === 'broadsheet') return fromBroadsheetLink(text, refuse);
  // The message names URL_SCHEMES (feed: and broadsheet:) itself, as a translator keeps them.
  return refuse('main.link.otherScheme');
}

type Refuse = (id: MainMessageId, values?: MainValues) => DeepLink;

/** A refusal of what the system handed us: the English reason, and the text for the reader. */
export function refusedLink(input: string, id: MainMessageId, values?: MainValues): DeepLink {
  const reason = englishText(id, values);
  return { kind: 'refused', input, reason, text: values ? { id, values } : { id } };
}

function fromFeedLink(rest: string, refuse: Refuse): DeepLink {
  if (rest.startsWith('//')) {
    const body = rest.slice(2);
    // "feed://https://…", "feed://javascript:…": a scheme inside, not a host. A host may be
    // followed by ":port" (digits), and "user:password@" is refused below, by name.
    const authority = /^[^/?#]*/.exec(body)?.[0] ?? '';
    if (/^[a-z][a-z0-9+.-]*:(?!\d+(?:[/?#]|$))/i.test(body) && !authority.includes('@')) {
      return refuse('main.link.nested');
    }
    return subscribeTo(`https://${body}`, refuse);
  }
  const inner = SCHEME.exec(rest)?.[1]?.toLowerCase();
  if (inner === 'http' || inner === 'https') return subscribeTo(rest, refuse);
  if (inner && (URL_SCHEMES as readonly string[]).includes(inner))
    return refuse('main.link.nested');
  return refuse('main.link.feedNotWeb');
}

function fromBroadsheetLink(text: string, refuse: Refuse): DeepLink {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('main.link.malformed');
  }
  // broadsheet://subscribe?url=… (host "subscribe"); broadsheet:subscribe?url=… is the same ask.
  const action = (url.host || url.pathname).replace(/^\/+|\/+$/g, '').toLowerCase();
  if (action !== 'subscribe') return refuse('main.link.notSubscribe');
  const addresses = url.searchParams.getAll('url');
  if (addresses.length !== 1) return refuse('main.link.oneAddress');
  const address = addresses[0]!;
  if (CONTROL.test(address)) return refuse('main.link.controls');
  const inner = SCHEME.exec(address.trim())?.[1]?.toLowerCase();
  if (inner && (URL_SCHEMES as readonly string[]).includes(inner))
    return refuse('main.link.nested');
  return subscribeTo(address, refuse);
}

function subscribeTo(address: string, refuse: Refuse): DeepLink {
  const url = parseWebUrl(address.trim());
  if (!url || !url.hostname) return refuse('main.link.notWeb');
  // A link from a web page must not carry a sign-in to whoever it names.
  if (url.username || url.password) return refuse('main.link.credentials');
  if (url.href.length > MAX_URL_LENGTH) return refuse('main.link.addressTooLong');
  return { kind: 'subscribe', url: url.href };
}

/**
 * One command-line entry (first launch, a second launch's argv, the browser host's `--open`).
 * Switches (`--flag`, Chromium's own), the executable and the app's path are not ours and give
 * undefined; an entry naming one of our schemes is parsed (and may be refused); a path ending in
 * `.opml` is a file to read. `explicit` (the host's `--open`) refuses what is not ours instead.
 */
export function linkFromArgument(arg: string, explicit = false): LinkArgument | undefined {
  if (arg.startsWith('-') && !explicit) return undefined;
  const scheme = SCHEME.exec(arg.trim())?.[1]?.toLowerCase();
  if (scheme && (URL_SCHEMES as readonly string[]).includes(scheme)) {
    return { kind: 'link', link: parseDeepLink(arg) };
  }
  if (arg.length <= MAX_LINK_CHARS && !CONTROL.test(arg)) {
    // Linux file managers may hand a file as a file: URL (the desktop entry's %U); a Windows
    // drive letter ("C:\…") is a path; any other scheme ("http:", "data:") names no file here.
    const path =
      scheme === 'file' ? localPath(arg) : !scheme || /^[a-z]:[\\/]/i.test(arg) ? arg : undefined;
    const extension = path && /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
    if (path && extension && (OPML_EXTENSIONS as readonly string[]).includes(extension)) {
      return { kind: 'opml-file', path };
    }
  }
  return explicit ? { kind: 'link', link: parseDeepLink(arg) } : undefined;
}

/** The path of a file: URL on this computer; undefined for another host's or a malformed one. */
function localPath(url: string): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

/** A refused input as the reader sees it: shortened, one line. */
function shown(input: string): string {
  const line = input.slice(0, SHOWN_CHARS).replace(new RegExp(`[${CONTROLS}]+`, 'g'), ' ');
  return input.length > SHOWN_CHARS ? `${line.slice(0, SHOWN_CHARS - 1)}…` : line;
}
