import { useEffect } from 'react';
import { startOfflinePass } from '../../../pipeline/offline-pass';

/** Runs the offline pass (pipeline/offline-pass) for as long as the app is open. */
export function useOfflineWorker(): void {
  useEffect(() => startOfflinePass(), []);
}
