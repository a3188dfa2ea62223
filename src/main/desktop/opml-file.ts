import type { DeepLink } from '../../shared/desktop-model';
import type { MainMessageId, MainValues } from '../../shared/result';
import { refusedLink } from './deep-link';
import { MAX_OPML_TEXT_CHARS } from '../../shared/opml-tree-bounds';

/** The few file operations reading an opened OPML file needs (node:fs/promises fits). */
export interface OpmlFileSystem {
  stat(path: string): Promise<{ isFile(): boolean; size: number }>;
  open(
    path: string,
    flags: 'r',
  ): Promise<{
    read(
      buffer: Uint8Array,
      offset: number,
      length: number,
      position: number,
    ): Promise<{ bytesRead: number }>;
    close(): Promise<void>;
  }>;
}

/** Longest file name shown in the import report. */
const MAX_NAME_CHARS = 255;

/**
 * An .opml file the reader opened with Broadsheet (double-click, Open with…, dropped on the
 * dock, the host's `--open`) → its text for the OPML import, or a refusal that says why. Only
 * regular files; never more than MAX_OPML_TEXT_CHARS bytes are read, even if the file grows
 * while it is read, so a huge or endless file cannot fill memory.
 */
export async function readOpmlFile(path: string, fs: OpmlFileSystem): Promise<DeepLink> {
  const name = fileName(path);
  const refuse = (id: MainMessageId, values?: MainValues) => refusedLink(name, id, values);
  try {
    // Checked before opening: opening a pipe or a device could wait forever.
    const info = await fs.stat(path);
    if (!info.isFile()) return refuse('main.link.notAFile');
    if (info.size > MAX_OPML_TEXT_CHARS) return refuse(...tooLarge());
    const handle = await fs.open(path, 'r');
    try {
      const buffer = new Uint8Array(MAX_OPML_TEXT_CHARS + 1);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled > MAX_OPML_TEXT_CHARS) return refuse(...tooLarge());
      return { kind: 'opml', name, text: new TextDecoder().decode(buffer.subarray(0, filled)) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return refuse(
      code === 'ENOENT'
        ? 'main.link.fileGone'
        : code === 'EACCES' || code === 'EPERM'
          ? 'main.link.fileForbidden'
          : 'main.link.fileUnreadable',
    );
  }
}

function tooLarge(): [MainMessageId, MainValues] {
  return ['main.link.opmlTooLarge', { megabytes: MAX_OPML_TEXT_CHARS / 1024 / 1024 }];
}

/** The file's own name, from a Windows or POSIX path, shortened and on one line for showing. */
export function fileName(path: string): string {
  // eslint-disable-next-line no-control-regex
  const name = (path.split(/[\\/]/).pop() || path).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS - 1)}…` : name;
}
