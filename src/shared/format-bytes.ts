/** A size in words for the reader: "16 MB", "512 KB", "1.5 GB", "100 bytes". */
export function formatBytes(bytes: number): string {
  const units: [string, number][] = [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ];
  for (const [unit, size] of units) {
    const n = bytes / size;
    if (n >= 1) return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;
  }
  return `${bytes} bytes`;
}
