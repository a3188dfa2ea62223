/**
 * The address guard over a fetch we cannot reach inside: the desktop app's, which is Chromium's
 * network stack (Electron's net), so the system proxy, PAC files and the OS certificate store
 * apply. Chromium makes its own connections, so the guard cannot check them where undici's
 * guard does (guarded-fetch.ts, at the socket). Instead it checks every hop before sending it:
 * the hostname (trackers, IP literals) and every address the name resolves to, through the
 * same resolver the connection will use. Redirects are therefore never left to the inner fetch:
 * it is always asked with `redirect: 'manual'`, and a caller that wants them followed gets them
 * followed here, each hop checked.
 *
 * What this cannot promise that the undici guard does: the connection is made after the check,
 * by a second lookup we do not control (see SECURITY.md, "DNS rebinding"); and behind a proxy the
 * proxy resolves the name, so a name the reader's computer cannot resolve is let through to it.
 */
import {
  bareHostname,
  checkAddresses,
  checkHostname,
  isIpLiteral,
  resolvesToPrivate,
  type AddressPolicy,
} from './address-guard';
import type { NetGuard, NetGuardOptions, Resolver } from './guarded-fetch';
import { sendIdempotent } from './resend-get';

export interface HopGuardOptions extends Omit<NetGuardOptions, 'resolve'> {
  /** Sends one request and returns its answer; a 3xx must come back as it is (not followed). */
  fetch: typeof globalThis.fetch;
  resolve: Resolver;
  /**
   * Whether a request to this URL goes through a proxy. The proxy resolves the name then, and a
   * network that only lets the proxy reach the internet may not resolve it locally at all.
   */
  viaProxy?: (url: string) => Promise<boolean>;
  /** For callers that asked fetch to follow redirects; fetch's own limit by default. */
  maxRedirects?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const FETCH_MAX_REDIRECTS = 20;

export function createHopGuard(options: HopGuardOptions): NetGuard {
  const { resolve } = options;
  const maxRedirects = options.maxRedirects ?? FETCH_MAX_REDIRECTS;

  /** Throws, as fetch does for a refused connection, when this hop may not be sent. */
  const checkHop = async (policy: AddressPolicy, url: URL, signal: AbortSignal | undefined) => {
    const refused = checkHostname(policy, url.hostname);
    if (refused) throw failed(refused);
    const host = bareHostname(url.hostname);
    if (isIpLiteral(host)) return;
    let addresses: string[];
    try {
      addresses = (await whileNotAborted(resolve(host), signal)).map((entry) => entry.address);
      if (addresses.length === 0) throw notFound(host);
    } catch (error) {
      if (signal?.aborted) throw error;
      // The proxy resolves the name; what we can check here is the name itself, done above.
      const proxied = await (options.viaProxy?.(url.href) ?? Promise.resolve(false)).catch(
        () => false,
      );
      if (proxied) return;
      throw failed(error);
    }
    const refusal = checkAddresses(policy, host, addresses);
    if (refusal) throw failed(refusal);
  };

  return {
    fetchFor(allowPrivateHost) {
      const key = allowPrivateHost ? bareHostname(allowPrivateHost) : '';
      const policy: AddressPolicy = {
        privateHosts: [...(options.privateHosts ?? []), ...(key ? [key] : [])],
        refuseHost: options.refuseHost,
      };
      return (async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => {
        const mode = init?.redirect ?? 'follow';
        const signal = init?.signal ?? undefined;
        let url = new URL(input instanceof Request ? input.url : String(input));
        let method = (init?.method ?? 'GET').toUpperCase();
        let body = init?.body;
        let headers = new Headers(init?.headers);
        for (let redirects = 0; ; redirects += 1) {
          await checkHop(policy, url, signal);
          const hop: RequestInit = {
            ...init,
            method,
            body,
            headers,
            redirect: 'manual',
            // Nothing of a session travels with our requests, and Chromium's HTTP cache never
            // answers in the server's place (a conditional GET must reach the server).
            credentials: 'omit',
            cache: 'no-store',
          };
          const target = url.href;
          const send = () => options.fetch(target, hop);
          const response =
            method === 'GET' || method === 'HEAD'
              ? await sendIdempotent(send, signal)
              : await send();
          const location = response.headers.get('location');
          if (mode === 'manual' || !REDIRECTS.has(response.status) || location === null) {
            return response;
          }
          await response.body?.cancel().catch(() => undefined);
          if (mode === 'error') throw failed(new Error(`${url.host} redirected the request`));
          if (redirects >= maxRedirects) throw failed(new Error('redirect count exceeded'));
          const next = new URL(location, url);
          if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw failed(new Error(`redirected to a non-web address (${next.protocol})`));
          }
          // As fetch does: a 303, and a POST met by 301 or 302, continue as a GET without body.
          if (
            (response.status === 303 && method !== 'GET' && method !== 'HEAD') ||
            ((response.status === 301 || response.status === 302) && method === 'POST')
          ) {
            method = 'GET';
            body = undefined;
            headers = withoutBodyHeaders(headers);
          }
          url = next;
        }
      }) as typeof globalThis.fetch;
    },
    isPrivateHost: (hostname) => resolvesToPrivate(hostname, resolve),
    async close() {},
  };
}

/** As fetch reports a request that could not be made: a TypeError with the reason as cause. */
function failed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

function notFound(hostname: string): Error {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    hostname,
  });
}

function withoutBodyHeaders(headers: Headers): Headers {
  const kept = new Headers(headers);
  for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language']) {
    kept.delete(name);
  }
  return kept;
}

/** A lookup the caller may stop waiting for (a timeout, a cancelled refresh). */
function whileNotAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
