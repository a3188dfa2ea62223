import { useEffect, useRef } from 'react';

/**
 * A `<dialog>` that opens as a modal when mounted and reports its closing however it happens
 * (Escape, Cancel, done), so its owner can unmount it: the pattern of the feed options dialog.
 */
export function useModal(onClosed: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    dialog.addEventListener('close', onClosed);
    return () => dialog.removeEventListener('close', onClosed);
  }, [onClosed]);
  return ref;
}
