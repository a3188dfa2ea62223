import { useEffect } from 'react';
import { startIndexUpkeep } from '../../../pipeline/index-upkeep';

/** Keeps the search index in step with every article write for as long as the app is open. */
export function useSearchIndexUpkeep(): void {
  useEffect(() => startIndexUpkeep(), []);
}
