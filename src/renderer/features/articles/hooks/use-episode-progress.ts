import { useLiveQuery } from 'dexie-react-hooks';
import { episodeProgress } from '../../../db/episodes-repository';

const NONE = new Map<string, string>();

/** "Downloading 45%" per article whose episode is on its way (db/episodes-repository.ts). */
export function useEpisodeProgress(): Map<string, string> {
  return useLiveQuery(() => episodeProgress(), []) ?? NONE;
}
