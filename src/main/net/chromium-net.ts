/**
 * Chromium's network stack (Electron's net) in the words the domain reads. Its failures are
 * plain Errors whose message is a net error name ("net::ERR_NAME_NOT_RESOLVED"); the domain's
 * messages (http-get.ts networkError, the image downloader) and the resend of a cut-off GET
 * (resend-get.ts) read Node's error codes. So each Chromium failure carries the Node code that
 * means the same, and the same thing goes wrong in the same words on both fetches.
 */
import type { ResolvedAddress } from './guarded-fetch';

const NODE_CODES: Record<string, string> = {
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_NAME_RESOLUTION_FAILED: 'EAI_AGAIN',
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_CONNECTION_RESET: 'ECONNRESET',
  ERR_CONNECTION_CLOSED: 'ECONNRESET',
  ERR_EMPTY_RESPONSE: 'ECONNRESET',
  ERR_CONNECTION_ABORTED: 'ECONNRESET',
  ERR_INTERNET_DISCONNECTED: 'ENETUNREACH',
  ERR_NETWORK_UNREACHABLE: 'ENETUNREACH',
  ERR_ADDRESS_UNREACHABLE: 'EHOSTUNREACH',
  ERR_CONNECTION_TIMED_OUT: 'ETIMEDOUT',
  ERR_TIMED_OUT: 'ETIMEDOUT',
};

/**
 * The code for a Chromium failure: Node's equivalent when there is one, else the net error's
 * own name (ERR_CERT_DATE_INVALID, ERR_PROXY_CONNECTION_FAILED…), which messages then show.
 */
export function chromiumErrorCode(message: string): string | undefined {
  const name = /\b(ERR_[A-Z0-9_]+)\b/.exec(message)?.[1];
  if (!name) return undefined;
  return NODE_CODES[name] ?? name;
}

/** A Chromium failure carrying its code (the same Error, so its message and stack stay). */
export function withChromiumCode(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const failure = error instanceof Error ? error : new Error(message);
  const code = chromiumErrorCode(message);
  if (code && !('code' in failure)) Object.assign(failure, { code });
  return failure;
}

/** A Chromium failure as fetch reports one: a TypeError whose cause carries the code. */
export function chromiumFetchError(error: unknown): TypeError {
  return new TypeError('fetch failed', { cause: withChromiumCode(error) });
}

/**
 * Whether Chromium sends a request straight to the server, from session.resolveProxy's answer
 * ("DIRECT", or PAC style "PROXY host:port; DIRECT"): only the first entry is tried first, so a
 * proxy listed first means the proxy resolves the name.
 */
export function goesThroughProxy(proxyList: string): boolean {
  const first = proxyList.split(';')[0]?.trim().toUpperCase() ?? '';
  return first !== '' && first !== 'DIRECT';
}

/** session.resolveHost's endpoints as the guards' resolver gives addresses. */
export function resolvedAddresses(
  endpoints: readonly { address: string; family: string }[],
): ResolvedAddress[] {
  return endpoints.map((endpoint) => ({
    address: endpoint.address,
    family: endpoint.family === 'ipv6' || endpoint.address.includes(':') ? 6 : 4,
  }));
}
