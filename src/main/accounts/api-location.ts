/**
 * Where a server's Reader API lives, from what a reader types. People type the address they
 * open in a browser (`https://rss.example.org`, `…/freshrss/i/`), sometimes the API's own
 * (`…/api/greader.php`, `…/reader/api/0`), sometimes no scheme at all; the candidates are tried
 * in order and the first that answers as a Reader API wins (find-api.ts).
 *
 * - FreshRSS: `/api/greader.php` under its web root; an install whose web root is the whole
 *   repository serves it under `/p/api/greader.php`.
 * - Miniflux: the server root (or its BASE_PATH): `/accounts/ClientLogin`, `/reader/api/0/…`.
 * - Others (The Old Reader, Inoreader, BazQux…): as typed, then FreshRSS's places.
 */
import type { AccountService } from '../../shared/account-model';
import { AppError } from '../../shared/result';
import { parseWebUrl } from '../../shared/web-url';

const GREADER_PHP = /^(.*?\/greader\.php)(?:\/.*)?$/i;
/** Pieces of API or web-app paths people paste along with the address. */
const API_TAILS = [/\/reader\/api\/0(?:\/.*)?$/i, /\/accounts\/clientlogin$/i];
const FRESHRSS_WEB_TAILS = [/\/i$/i, /\/index\.php$/i];

/** The typed address as a URL: https when no scheme was typed; AppError when it is no address. */
export function typedServerUrl(typed: string): URL {
  const text = typed.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  const url = parseWebUrl(withScheme);
  if (!url || !url.hostname || !text) {
    throw new AppError('invalid-params', 'main.account.notAServerAddress', { address: typed });
  }
  url.search = '';
  url.hash = '';
  url.username = '';
  url.password = '';
  return url;
}

/** The address without a trailing slash, query or fragment: how an account keeps it. */
export function normalizeServerUrl(typed: string): string {
  return trimSlashes(typedServerUrl(typed).href);
}

/** API base addresses to try, best first, each once. */
export function apiCandidates(typed: string, service: AccountService): string[] {
  const url = typedServerUrl(typed);
  const origin = url.origin;
  let path = trimSlashes(url.pathname);
  const php = GREADER_PHP.exec(path);
  // The reader typed the API itself: nothing else to guess.
  if (php) return [`${origin}${php[1]}`];
  for (const tail of API_TAILS) path = path.replace(tail, '');
  const asTyped = `${origin}${trimSlashes(path)}`;
  // FreshRSS's web pages (`/i/`) sit beside its API, not above it.
  let web = path;
  for (const tail of FRESHRSS_WEB_TAILS) web = web.replace(tail, '');
  const root = `${origin}${trimSlashes(web)}`;
  const freshrss = [`${root}/api/greader.php`, `${root}/p/api/greader.php`];
  const list =
    service === 'freshrss' ? freshrss : service === 'miniflux' ? [asTyped] : [asTyped, ...freshrss];
  return [...new Set(list)];
}

/** FreshRSS's API is the one at greader.php. */
export function isFreshRssApiUrl(apiUrl: string): boolean {
  return /\/greader\.php$/i.test(trimSlashes(apiUrl));
}

function trimSlashes(text: string): string {
  return text.replace(/\/+$/, '');
}
