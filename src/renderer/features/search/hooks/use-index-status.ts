import { useEffect, useState } from 'react';
import type { IndexStatus } from '../../../search/protocol';
import { onSearchEvent, searchClient } from '../../../pipeline/search-connection';

export interface IndexProgress {
  phase: 'rebuild' | 'repair';
  done: number;
  total?: number;
}

export interface IndexState {
  status?: IndexStatus;
  /** The latest progress of a rebuild or repair under way. */
  progress?: IndexProgress;
  /** The index is being built, checked or repaired: empty results may not be the answer yet. */
  updating: boolean;
}

/** The worker's view of its index, kept current from its events. */
export function useIndexStatus(): IndexState {
  const [status, setStatus] = useState<IndexStatus>();
  const [progress, setProgress] = useState<IndexProgress>();

  useEffect(() => {
    let live = true;
    const off = onSearchEvent((event) => {
      if (event.event === 'progress') {
        setProgress({ phase: event.phase, done: event.done, total: event.total });
        return;
      }
      setStatus(event.status);
      if (event.status.busy !== 'rebuild' && event.status.busy !== 'repair') setProgress(undefined);
    });
    // The worker may have said "ready" before this component listened.
    searchClient()
      .status()
      .then(
        (current) => live && setStatus((known) => known ?? current),
        () => undefined,
      );
    return () => {
      live = false;
      off();
    };
  }, []);

  const updating =
    !status ||
    !status.checked ||
    status.busy === 'rebuild' ||
    status.busy === 'repair' ||
    progress !== undefined;
  return { status, progress, updating };
}
