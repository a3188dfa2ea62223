import { describe, expect, it } from 'vitest';
import type { IndexDocument } from '@search-engine/core/document';
import { buildRanges, type RebuildTarget } from '@search-engine/core/rebuild';
import { emptyMeta } from '@search-engine/core/storage';
import { article } from './helpers';

const docs: IndexDocument[] = Array.from({ length: 12 }, (_, i) =>
  article(`a${i}`, { title: `harbour report ${i}`, body: `storm day${i}` }),
);

/**
 * A rebuild target whose commits wait until the test lets each go (or fails it), logging what
 * happened in order: batches pulled from the source, commits started and finished.
 */
function heldTarget(log: string[]) {
  const meta = { ...emptyMeta(), rebuilding: true };
  const held: { release: () => void; fail: (error: Error) => void }[] = [];
  const target: RebuildTarget = {
    meta: () => meta,
    registerDoc: () => undefined,
    stage: (file) => file,
    commit(change) {
      const n = held.length + 1;
      log.push(`commit ${n} (${change.putSegments?.length ?? 0} segment)`);
      return new Promise<void>((resolve, reject) => {
        held.push({
          release: () => {
            log.push(`committed ${n}`);
            resolve();
          },
          fail: reject,
        });
      });
    },
  };
  return { target, held };
}

async function* source(log: string[]) {
  for (let at = 0; at < docs.length; at += 4) {
    log.push(`batch ${at / 4 + 1}`);
    yield docs.slice(at, at + 4);
  }
}

/** A rebuild of the twelve documents in segments of four, against a held target. */
function startRebuild() {
  const log: string[] = [];
  const { target, held } = heldTarget(log);
  const done = buildRanges(target, source(log), undefined, {
    segmentDocs: 4,
    segmentBytes: 1 << 30,
  });
  return { log, target, held, done };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a rebuild over segment groups', () => {
  it("indexes the next group while the last one's commit is written, and commits in order", async () => {
    const { log, target, held, done } = startRebuild();
    await settle();
    // Commit 1 is still being written, yet batch 2 was read and indexed; commit 2 waits for it.
    expect(log).toEqual(['batch 1', 'commit 1 (1 segment)', 'batch 2']);
    held[0]!.release();
    await settle();
    expect(log.slice(3)).toEqual(['committed 1', 'commit 2 (1 segment)', 'batch 3']);
    held[1]!.release();
    await settle();
    held[2]!.release();
    await settle();
    // The last commit clears the rebuilding flag; the rebuild ends once it has landed.
    expect(log.at(-1)).toBe('commit 4 (0 segment)');
    expect(target.meta().rebuilding).toBe(false);
    held[3]!.release();
    expect(await done).toBe(12);
    expect(log.slice(6)).toEqual([
      'committed 2',
      'commit 3 (1 segment)',
      'committed 3',
      'commit 4 (0 segment)',
      'committed 4',
    ]);
    expect(target.meta().rebuilding).toBe(false);
  });

  it('stops at the next group when a commit fails, and starts no other', async () => {
    const { log, held, done } = startRebuild();
    await settle();
    held[0]!.fail(new Error('The disk is full.'));
    await expect(done).rejects.toThrow('The disk is full.');
    expect(log.filter((line) => line.startsWith('commit '))).toEqual(['commit 1 (1 segment)']);
  });
});
