/**
 * fetch hides what went wrong under `cause`, sometimes inside an AggregateError's `errors`: walk
 * that chain, breadth first and once per object, and return the first answer `pick` gives.
 */
export function findInCauses<T>(
  error: unknown,
  pick: (node: object) => T | undefined,
): T | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const found = pick(current);
    if (found !== undefined) return found;
    if ('cause' in current) queue.push(current.cause);
    if ('errors' in current && Array.isArray(current.errors)) queue.push(...current.errors);
  }
  return undefined;
}

/** The system error code (ECONNREFUSED, ENOTFOUND…) behind a failed fetch. */
export function errorCode(error: unknown): string | undefined {
  return findInCauses(error, (node) =>
    'code' in node && typeof node.code === 'string' ? node.code : undefined,
  );
}
