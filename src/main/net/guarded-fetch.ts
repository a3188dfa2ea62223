/**
 * The fetch every main-process request goes through: undici's own fetch on an undici Agent
 * whose connector checks each connection before it is made (address-guard.ts decides).
 *
 * Checking at the connection, not the URL, is what makes it hold: every redirect hop, whether
 * followed by hand or by fetch, opens its own connection here; a name is checked against every
 * address it resolves to and the socket can only connect to those checked addresses (no second
 * lookup a rebinding DNS server could answer differently). IP literals never reach a lookup
 * (Node's net skips it for them), so the connector checks them itself.
 *
 * undici's fetch is used with undici's Agent on purpose: Node's bundled fetch carries its own
 * copy of undici, and handing it a dispatcher from the npm package is not reliable.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import {
  checkAddresses,
  checkHostname,
  bareHostname,
  resolvesToPrivate,
  type AddressPolicy,
} from './address-guard';
import { sendIdempotent } from './resend-get';

export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** A name to every address it has. Tests pass their own to play an internet host. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface NetGuardOptions {
  /**
   * Hosts whose private addresses are always allowed. Only the browser host sets this, from
   * BROADSHEET_ALLOW_PRIVATE_HOSTS, so end-to-end tests can use their loopback fixture server;
   * the app itself has none.
   */
  privateHosts?: readonly string[];
  /** Another refusal by hostname (trackers), asked before every connection. */
  refuseHost?: AddressPolicy['refuseHost'];
  resolve?: Resolver;
}

export interface NetGuard {
  /**
   * A fetch for one request. `allowPrivateHost` is a host the reader typed themselves: it alone
   * may be on their own network; every other host, redirects included, must be public.
   */
  fetchFor(allowPrivateHost?: string): typeof globalThis.fetch;
  /** Whether a hostname is, or resolves to, an address on the reader's own network. */
  isPrivateHost(hostname: string): Promise<boolean>;
  close(): Promise<void>;
}

const systemResolver: Resolver = (hostname) =>
  dnsLookup(hostname, { all: true, order: 'verbatim' });

export function createNetGuard(options: NetGuardOptions = {}): NetGuard {
  const resolve = options.resolve ?? systemResolver;
  // One Agent per allowance: a pooled connection opened under one allowance is never reused
  // by a request that was not given it. The keys are hosts on the reader's own network that
  // they typed or subscribed to (the scheduler passes each feed's stored allowance): few, so
  // the map stays small; its Agents live until close().
  const agents = new Map<string, Agent>();

  const agentFor = (allowPrivateHost: string | undefined): Agent => {
    const key = allowPrivateHost ? bareHostname(allowPrivateHost) : '';
    let agent = agents.get(key);
    if (!agent) {
      const policy: AddressPolicy = {
        privateHosts: [...(options.privateHosts ?? []), ...(key ? [key] : [])],
        refuseHost: options.refuseHost,
      };
      agent = new Agent({ connect: guardedConnector(policy, resolve) });
      agents.set(key, agent);
    }
    return agent;
  };

  return {
    fetchFor(allowPrivateHost) {
      const dispatcher = agentFor(allowPrivateHost);
      return ((input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => {
        const send = () =>
          undiciFetch(
            input instanceof Request ? input.url : String(input),
            // The init is the standard one; undici's types name the same fields differently.
            { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1],
          ) as unknown as Promise<Response>;
        const method = (init?.method ?? 'GET').toUpperCase();
        return method === 'GET' || method === 'HEAD' ? sendIdempotent(send, init?.signal) : send();
      }) as typeof globalThis.fetch;
    },
    isPrivateHost: (hostname) => resolvesToPrivate(hostname, resolve),
    async close() {
      await Promise.all([...agents.values()].map((agent) => agent.close()));
      agents.clear();
    },
  };
}

/** undici's own connector, with every hostname and every resolved address checked first. */
export function guardedConnector(
  policy: AddressPolicy,
  resolve: Resolver,
): buildConnector.connector {
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (found) => {
        const family = lookupOptions.family === 4 || lookupOptions.family === 6;
        const addresses = family ? found.filter((a) => a.family === lookupOptions.family) : found;
        const refusal = checkAddresses(
          policy,
          hostname,
          found.map((entry) => entry.address),
        );
        if (refusal) return callback(refusal, '', 0);
        const first = addresses[0];
        if (!first) {
          const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
            code: 'ENOTFOUND',
            hostname,
          });
          return callback(error, '', 0);
        }
        // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily).
        if (lookupOptions.all) return callback(null, addresses as never, 0);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
  const connect = buildConnector({ lookup });
  return (connectOptions, callback) => {
    const refusal = checkHostname(policy, connectOptions.hostname);
    if (refusal) return callback(refusal, null);
    connect(connectOptions, callback);
  };
}
