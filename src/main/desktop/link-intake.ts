import { isAbsolute, resolve } from 'node:path';
import { linkFromArgument, parseDeepLink, refusedLink, type LinkArgument } from './deep-link';
import type { LinkQueue } from './link-queue';
import { fileName, readOpmlFile, type OpmlFileSystem } from './opml-file';

export interface LinkIntake {
  /** A launch's command line (the first one, or a second launch's): only what is ours counts. */
  argv(argv: readonly string[], workingDirectory: string): Promise<void>;
  /** A link the system delivered as such (macOS `open-url`). */
  url(url: string): void;
  /** A file the system asked us to open (macOS `open-file`). */
  file(path: string): Promise<void>;
  /** What the reader named on purpose (the browser host's `--open`): unknown input is refused. */
  open(input: string, workingDirectory: string): Promise<void>;
}

/**
 * Every way a link or file reaches main ends in the renderer's queue as a DeepLink: parsed and
 * checked here, files read here (the page cannot read the reader's disk), refusals kept so the
 * reader is told. Relative paths are the launching command's, so a second launch's own working
 * folder is used, not ours.
 */
export function createLinkIntake(queue: LinkQueue, fs: OpmlFileSystem): LinkIntake {
  const take = async (found: LinkArgument, workingDirectory: string): Promise<void> => {
    if (found.kind === 'link') return queue.push(found.link);
    const path = isAbsolute(found.path) ? found.path : resolve(workingDirectory, found.path);
    queue.push(await readOpmlFile(path, fs));
  };
  return {
    async argv(argv, workingDirectory) {
      // In order, one at a time: two files opened together arrive as they were named.
      for (const arg of argv) {
        const found = linkFromArgument(arg);
        if (found) await take(found, workingDirectory);
      }
    },
    url(url) {
      queue.push(parseDeepLink(url));
    },
    async file(path) {
      const found = linkFromArgument(path);
      if (found?.kind === 'opml-file') return take(found, '/');
      // The system offers us only .opml files (the package's file association); anything else
      // was not meant for us, but the reader asked, so say so.
      queue.push(refusedLink(fileName(path), 'main.link.opmlOnly'));
    },
    async open(input, workingDirectory) {
      const found = linkFromArgument(input, true);
      if (found) await take(found, workingDirectory);
    },
  };
}
