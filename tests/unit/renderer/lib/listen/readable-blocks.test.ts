import { describe, expect, it } from 'vitest';
import { readableBlocks } from '@renderer/lib/listen/readable-blocks';

describe('readableBlocks', () => {
  it('reads the innermost blocks with text, in order, skipping empty ones', () => {
    const root = document.createElement('div');
    root.innerHTML =
      '<h2>Title</h2><p>One</p><p> </p><ul><li>Two</li><li><p>Three</p></li></ul>' +
      '<blockquote><p>Four</p></blockquote><figure><img src="x"><figcaption>Five</figcaption></figure>';
    expect(readableBlocks(root).map((el) => el.textContent)).toEqual([
      'Title',
      'One',
      'Two',
      'Three',
      'Four',
      'Five',
    ]);
  });

  it('reads content without blocks as one, and nothing from empty content', () => {
    const root = document.createElement('div');
    root.textContent = 'Just a summary.';
    expect(readableBlocks(root)).toEqual([root]);
    root.textContent = '  ';
    expect(readableBlocks(root)).toEqual([]);
  });
});
