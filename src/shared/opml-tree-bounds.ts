/**
 * Bounds on an OPML folder tree sent to `opml.build`, checked before the contract's recursive
 * schema walks it. Zod validates a nested folder with nested calls, so a tree ~800 levels deep
 * overflowed the stack; over IPC a structured clone may even share one folder object many times
 * (or hold a cycle), which a recursive walk would expand without end.
 */

/** Far deeper than any real list: an import keeps 16 levels and the writer flattens below that. */
const MAX_OPML_NESTING = 64;

/**
 * The longest OPML document `opml.parse` takes (characters). A file opened from the system is
 * read up to as many bytes, which never decode to more characters.
 */
export const MAX_OPML_TEXT_CHARS = 10 * 1024 * 1024;

/** Folders and feeds counted together, shared objects once per appearance. */
export const MAX_OPML_TREE_OUTLINES = 100_000;

/**
 * What is wrong with the tree's shape, in words for the reader, or undefined when it is within
 * bounds. Iterative and stops at the first bound crossed, so any input is cheap to check; the
 * schema then checks every field.
 */
export function opmlTreeProblem(root: unknown): string | undefined {
  const pending: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  let outlines = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.node !== 'object' || next.node === null) continue;
    const { feeds, folders } = next.node as { feeds?: unknown; folders?: unknown };
    if (Array.isArray(feeds)) outlines += feeds.length;
    if (Array.isArray(folders)) outlines += folders.length;
    // Checked before leaving a node without folders: leaves sharing one long feeds array must
    // count too, or the schema would walk every appearance.
    if (outlines > MAX_OPML_TREE_OUTLINES) {
      return `An OPML list holds at most ${MAX_OPML_TREE_OUTLINES} feeds and folders.`;
    }
    if (!Array.isArray(folders)) continue;
    if (folders.length && next.depth >= MAX_OPML_NESTING) {
      return `OPML folders nest at most ${MAX_OPML_NESTING} levels deep.`;
    }
    for (const child of folders) pending.push({ node: child, depth: next.depth + 1 });
  }
  return undefined;
}
