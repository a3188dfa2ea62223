import type { SyntheticEvent } from 'react';

/**
 * A `<dialog>`'s `close` handler that hears only a real close. The browser queues the event as a
 * task: a dialog closed and opened again before it runs (Done, then the next import's progress)
 * hears the first close while open again, and a handler that clears state would clear the new
 * contents — an import's report gone, its Done button disabled under a finished import.
 */
export function whenClosed<E extends SyntheticEvent<HTMLDialogElement>>(
  handler: (event: E) => void,
): (event: E) => void {
  return (event) => {
    if (!event.currentTarget.open) handler(event);
  };
}
