import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinkIntake } from '@main/desktop/link-intake';
import { createLinkQueue } from '@main/desktop/link-queue';

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-link-intake-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const OPML = '<opml version="2.0"><body><outline xmlUrl="https://example.com/f"/></body></opml>';
writeFileSync(join(dir, 'list.opml'), OPML);

function setUp() {
  let nudges = 0;
  const queue = createLinkQueue(() => nudges++);
  return { queue, intake: createLinkIntake(queue, nodeFs), nudges: () => nudges };
}

describe('links and files reaching main', () => {
  it('takes from a command line only what is ours, in order, files read from its folder', async () => {
    const { queue, intake, nudges } = setUp();
    await intake.argv(
      [
        '--original-process-start-time=1',
        '/opt/Broadsheet/resources/app.asar',
        'feed://example.com/rss',
        'list.opml',
        'feed:javascript:alert(1)',
      ],
      dir,
    );
    expect(queue.take()).toEqual([
      { kind: 'subscribe', url: 'https://example.com/rss' },
      { kind: 'opml', name: 'list.opml', text: OPML },
      {
        kind: 'refused',
        input: 'feed:javascript:alert(1)',
        reason: 'A feed: link must hold a web address (http or https).',
        text: { id: 'main.link.feedNotWeb' },
      },
    ]);
    expect(nudges()).toBe(3);
  });

  it('takes macOS links and files, refusing a file that is no OPML', async () => {
    const { queue, intake } = setUp();
    intake.url('broadsheet://subscribe?url=https%3A%2F%2Fexample.com%2Fatom');
    intake.url('javascript:alert(1)');
    await intake.file(join(dir, 'list.opml'));
    await intake.file(join(dir, 'notes.txt'));
    expect(queue.take()).toEqual([
      { kind: 'subscribe', url: 'https://example.com/atom' },
      {
        kind: 'refused',
        input: 'javascript:alert(1)',
        reason: 'Broadsheet opens only feed: and broadsheet: links and OPML files.',
        text: { id: 'main.link.otherScheme' },
      },
      { kind: 'opml', name: 'list.opml', text: OPML },
      {
        kind: 'refused',
        input: 'notes.txt',
        reason: 'Broadsheet opens OPML files (.opml) only.',
        text: { id: 'main.link.opmlOnly' },
      },
    ]);
  });

  it('refuses what the reader named on purpose but Broadsheet cannot open', async () => {
    const { queue, intake } = setUp();
    await intake.open('https://example.com/feed', dir);
    await intake.open('missing.opml', dir);
    expect(queue.take()).toEqual([
      {
        kind: 'refused',
        input: 'https://example.com/feed',
        reason: 'Broadsheet opens only feed: and broadsheet: links and OPML files.',
        text: { id: 'main.link.otherScheme' },
      },
      {
        kind: 'refused',
        input: 'missing.opml',
        reason: 'The file does not exist (any more).',
        text: { id: 'main.link.fileGone' },
      },
    ]);
  });
});
