/**
 * Which network addresses Broadsheet may connect to on its own. A feed, a page or an image
 * address comes from a stranger on the internet; left alone it could make the app request the
 * reader's router, NAS or local development servers (all of which trust whoever is "inside").
 * So every connection goes to a public unicast address only, unless the reader typed that very
 * host themselves (a subscription, Save URL) — see guarded-fetch.ts for where this is enforced.
 *
 * The address classes come from ipaddr.js, not from ranges written here: it knows loopback,
 * RFC 1918, link-local (169.254/16, the cloud metadata address), unique-local (fc00::/7),
 * unspecified, carrier-grade NAT, multicast, reserved and documentation ranges, and keeps up.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { englishText } from '../../shared/main-text';
import type { MainText } from '../../shared/result';
import { findInCauses } from './error-code';

/** 'public', or the ipaddr.js name of the range that makes an address off limits. */
export type AddressClass = 'public' | string;

const WELL_KNOWN_NAT64 = ipaddr.parseCIDR('64:ff9b::/96');
/** Deprecated IPv4-compatible form (::a.b.c.d); ipaddr.js calls it unicast, we unwrap it. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Classifies an IP address as text (no brackets). Only ipaddr.js's plain `unicast` counts as
 * public. Forms that carry an IPv4 address inside IPv6 are judged by that IPv4 address: mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and the well-known NAT64 prefix
 * (64:ff9b::a.b.c.d, which DNS64 networks hand out for every IPv4-only site). Anything that is
 * not an address at all is refused as 'invalid'.
 */
export function classifyAddress(address: string): AddressClass {
  if (!ipaddr.isValid(address)) return 'invalid';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const embedded =
      v6.isIPv4MappedAddress() ||
      v6.match(WELL_KNOWN_NAT64) ||
      (v6.match(IPV4_COMPATIBLE) && !isUnspecifiedOrLoopback(v6));
    if (embedded) parsed = lastIpv4(v6);
  }
  const range = parsed.range();
  return range === 'unicast' ? 'public' : range;
}

function isUnspecifiedOrLoopback(address: ipaddr.IPv6): boolean {
  const range = address.range();
  return range === 'unspecified' || range === 'loopback';
}

function lastIpv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = address.toByteArray().slice(12);
  return new ipaddr.IPv4(bytes);
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'public';
}

/** A URL's hostname as the connection sees it: lower case, IPv6 brackets removed. */
export function bareHostname(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** True for a hostname that is an IP literal (after WHATWG URL parsing, which turns decimal,
 * octal and hex IPv4 forms such as http://2130706433/ into dotted quads). */
export function isIpLiteral(hostname: string): boolean {
  return isIP(bareHostname(hostname)) !== 0;
}

/** Who decides what, per request: the reader's own hosts and any other refusals. */
export interface AddressPolicy {
  /**
   * Hostnames (as URL.hostname gives them) whose private addresses may be reached because the
   * reader typed them. Exact match only: another host, even on the same network, is refused.
   */
  privateHosts?: readonly string[];
  /**
   * Another refusal by hostname (a tracker list, say), asked for every connection before it is
   * made. Returns the reason to refuse (one of main's messages, or English only), or undefined
   * to let it through.
   */
  refuseHost?: (hostname: string) => MainText | string | undefined;
}

/** A connection Broadsheet would not make. The message (and text) are written for the reader. */
export class RefusedAddressError extends Error {
  readonly code = 'EBROADSHEETREFUSED';
  /** The message as one of main's, for the reader in their language. */
  readonly text: MainText;
  constructor(
    readonly hostname: string,
    reason: MainText | string,
  ) {
    const text: MainText =
      typeof reason === 'string'
        ? { id: 'main.error.untranslated', values: { message: reason } }
        : reason;
    super(englishText(text.id, text.values));
    this.name = 'RefusedAddressError';
    this.text = text;
  }
}

export function privateAddressRefusal(hostname: string, address: string): RefusedAddressError {
  const shown = bareHostname(hostname) === address ? address : `${hostname}, ${address}`;
  return new RefusedAddressError(hostname, {
    id: 'main.net.privateAddress',
    values: { address: shown },
  });
}

/** Whether the policy lets this hostname reach non-public addresses. */
export function allowsPrivate(policy: AddressPolicy, hostname: string): boolean {
  const host = bareHostname(hostname);
  return (policy.privateHosts ?? []).some((allowed) => bareHostname(allowed) === host);
}

/**
 * Checks the resolved addresses of one connection: every one must be public, unless the
 * hostname is one the reader typed. Returns the refusal, or undefined when all may be used.
 */
export function checkAddresses(
  policy: AddressPolicy,
  hostname: string,
  addresses: readonly string[],
): RefusedAddressError | undefined {
  if (allowsPrivate(policy, hostname)) return undefined;
  const refused = addresses.find((address) => !isPublicAddress(address));
  return refused === undefined ? undefined : privateAddressRefusal(hostname, refused);
}

/** The hostname-only checks, before any lookup: the other refusals, then IP literals. */
export function checkHostname(
  policy: AddressPolicy,
  hostname: string,
): RefusedAddressError | undefined {
  const reason = policy.refuseHost?.(bareHostname(hostname));
  if (reason) return new RefusedAddressError(hostname, reason);
  return isIpLiteral(hostname)
    ? checkAddresses(policy, hostname, [bareHostname(hostname)])
    : undefined;
}

/** The refusal behind a failed fetch (fetch wraps connection errors in `cause`), if any. */
export function refusalIn(error: unknown): RefusedAddressError | undefined {
  return findInCauses(error, (node) => (node instanceof RefusedAddressError ? node : undefined));
}

/**
 * The allowance a request carries, kept only when it names the request URL's own host: the
 * reader typed that address, so it alone may be on their network. Anything else is dropped.
 */
export function ownHostAllowance(
  url: string,
  allowPrivateHost: string | undefined,
): string | undefined {
  if (!allowPrivateHost) return undefined;
  try {
    const host = bareHostname(new URL(url).hostname);
    return host === bareHostname(allowPrivateHost) ? host : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a hostname is, or resolves to, an address on the reader's own network (a name that
 * does not resolve is not). Both guards answer `isPrivateHost` with this, each with its resolver.
 */
export async function resolvesToPrivate(
  hostname: string,
  resolve: (hostname: string) => Promise<readonly { address: string }[]>,
): Promise<boolean> {
  const host = bareHostname(hostname);
  if (isIpLiteral(host)) return !isPublicAddress(host);
  const addresses = await resolve(host).catch(() => []);
  return addresses.some((entry) => !isPublicAddress(entry.address));
}
