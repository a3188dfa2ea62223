/**
 * A size in words for the reader: "16 MB", "512 KB", "1.5 GB", "100 bytes". `roundUp` for a size
 * shown beside a limit: a file just over 10 MB must never read as exactly "10 MB".
 */
export function formatBytes(bytes: number, { roundUp = false } = {}): string {
  const units: [string, number][] = [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes < size) continue;
    const n = (roundUp ? Math.ceil : Math.round)((bytes / size) * 10) / 10;
    return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;
  }
  return `${bytes} bytes`;
}
