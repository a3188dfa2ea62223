import { describe, expect, it, vi } from 'vitest';
import type { ExtractedArticle } from '@shared/contract';
import { SAVED_FEED_ID } from '@renderer/db/entities';
import { importStarterIfNew } from '@renderer/features/onboarding/hooks/use-first-run';
import { testDatabases } from '../../../db/test-db';

const freshDb = testDatabases('first-run');
const NOW = Date.UTC(2026, 10, 27);

const extracted = (text: string): ExtractedArticle =>
  ({
    title: 'Starter',
    contentHtml: `<p>${text.slice(0, 20)}</p>`,
    images: [],
  }) as unknown as ExtractedArticle;

function importer() {
  return vi.fn(async (_name: string, bytes: Uint8Array<ArrayBuffer>) =>
    extracted(new TextDecoder().decode(bytes)),
  );
}

describe('first run', () => {
  it('imports the bundled seed article into Saved on a new library', async () => {
    const db = freshDb();
    const importStarter = importer();
    expect(await importStarterIfNew(importStarter, NOW, db)).toBe(true);
    expect(importStarter).toHaveBeenCalledOnce();
    const [name, bytes] = importStarter.mock.calls[0]!;
    expect(name).toBe('seed-article.txt');
    expect(new TextDecoder().decode(bytes)).toContain('South Korean President Lee Jae Myung');
    const saved = await db.articles.where('feedId').equals(SAVED_FEED_ID).toArray();
    expect(saved.map((a) => a.title)).toEqual(['Starter']);
  });

  it('never imports it again, even after the reader deleted it', async () => {
    const db = freshDb();
    await importStarterIfNew(importer(), NOW, db);
    await db.articles.clear();
    const again = importer();
    expect(await importStarterIfNew(again, NOW, db)).toBe(false);
    expect(again).not.toHaveBeenCalled();
    expect(await db.articles.count()).toBe(0);
  });

  it('leaves an existing library alone', async () => {
    const db = freshDb();
    await db.feeds.add({ id: 'f', url: 'https://example.com/feed', title: 'F', createdAt: NOW });
    const importStarter = importer();
    expect(await importStarterIfNew(importStarter, NOW, db)).toBe(false);
    expect(importStarter).not.toHaveBeenCalled();
    expect((await db.settings.get('onboarded'))?.value).toEqual({ at: NOW });
  });

  it('runs once when two windows start together', async () => {
    const db = freshDb();
    const importStarter = importer();
    const results = await Promise.all([
      importStarterIfNew(importStarter, NOW, db),
      importStarterIfNew(importStarter, NOW, db),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(importStarter).toHaveBeenCalledOnce();
  });
});
