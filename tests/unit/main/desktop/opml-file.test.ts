import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readOpmlFile, type OpmlFileSystem } from '@main/desktop/opml-file';
import { MAX_OPML_TEXT_CHARS } from '@shared/opml-tree-bounds';

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-opml-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const OPML = `<?xml version="1.0"?><opml version="2.0"><body>
  <outline text="Café" xmlUrl="https://example.com/feed.xml"/></body></opml>`;

describe('an OPML file opened with Broadsheet', () => {
  it('reads its text (UTF-8, byte-order mark dropped) under its own name', async () => {
    const path = join(dir, 'My subscriptions.opml');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(OPML)]));
    expect(await readOpmlFile(path, nodeFs)).toEqual({
      kind: 'opml',
      name: 'My subscriptions.opml',
      text: OPML,
    });
  });

  it('refuses a file over the cap without reading it, and one that grows past it', async () => {
    const path = join(dir, 'huge.opml');
    writeFileSync(path, Buffer.alloc(MAX_OPML_TEXT_CHARS + 1, 0x20));
    let opened = false;
    const watched: OpmlFileSystem = {
      stat: (p) => nodeFs.stat(p),
      open: async (p, flags) => ((opened = true), nodeFs.open(p, flags)),
    };
    expect(await readOpmlFile(path, watched)).toEqual({
      kind: 'refused',
      input: 'huge.opml',
      reason: 'An OPML file may be at most 10 MB.',
      text: { id: 'main.link.opmlTooLarge', values: { megabytes: 10 } },
    });
    expect(opened).toBe(false);

    // The size said small, the file held more by the time it was read: still never more than
    // the cap plus one byte is read.
    let asked = 0;
    const growing: OpmlFileSystem = {
      stat: async () => ({ isFile: () => true, size: 10 }),
      open: async (p, flags) => {
        const handle = await nodeFs.open(p, flags);
        return {
          read: async (buffer, offset, length, position) => {
            asked += length;
            return handle.read(buffer, offset, length, position);
          },
          close: () => handle.close(),
        };
      },
    };
    expect(await readOpmlFile(path, growing)).toMatchObject({
      kind: 'refused',
      reason: 'An OPML file may be at most 10 MB.',
      text: { id: 'main.link.opmlTooLarge', values: { megabytes: 10 } },
    });
    expect(asked).toBe(MAX_OPML_TEXT_CHARS + 1);
  });

  it('says why when it is missing or not a file', async () => {
    expect(await readOpmlFile(join(dir, 'gone.opml'), nodeFs)).toEqual({
      kind: 'refused',
      input: 'gone.opml',
      reason: 'The file does not exist (any more).',
      text: { id: 'main.link.fileGone' },
    });
    const folder = join(dir, 'folder.opml');
    mkdirSync(folder);
    expect(await readOpmlFile(folder, nodeFs)).toEqual({
      kind: 'refused',
      input: 'folder.opml',
      reason: 'It is not a file Broadsheet can import.',
      text: { id: 'main.link.notAFile' },
    });
  });
});
