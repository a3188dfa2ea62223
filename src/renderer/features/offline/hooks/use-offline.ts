import { useEffect } from 'react';
import { startOfflinePass } from '../../../pipeline/offline-pass';
import { startEpisodeDownloads } from '../../../pipeline/episode-downloads';

/** Runs the offline pass (pipeline/offline-pass) and the episode downloads for as long as the app is open. */
export function useOfflineWorker(): void {
  useEffect(() => startOfflinePass(), []);
  // Episodes kept offline download beside it (pipeline/episode-downloads).
  useEffect(() => startEpisodeDownloads(), []);
}
