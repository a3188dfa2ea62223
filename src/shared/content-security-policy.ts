/**
 * The renderer's Content-Security-Policy, used by the Electron shell (response header and
 * the built page's meta tag) and by the browser host. No inline or remote script, ever.
 */
export interface CspOptions {
  /** Extra origins the page may connect to, e.g. the Vite dev server's websocket in development. */
  connectSources?: string[];
  /** Development only: Vite injects its client and React refresh preamble as inline code. */
  allowDevServer?: boolean;
  /** Only effective as a response header (browsers ignore it in a meta tag). */
  frameAncestors?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connectSources ?? [])];
  const script = options.allowDevServer ? ["'self'", "'unsafe-inline'"] : ["'self'"];
  const style = options.allowDevServer ? ["'self'", "'unsafe-inline'"] : ["'self'"];
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', script],
    ['style-src', style],
    // Article images come only from the offline store (blob:): the page itself never contacts
    // a publisher or a tracker, online or not.
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['media-src', ["'self'", 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', connect],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['object-src', ["'none'"]],
  ];
  if (options.frameAncestors) directives.push(['frame-ancestors', ["'none'"]]);
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
