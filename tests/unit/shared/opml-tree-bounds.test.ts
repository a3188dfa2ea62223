import { describe, expect, it } from 'vitest';
import { MAX_OPML_TREE_OUTLINES, opmlTreeProblem } from '@shared/opml-tree-bounds';

describe('opmlTreeProblem', () => {
  it('counts the feeds of folders that have no folders list of their own', () => {
    // One feeds array shared by many leaves, as a structured clone allows: each appearance
    // counts, and the leaves (no `folders`) carry the count past the bound.
    const feeds = Array.from({ length: 1_000 }, () => ({ title: 'x', xmlUrl: 'https://a.test/' }));
    const leaves = Array.from({ length: 200 }, () => ({ title: 'leaf', feeds }));
    expect(opmlTreeProblem({ title: '', feeds: [], folders: leaves })).toBe(
      `An OPML list holds at most ${MAX_OPML_TREE_OUTLINES} feeds and folders.`,
    );
  });

  it('accepts a tree within bounds', () => {
    const feeds = [{ title: 'x', xmlUrl: 'https://a.test/' }];
    const leaves = Array.from({ length: 3 }, () => ({ title: 'leaf', feeds, folders: [] }));
    expect(opmlTreeProblem({ title: '', feeds, folders: leaves })).toBeUndefined();
  });
});
