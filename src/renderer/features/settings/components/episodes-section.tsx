import { useId } from 'react';
import { DEFAULT_EPISODE_MAX_BYTES, DEFAULT_EPISODES_TOTAL_BYTES } from '@shared/episode-limits';
import { useSetting } from '../hooks/use-settings';

const MB = 1024 * 1024;
const PER_EPISODE: [number, string][] = [
  [50 * MB, '50 MB'],
  [100 * MB, '100 MB'],
  [DEFAULT_EPISODE_MAX_BYTES, '200 MB'],
  [500 * MB, '500 MB'],
  [1024 * MB, '1 GB'],
  [4096 * MB, '4 GB'],
];
const IN_ALL: [number, string][] = [
  [500 * MB, '500 MB'],
  [1024 * MB, '1 GB'],
  [DEFAULT_EPISODES_TOTAL_BYTES, '2 GB'],
  [5 * 1024 * MB, '5 GB'],
  [10 * 1024 * MB, '10 GB'],
  [50 * 1024 * MB, '50 GB'],
];

/**
 * Settings → Episodes: the caps for podcasts and videos kept offline ("Keep episodes offline"
 * in a feed's options). A download over a cap is refused with the reason, nothing kept of it.
 */
export function EpisodesSection() {
  const id = useId();
  const [caps, save] = useSetting('episodes');
  const perEpisode = caps?.maxEpisodeBytes ?? DEFAULT_EPISODE_MAX_BYTES;
  const inAll = caps?.maxTotalBytes ?? DEFAULT_EPISODES_TOTAL_BYTES;
  const options = (list: [number, string][], current: number) =>
    (list.some(([value]) => value === current)
      ? list
      : [...list, [current, `${Math.round(current / MB)} MB`] as [number, string]]
    ).map(([value, text]) => (
      <option key={value} value={value}>
        {text}
      </option>
    ));
  return (
    <section aria-labelledby={`${id}-episodes`}>
      <h3 id={`${id}-episodes`}>Episodes</h3>
      <p className="dialog-subtitle">
        Podcasts and videos from feeds set to “Keep episodes offline”.
      </p>
      <label htmlFor={`${id}-one`}>Largest episode kept</label>
      <select
        id={`${id}-one`}
        value={perEpisode}
        onChange={(e) => save({ maxEpisodeBytes: Number(e.target.value) })}
      >
        {options(PER_EPISODE, perEpisode)}
      </select>
      <label htmlFor={`${id}-all`}>All episodes together</label>
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
