import { useId } from 'react';
import { DEFAULT_EPISODE_MAX_BYTES, DEFAULT_EPISODES_TOTAL_BYTES } from '@shared/episode-limits';
import { useT } from '../../../i18n/use-t';
import { useSetting } from '../hooks/use-settings';

const MB = 1024 * 1024;
/** The choices, in bytes; each is named in the reader's language ("200 MB", "1 Go"). */
const PER_EPISODE = [50 * MB, 100 * MB, DEFAULT_EPISODE_MAX_BYTES, 500 * MB, 1024 * MB, 4096 * MB];
const IN_ALL = [
  500 * MB,
  1024 * MB,
  DEFAULT_EPISODES_TOTAL_BYTES,
  5 * 1024 * MB,
  10 * 1024 * MB,
  50 * 1024 * MB,
];

/**
 * Settings → Episodes: the caps for podcasts and videos kept offline ("Keep episodes offline"
 * in a feed's options). A download over a cap is refused with the reason, nothing kept of it.
 */
export function EpisodesSection() {
  const t = useT();
  const id = useId();
  const [caps, save] = useSetting('episodes');
  const perEpisode = caps?.maxEpisodeBytes ?? DEFAULT_EPISODE_MAX_BYTES;
  const inAll = caps?.maxTotalBytes ?? DEFAULT_EPISODES_TOTAL_BYTES;
  // A cap set before these choices existed stays offered, so the select shows it.
  const options = (list: number[], current: number) =>
    (list.includes(current) ? list : [...list, current]).map((value) => (
      <option key={value} value={value}>
        {t.bytes(value)}
      </option>
    ));
  return (
    <section aria-labelledby={`${id}-episodes`}>
      <h3 id={`${id}-episodes`}>{t('settings.episodes.heading')}</h3>
      <p className="dialog-subtitle">{t('settings.episodes.intro')}</p>
      <label htmlFor={`${id}-one`}>{t('settings.episodes.perEpisode')}</label>
      <select
        id={`${id}-one`}
        value={perEpisode}
        onChange={(e) => save({ maxEpisodeBytes: Number(e.target.value) })}
      >
        {options(PER_EPISODE, perEpisode)}
      </select>
      <label htmlFor={`${id}-all`}>{t('settings.episodes.inAll')}</label>
      <select
        id={`${id}-all`}
        value={inAll}
        onChange={(e) => save({ maxTotalBytes: Number(e.target.value) })}
      >
        {options(IN_ALL, inAll)}
      </select>
    </section>
  );
}
