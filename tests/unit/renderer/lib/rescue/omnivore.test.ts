import { describe, expect, it } from 'vitest';
import {
  highlightsFromMarkdown,
  isOmnivoreMetadata,
  parseOmnivoreMetadata,
} from '@renderer/lib/rescue/omnivore';

const ITEMS = [
  {
    id: 'a1',
    slug: 'first-slug',
    title: 'First',
    description: 'About the first',
    author: 'Ann Writer',
    url: 'https://example.com/o-1',
    state: 'Archived',
    readingProgress: 100,
    labels: ['Newsletter', { name: 'Long' }],
    savedAt: '2024-10-30T12:39:28.023Z',
    updatedAt: '2024-10-30T12:39:28.023Z',
    publishedAt: '2024-10-01T08:00:00.000Z',
    highlights: [
      { quote: 'A line worth keeping', annotation: 'My note', createdAt: '2024-10-31T00:00:00Z' },
    ],
  },
  {
    id: 'a2',
    slug: 'second',
    title: '',
    url: 'https://example.com/o-2',
    state: 'Succeeded',
    labels: [],
    savedAt: 'never',
  },
  { id: 'a3', slug: 'x', title: 'Bad', url: 'javascript:void(0)', state: 'Succeeded', labels: [] },
  'junk',
];

describe('parseOmnivoreMetadata', () => {
  it('reads items with labels, state, dates, highlights, and their page in the archive', () => {
    const files = new Set(['content/first-slug.html', 'highlights/second.md']);
    const parsed = parseOmnivoreMetadata(
      'metadata_0_to_3.json',
      JSON.stringify(ITEMS),
      files,
      (path) =>
        path === 'highlights/second.md'
          ? '# Second\n\n## Highlights\n\n> Quoted once [⤴️](https://omnivore.app/me/second#1)\n\nA note\non two lines\n\n> Quoted twice\n> over two lines\n'
          : undefined,
    );
    expect(parsed.items).toHaveLength(2);
    expect(parsed.items[0]).toMatchObject({
      where: 'metadata_0_to_3.json item 1',
      url: 'https://example.com/o-1',
      title: 'First',
      tags: ['Newsletter', 'Long'],
      read: true,
      author: 'Ann Writer',
      summary: 'About the first',
      savedAt: Date.parse('2024-10-30T12:39:28.023Z'),
      publishedAt: Date.parse('2024-10-01T08:00:00.000Z'),
      contentPath: 'content/first-slug.html',
      highlights: [
        {
          quote: 'A line worth keeping',
          note: 'My note',
          createdAt: Date.parse('2024-10-31T00:00:00Z'),
        },
      ],
    });
    expect(parsed.items[1]).toMatchObject({
      title: '',
      read: false,
      highlights: [
        { quote: 'Quoted once', note: 'A note\non two lines' },
        { quote: 'Quoted twice over two lines' },
      ],
    });
    expect(parsed.items[1]!.contentPath).toBeUndefined();
    expect(parsed.items[1]!.savedAt).toBeUndefined();
    expect(parsed.problems).toEqual([
      { where: 'metadata_0_to_3.json item 3', reason: 'has a javascript: URL' },
      { where: 'metadata_0_to_3.json item 4', reason: 'is not a saved item' },
    ]);
  });

  it('names a metadata file that is not JSON or not a list', () => {
    expect(
      parseOmnivoreMetadata('metadata_0.json', '{', new Set(), () => undefined).problems,
    ).toEqual([{ where: 'metadata_0.json', reason: 'is not JSON' }]);
    expect(
      parseOmnivoreMetadata('metadata_0.json', '{}', new Set(), () => undefined).problems,
    ).toEqual([{ where: 'metadata_0.json', reason: 'is not a list of saved items' }]);
    expect(isOmnivoreMetadata('export/metadata_0_to_20.json')).toBe(true);
    expect(isOmnivoreMetadata('content/metadata_0.html')).toBe(false);
  });

  it('never follows a slug out of the archive’s content folder', () => {
    const items = [{ slug: '../../secret', url: 'https://example.com/x', labels: [] }];
    const parsed = parseOmnivoreMetadata(
      'metadata_0.json',
      JSON.stringify(items),
      new Set(['secret.html']),
      () => undefined,
    );
    expect(parsed.items[0]!.contentPath).toBeUndefined();
  });
});

describe('highlightsFromMarkdown', () => {
  it('is empty for a file without quotes', () => {
    expect(highlightsFromMarkdown('# Title\n\nNothing here')).toEqual([]);
  });
});
