/**
 * Storage failures (a full disk above all) happen deep in repositories; the reader must hear
 * about them plainly, once, from wherever they happen.
 */
type Listener = (message: string) => void;
const listeners = new Set<Listener>();

export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

export function reportStorageError(error: unknown): void {
  const message = isQuotaError(error)
    ? 'Broadsheet could not save new articles: the disk is full. Nothing was half-saved. Free some space, or keep fewer articles in Settings.'
    : `Broadsheet could not save to its library: ${error instanceof Error ? error.message : String(error)}`;
  listeners.forEach((listener) => listener(message));
}

export function onStorageError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
