import type { Feed } from '../../../db/entities';
import './feed-icon.css';

/**
 * A feed's icon, or the first letter of its name on a colour of its own when it has none.
 * Decorative either way: the feed's title names the button it sits in.
 */
export function FeedIcon({ feed, title }: { feed: Feed; title: string }) {
  if (feed.icon) {
    return <img className="feed-icon" src={feed.icon.dataUrl} alt="" width={16} height={16} />;
  }
  // Drawn from an attribute, so the letter stays out of the button's text and accessible name.
  return (
    <span
      className="feed-icon feed-icon-letter"
      aria-hidden="true"
      data-letter={initial(title)}
      style={{ backgroundColor: `hsl(${hue(feed.id)} 45% 42%)` }}
    />
  );
}

function initial(title: string): string {
  const letter = /[\p{L}\p{N}]/u.exec(title)?.[0];
  return (letter ?? '#').toLocaleUpperCase();
}

/**
 * The same feed gets the same colour in every window and session. FNV-1a, then a golden-ratio
 * step, so ids that differ in one character (feed-1, feed-2) still land far apart on the wheel.
 */
function hue(id: string): number {
  let hash = 0x811c9dc5;
  for (const char of id) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return Math.floor(((hash * 0.618033988749895) % 1) * 360);
}
