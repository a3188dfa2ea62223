/**
 * Whether a line of text is page chrome rather than article: share buttons, ad labels,
 * copyright notes, tracker badges. The words are data (page-junk.json), plus the tracker names
 * the article cleaner uses (trackers.json).
 */
import junk from './page-junk.json';
import { isTrackerName } from '../privacy/trackers';

const LINES = new Set([...junk.lines, ...junk.trackerWords]);
const SHARE = new Set(junk.shareWords);
// Long enough to be a real paragraph that merely starts like a junk line.
const MAX_PREFIXED_LINE = 160;
// Every junk line is a few words. Longer lines are text, and would cost the trimming below time
// quadratic in their length (a line of dots between two letters: see
// docs/bench/2026-12-06-hostile-inputs.md).
const MAX_JUNK_LINE = 400;

export function isPageJunk(line: string): boolean {
  if (line.length > MAX_JUNK_LINE) return false;
  const text = line.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  if (!text) return false;
  // "Read more »", "Share ›", "— Advertisement —"
  const bare = text.replace(/^[^\p{L}\p{N}©(]+|[^\p{L}\p{N})]+$/gu, '');
  if (!bare) return /^[\s*•·=~_#–—-]+$/u.test(text);
  if (LINES.has(bare) || isTrackerName(bare)) return true;
  if (text.length <= MAX_PREFIXED_LINE) {
    if (junk.prefixes.some((prefix) => bare.startsWith(prefix) || text.startsWith(prefix))) {
      return true;
    }
    if (/all rights reserved/.test(text)) return true;
  }
  const words = bare.split(/[\s|·•/]+/).filter(Boolean);
  return words.length > 1 && words.length <= 8 && words.every((word) => SHARE.has(word));
}
