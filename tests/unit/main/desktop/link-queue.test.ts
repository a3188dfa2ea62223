import { describe, expect, it } from 'vitest';
import { createLinkQueue } from '@main/desktop/link-queue';

describe('link queue', () => {
  it('hands each waiting link over once, oldest first, and nudges per arrival', () => {
    let nudges = 0;
    const queue = createLinkQueue(() => nudges++);
    queue.push({ kind: 'subscribe', url: 'https://a.example/feed' });
    queue.push({ kind: 'subscribe', url: 'https://b.example/feed' });
    expect(nudges).toBe(2);
    expect(queue.take().map((link) => (link.kind === 'subscribe' ? link.url : ''))).toEqual([
      'https://a.example/feed',
      'https://b.example/feed',
    ]);
    expect(queue.take()).toEqual([]);
  });

  it('keeps only the newest links of a burst', () => {
    const queue = createLinkQueue(() => {}, 3);
    for (let n = 0; n < 10; n++) queue.push({ kind: 'subscribe', url: `https://x.example/${n}` });
    const urls = queue.take().map((link) => (link.kind === 'subscribe' ? link.url : ''));
    expect(urls).toEqual(['https://x.example/7', 'https://x.example/8', 'https://x.example/9']);
  });
});
