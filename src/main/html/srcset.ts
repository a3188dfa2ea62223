/**
 * `srcset` as the HTML standard reads it: URLs may contain commas (image CDNs use them for
 * transforms, `w_400,h_300`), so splitting on "," is wrong. A URL runs to the next whitespace;
 * commas at its very end separate candidates.
 */
export interface SrcsetCandidate {
  url: string;
  /** From a `400w` descriptor. */
  width?: number;
  /** From a `2x` descriptor. */
  density?: number;
}

export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  const text = srcset;
  let position = 0;
  while (position < text.length) {
    while (position < text.length && /[\s,]/.test(text[position] ?? '')) position++;
    if (position >= text.length) break;
    const urlStart = position;
    while (position < text.length && !/\s/.test(text[position] ?? '')) position++;
    let url = text.slice(urlStart, position);
    let descriptors = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      const descriptorStart = position;
      let depth = 0;
      while (position < text.length) {
        const char = text[position];
        if (char === '(') depth++;
        else if (char === ')') depth = Math.max(0, depth - 1);
        else if (char === ',' && depth === 0) break;
        position++;
      }
      descriptors = text.slice(descriptorStart, position).trim();
      position++;
    }
    if (url) candidates.push(withDescriptors(url, descriptors));
  }
  return candidates;
}

export function serializeSrcset(candidates: SrcsetCandidate[]): string {
  return candidates
    .map((candidate) => {
      if (candidate.width !== undefined) return `${candidate.url} ${candidate.width}w`;
      if (candidate.density !== undefined) return `${candidate.url} ${candidate.density}x`;
      return candidate.url;
    })
    .join(', ');
}

function withDescriptors(url: string, descriptors: string): SrcsetCandidate {
  const candidate: SrcsetCandidate = { url };
  for (const descriptor of descriptors.split(/\s+/)) {
    const match = /^(\d+(?:\.\d+)?)([wx])$/i.exec(descriptor);
    if (!match) continue;
    const value = Number(match[1]);
    if (!Number.isFinite(value) || value <= 0) continue;
    if (match[2]?.toLowerCase() === 'w') candidate.width = value;
    else candidate.density = value;
  }
  return candidate;
}
