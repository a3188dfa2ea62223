import { timingSafeEqual } from 'node:crypto';

/**
 * The browser host listens on loopback, where any web page the user visits and any local
 * program can reach it. These checks make it answer only to the page it served.
 */
export interface GuardConfig {
  port: number;
  token: string;
}

/** Host must name loopback on our port: defeats DNS rebinding (evil.example → 127.0.0.1). */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  return allowed.includes(hostHeader.toLowerCase());
}

/** A browser always sends Origin on cross-origin and POST requests; it must be our own. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const allowed = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
  return allowed.includes(origin.toLowerCase());
}

export function tokenMatches(presented: string | undefined | null, token: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}
