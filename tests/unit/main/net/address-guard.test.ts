import { describe, expect, it } from 'vitest';
import {
  checkAddresses,
  checkHostname,
  classifyAddress,
  ownHostAllowance,
} from '@main/net/address-guard';

describe('classifyAddress', () => {
  it.each([
    // The reader's own machine and network.
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['::1', 'loopback'],
    ['fd00::1', 'uniqueLocal'],
    ['fc12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    // Cloud metadata and other link-local services.
    ['169.254.169.254', 'linkLocal'],
    // Unspecified: connecting to it reaches the local machine.
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    // Carrier-grade NAT: also what Tailscale gives the reader's own devices.
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    // IPv4 inside IPv6 is judged by the IPv4 address.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:192.168.1.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::7f00:1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
    // Not routable on the internet, or tunnels that can carry any IPv4 address.
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['192.0.2.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['2002:c0a8:101::1', '6to4'],
    ['2001:0:4136:e378::1', 'teredo'],
    ['not an address', 'invalid'],
  ])('%s is not public (%s)', (address, range) => {
    expect(classifyAddress(address)).toBe(range);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '100.128.0.1',
    '172.32.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    // DNS64 networks hand out the NAT64 form of every IPv4-only site.
    '64:ff9b::808:808',
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toBe('public');
  });
});

describe('checkHostname and checkAddresses', () => {
  it('refuses IP literals, in every form URL parsing leaves, before any lookup', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://0177.0.0.1/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00::1]/',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const refusal = checkHostname({}, new URL(url).hostname);
      expect(refusal?.message, url).toMatch(
        /^Broadsheet does not fetch addresses on your own network \(.+\) unless you add them yourself \(type the address in Add feed or Save URL\)\.$/,
      );
    }
    expect(checkHostname({}, new URL('http://2130706433/').hostname)?.message).toContain(
      '(127.0.0.1)',
    );
    expect(checkHostname({}, '93.184.216.34')).toBeUndefined();
    expect(checkHostname({}, 'example.com')).toBeUndefined();
  });

  it('refuses a name when any address it resolves to is private', () => {
    const refusal = checkAddresses({}, 'rebind.test', ['93.184.216.34', '10.0.0.1']);
    expect(refusal?.message).toContain('(rebind.test, 10.0.0.1)');
    expect(checkAddresses({}, 'ok.test', ['93.184.216.34', '2606:4700::1'])).toBeUndefined();
  });

  it('lets the typed host alone reach the reader’s network', () => {
    const policy = { privateHosts: ['nas.test'] };
    expect(checkAddresses(policy, 'nas.test', ['192.168.1.5'])).toBeUndefined();
    expect(checkAddresses(policy, 'NAS.test', ['192.168.1.5'])).toBeUndefined();
    expect(checkAddresses(policy, 'router.test', ['192.168.1.1'])).toBeDefined();
    expect(checkHostname(policy, '192.168.1.1')).toBeDefined();
    expect(checkHostname({ privateHosts: ['[::1]'] }, '::1')).toBeUndefined();
  });

  it('asks the injected refusal first, with its own reason', () => {
    const policy = {
      privateHosts: ['tracker.test'],
      refuseHost: (host: string) => (host === 'tracker.test' ? 'tracker.test tracks' : undefined),
    };
    expect(checkHostname(policy, 'tracker.test')?.message).toBe('tracker.test tracks');
    expect(checkHostname(policy, 'news.test')).toBeUndefined();
  });

  it('keeps an allowance only for the URL’s own host', () => {
    expect(ownHostAllowance('http://nas.test:8080/feed', 'nas.test')).toBe('nas.test');
    expect(ownHostAllowance('http://[::1]/feed', '[::1]')).toBe('::1');
    expect(ownHostAllowance('http://other.test/feed', 'nas.test')).toBeUndefined();
    expect(ownHostAllowance('http://nas.test/feed', undefined)).toBeUndefined();
  });
});
