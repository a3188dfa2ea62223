/**
 * Node's fetch with no guard of its own, finding names as a test resolver says (every *.test
 * name on the loopback server, say). It plays Chromium's network under the desktop app's hop
 * guard, which checks each hop before it sends.
 */
import { Agent, fetch as undiciFetch } from 'undici';
import type { Resolver } from '@main/net/guarded-fetch';

export function resolvingFetch(resolve: Resolver): {
  fetch: typeof fetch;
  close: () => Promise<void>;
} {
  const agent = new Agent({
    connect: {
      lookup: (hostname, options, callback) => {
        resolve(hostname).then(
          (found) =>
            options.all
              ? callback(null, found as never, 0)
              : callback(null, found[0]?.address ?? '', found[0]?.family ?? 4),
          (error: NodeJS.ErrnoException) => callback(error, '', 0),
        );
      },
    },
  });
  return {
    // The init is the standard one; undici's types name the same fields differently.
    fetch: ((input: string, init?: RequestInit) =>
      undiciFetch(input, { ...(init as object), dispatcher: agent } as Parameters<
        typeof undiciFetch
      >[1])) as unknown as typeof fetch,
    close: () => agent.close(),
  };
}
