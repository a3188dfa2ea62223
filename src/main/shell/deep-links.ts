import { resolve } from 'node:path';
import type { DesktopHandlers } from '../desktop/desktop-handlers';
import type { LinkIntake } from '../desktop/link-intake';
import type { LinkQueue } from '../desktop/link-queue';
import { protocolsToClaim } from '../desktop/protocol-claims';

/** What of Electron's `app` the deep links use (Electron 45's signatures). */
export interface DeepLinkApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  isDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  getApplicationNameForProtocol(url: string): string;
  on(
    event: 'open-url' | 'open-file',
    listener: (event: { preventDefault(): void }, value: string) => void,
  ): unknown;
}

export interface DeepLinkOptions {
  app: DeepLinkApp;
  intake: LinkIntake;
  /**
   * `process.defaultApp`: run as `electron <app path>` (development). The system must then
   * start the Electron executable with our app's path, or it would open Electron's default app.
   */
  defaultApp: boolean;
  execPath: string;
  /** This launch's command line (`process.argv`) and working folder. */
  argv: readonly string[];
  cwd: string;
  /**
   * Brings the window to the front (making one if none is open) when macOS hands us a link or
   * file: the reader clicked it and expects to see Broadsheet. A second launch's own handler
   * does this on Windows and Linux.
   */
  reveal?: () => void;
}

export interface DeepLinks {
  /** Registers our URL schemes with the system (protocolsToClaim); call once `ready`. */
  claimProtocols(): void;
  /** A second launch's argv (Windows, Linux): the link or file it was started with. */
  secondInstance(argv: readonly string[], workingDirectory: string): void;
}

/**
 * The desktop app's ways in for links and files. Call it at once when main starts, before
 * `ready`: macOS delivers the link or file that launched the app as `open-url` / `open-file`,
 * possibly before `ready`, and a late listener misses it. Windows and Linux put it on the
 * command line instead: this launch's argv, or a second launch's, forwarded by the single
 * instance lock. Everything lands in the link queue; the window takes it when it is ready.
 */
export function startDeepLinks(options: DeepLinkOptions): DeepLinks {
  const { app, intake } = options;
  app.on('open-url', (event, url) => {
    event.preventDefault();
    intake.url(url);
    options.reveal?.();
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void intake.file(path);
    options.reveal?.();
  });
  // argv[0] is the executable, then (in development) the app's path: neither is a link.
  void intake.argv(options.argv.slice(1), options.cwd);
  return {
    claimProtocols() {
      // In development the registration must name the executable and our app's folder.
      const launch: [string?, string[]?] =
        options.defaultApp && options.argv[1]
          ? [options.execPath, [resolve(options.cwd, options.argv[1])]]
          : [];
      const claims = protocolsToClaim({
        isOurs: (scheme) => app.isDefaultProtocolClient(scheme, ...launch),
        handler: (scheme) => app.getApplicationNameForProtocol(`${scheme}://`),
      });
      for (const scheme of claims) app.setAsDefaultProtocolClient(scheme, ...launch);
    },
    secondInstance(argv, workingDirectory) {
      void intake.argv(argv.slice(1), workingDirectory);
    },
  };
}

/** The desktop app's `desktop.takeLinks`: what waits in the queue, handed over once. */
export function deepLinkHandlers(queue: LinkQueue): Pick<DesktopHandlers, 'desktop.takeLinks'> {
  return { 'desktop.takeLinks': async () => ({ links: queue.take() }) };
}
