/** The stored index lacks a page or segment it refers to: the app answers by rebuilding it. */
export class IndexCorruptError extends Error {
  override name = 'IndexCorruptError';
}
