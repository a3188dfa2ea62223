/**
 * A fetch that reaches only the named hosts. The browser host runs with one in end-to-end
 * tests (BROADSHEET_ALLOW_HOSTS=127.0.0.1,localhost), so fixture feeds that link to real sites
 * can never make a test touch the internet.
 */
export function allowlistFetch(inner: typeof fetch, hosts: readonly string[]): typeof fetch {
  const allowed = new Set(hosts.map((host) => host.trim().toLowerCase()).filter(Boolean));
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (!allowed.has(host)) {
      return Promise.reject(
        Object.assign(new TypeError(`fetch failed: ${host} is not reachable from this host`), {
          cause: Object.assign(new Error(`blocked ${host}`), { code: 'ENOTFOUND', hostname: host }),
        }),
      );
    }
    return inner(input, init);
  };
}

export function hostsFromEnv(value: string | undefined): string[] | undefined {
  const hosts = value
    ?.split(',')
    .map((host) => host.trim())
    .filter(Boolean);
  return hosts && hosts.length > 0 ? hosts : undefined;
}
