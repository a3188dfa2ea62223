import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { episodeProgress } from '../../../db/episodes-repository';
import { useT } from '../../../i18n/use-t';

const NONE = new Map<string, number | undefined>();

/** "Downloading 45%" per article whose episode is on its way (db/episodes-repository.ts). */
export function useEpisodeProgress(): Map<string, string> {
  const t = useT();
  const progress = useLiveQuery(() => episodeProgress(), []) ?? NONE;
  return useMemo(
    () =>
      new Map(
        [...progress].map(([articleId, percent]) => [
          articleId,
          percent === undefined
            ? t('episodes.status.downloading')
            : t('episodes.status.downloadingPercent', { percent: percent / 100 }),
        ]),
      ),
    [progress, t],
  );
}
