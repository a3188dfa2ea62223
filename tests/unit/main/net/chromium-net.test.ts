import { describe, expect, it } from 'vitest';
import {
  chromiumErrorCode,
  chromiumFetchError,
  goesThroughProxy,
  resolvedAddresses,
} from '@main/net/chromium-net';
import { errorCode } from '@main/net/error-code';
import { networkError } from '@main/net/http-get';

describe('Chromium’s failures in Node’s words', () => {
  it('gives each net error the Node code the domain’s messages read', () => {
    expect(chromiumErrorCode('net::ERR_NAME_NOT_RESOLVED')).toBe('ENOTFOUND');
    expect(chromiumErrorCode('net::ERR_CONNECTION_REFUSED')).toBe('ECONNREFUSED');
    expect(chromiumErrorCode('net::ERR_CONNECTION_RESET')).toBe('ECONNRESET');
    expect(chromiumErrorCode('net::ERR_EMPTY_RESPONSE')).toBe('ECONNRESET');
    expect(chromiumErrorCode('net::ERR_INTERNET_DISCONNECTED')).toBe('ENETUNREACH');
    expect(chromiumErrorCode('net::ERR_CONNECTION_TIMED_OUT')).toBe('ETIMEDOUT');
    // No Node twin: the net error's own name, which messages then show.
    expect(chromiumErrorCode('net::ERR_CERT_AUTHORITY_INVALID')).toBe('ERR_CERT_AUTHORITY_INVALID');
    expect(chromiumErrorCode('net::ERR_PROXY_CONNECTION_FAILED')).toBe(
      'ERR_PROXY_CONNECTION_FAILED',
    );
    expect(chromiumErrorCode('Redirect was cancelled')).toBeUndefined();
  });

  it('says the same thing to the reader as a failure of Node’s fetch', () => {
    const url = new URL('https://example.org/feed');
    const said = (message: string) => networkError(chromiumFetchError(new Error(message)), url);
    expect(said('net::ERR_NAME_NOT_RESOLVED')).toMatchObject({
      code: 'network',
      message: 'The server example.org could not be found. Check the address.',
    });
    expect(said('net::ERR_CONNECTION_REFUSED').message).toBe('example.org refused the connection.');
    expect(said('net::ERR_CERT_DATE_INVALID').message).toBe(
      'The secure connection to example.org failed: its certificate is not valid (ERR_CERT_DATE_INVALID).',
    );
    expect(said('net::ERR_TIMED_OUT').code).toBe('timeout');
    expect(errorCode(chromiumFetchError('net::ERR_CONNECTION_CLOSED'))).toBe('ECONNRESET');
  });
});

describe('goesThroughProxy', () => {
  it('reads session.resolveProxy’s answer: a proxy first means the proxy resolves the name', () => {
    expect(goesThroughProxy('DIRECT')).toBe(false);
    expect(goesThroughProxy(' direct ')).toBe(false);
    expect(goesThroughProxy('PROXY proxy.corp:8080')).toBe(true);
    expect(goesThroughProxy('PROXY proxy.corp:8080; DIRECT')).toBe(true);
    expect(goesThroughProxy('SOCKS5 127.0.0.1:1080')).toBe(true);
    expect(goesThroughProxy('HTTPS proxy.corp:443')).toBe(true);
    expect(goesThroughProxy('')).toBe(false);
  });
});

describe('resolvedAddresses', () => {
  it('turns session.resolveHost’s endpoints into the guards’ addresses', () => {
    expect(
      resolvedAddresses([
        { address: '93.184.216.34', family: 'ipv4' },
        { address: '2606:2800:220:1::', family: 'ipv6' },
        { address: '::1', family: 'unspec' },
      ]),
    ).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::', family: 6 },
      { address: '::1', family: 6 },
    ]);
  });
});
