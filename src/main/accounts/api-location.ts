/**
 * Where the Reader API may live, from the address the reader typed: people paste the web
 * address of their server, the API address from its settings page, or something in between.
 * Each candidate is an `apiUrl` (what `/accounts/ClientLogin` and `/reader/api/0/…` hang off),
 * most likely first; sign-in tries them in order until one answers as a Reader API.
 *
 * FreshRSS serves the API at `<root>/api/greader.php`, where root is its `p/` folder — which
 * a default install exposes as `/p/` under the web root. Miniflux, The Old Reader, BazQux and
 * Inoreader serve it at the server root (or Miniflux's BASE_PATH).
 */
import type { AccountService } from '../../shared/account-model';

/** A pasted API route, cut back to the API's base. */
const API_ROUTE = /\/(?:reader\/api\/0|accounts\/ClientLogin)(?:\/.*)?$/i;

export function apiLocations(service: AccountService, serverUrl: string): string[] {
  const url = new URL(serverUrl);
  url.hash = '';
  url.search = '';
  const base = `${url.origin}${url.pathname.replace(API_ROUTE, '').replace(/\/+$/, '')}`;
  // The reader gave the exact API address: nothing to guess.
  if (/\/greader\.php$/i.test(base)) return [base];
  const freshrss = /\/api$/i.test(base)
    ? [`${base}/greader.php`]
    : [`${base}/api/greader.php`, `${base}/p/api/greader.php`];
  const candidates =
    service === 'freshrss' ? freshrss : service === 'miniflux' ? [base] : [base, ...freshrss];
  return [...new Set(candidates)];
}
