/**
 * `srcset` as the HTML standard reads it: URLs may contain commas (image CDNs use them for
 * transforms, `w_400,h_300`), so splitting on "," is wrong. A URL runs to the next whitespace
 * (ASCII whitespace, as the standard says); commas at its very end separate candidates, and its
 * descriptors run to the next comma outside parentheses. Used by the sanitizer in both
 * processes (sanitize-policy.ts) and by main's image and tracker passes.
 */

/** A candidate as written: its URL and its descriptor tokens (`400w`, `2x`, `200h`, junk). */
export interface SrcsetToken {
  url: string;
  descriptors: string[];
}

/** A candidate with the width or density it declares. */
export interface SrcsetCandidate {
  url: string;
  /** From a `400w` descriptor. */
  width?: number;
  /** From a `2x` descriptor. */
  density?: number;
}

const SRCSET_SPACE = /[\t\n\f\r ]/;

/** Splits a srcset into its candidates; descriptors are left for the caller to judge. */
export function srcsetTokens(srcset: string): SrcsetToken[] {
  const candidates: SrcsetToken[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && (SRCSET_SPACE.test(srcset.charAt(i)) || srcset[i] === ',')) i += 1;
    if (i >= srcset.length) break;
    const start = i;
    while (i < srcset.length && !SRCSET_SPACE.test(srcset.charAt(i))) i += 1;
    let url = srcset.slice(start, i);
    const descriptors: string[] = [];
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      let current = '';
      let inParens = false;
      for (; i < srcset.length; i += 1) {
        const c = srcset.charAt(i);
        if (inParens) {
          current += c;
          if (c === ')') inParens = false;
        } else if (c === ',') {
          i += 1;
          break;
        } else if (SRCSET_SPACE.test(c)) {
          if (current) descriptors.push(current);
          current = '';
        } else {
          current += c;
          if (c === '(') inParens = true;
        }
      }
      if (current) descriptors.push(current);
    }
    if (url) candidates.push({ url, descriptors });
  }
  return candidates;
}

/** The candidates with their width or density; descriptors that are neither are ignored. */
export function parseSrcset(srcset: string): SrcsetCandidate[] {
  return srcsetTokens(srcset).map(({ url, descriptors }) => withDescriptors(url, descriptors));
}

/**
 * Writes every descriptor read, so that reading the result gives the same candidates: a
 * candidate with both a width and a density (which browsers ignore) stays as it was rather
 * than turning into a valid one.
 */
export function serializeSrcset(candidates: SrcsetCandidate[]): string {
  return candidates
    .map((candidate) => {
      const parts = [candidate.url];
      if (candidate.width !== undefined) parts.push(`${integerText(candidate.width)}w`);
      if (candidate.density !== undefined) parts.push(`${candidate.density}x`);
      return parts.join(' ');
    })
    .join(', ');
}

/** `1e+22` is no integer in HTML's grammar; every digit is. */
function integerText(value: number): string {
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

// The HTML standard's grammar for descriptors: a width is a valid non-negative integer, a
// density a valid floating-point number (`1e-7x` included, which String(1e-7) writes).
const WIDTH = /^(\d+)w$/i;
const DENSITY = /^(-?(?:\d+|\d*\.\d+)(?:e[+-]?\d+)?)x$/i;

function withDescriptors(url: string, descriptors: string[]): SrcsetCandidate {
  const candidate: SrcsetCandidate = { url };
  for (const descriptor of descriptors) {
    const width = WIDTH.exec(descriptor);
    const density = width ? undefined : DENSITY.exec(descriptor);
    const value = Number((width ?? density)?.[1]);
    if (!Number.isFinite(value) || value <= 0) continue;
    if (width) candidate.width = value;
    else candidate.density = value;
  }
  return candidate;
}
