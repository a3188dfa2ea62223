/**
 * A growth plot as standalone SVG: each figure relative to its value at the smallest size, on
 * log–log axes, beside what log N and N would give, so a line steeper than "log N" is a figure
 * that outgrows it. No library: the plot is a few dozen elements and must render on GitHub.
 */
import type { Point } from './growth';

export interface Series {
  label: string;
  points: Point[];
}

const WIDTH = 900;
const PLOT = { left: 70, top: 40, width: 460, height: 300 };
const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
];

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

const fmtSize = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/** Series relative to their first point; references for log N and N over the same sizes. */
export function relativeSeries(series: Series[], sizes: number[]): Series[] {
  const first = Math.min(...sizes);
  const relative = series
    .map((s) => {
      const points = [...s.points].filter((p) => p.value > 0).sort((a, b) => a.size - b.size);
      const base = points[0];
      return base && base.size === first
        ? {
            label: s.label,
            points: points.map((p) => ({ size: p.size, value: p.value / base.value })),
          }
        : undefined;
    })
    .filter((s): s is Series => s !== undefined && s.points.length > 1);
  return relative;
}

export function growthSvg(title: string, series: Series[], sizes: number[]): string {
  const sorted = [...new Set(sizes)].sort((a, b) => a - b);
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const relative = relativeSeries(series, sorted);
  const references: Series[] = [
    {
      label: 'log N',
      points: sorted.map((size) => ({ size, value: Math.log(size) / Math.log(first) })),
    },
    { label: 'N', points: sorted.map((size) => ({ size, value: size / first })) },
  ];
  const values = [...relative, ...references].flatMap((s) => s.points.map((p) => p.value));
  const yMin = Math.min(0.5, ...values);
  const yMax = Math.max(2, ...values);
  const x = (size: number) =>
    PLOT.left +
    (last === first
      ? 0
      : ((Math.log(size) - Math.log(first)) / (Math.log(last) - Math.log(first))) * PLOT.width);
  const y = (value: number) =>
    PLOT.top +
    PLOT.height -
    ((Math.log(value) - Math.log(yMin)) / (Math.log(yMax) - Math.log(yMin))) * PLOT.height;
  const line = (s: Series) =>
    s.points
      .map((p, i) => `${i ? 'L' : 'M'}${x(p.size).toFixed(1)},${y(p.value).toFixed(1)}`)
      .join(' ');

  const out: string[] = [];
  const height = Math.max(PLOT.top + PLOT.height + 60, 60 + (relative.length + 2) * 18);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${PLOT.left}" y="22" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  );
  // y ticks at powers of two, x ticks at each measured size
  for (let v = 2 ** Math.floor(Math.log2(yMin)); v <= yMax * 1.0001; v *= 2) {
    if (v < yMin * 0.9999) continue;
    const ty = y(v).toFixed(1);
    out.push(
      `<line x1="${PLOT.left}" x2="${PLOT.left + PLOT.width}" y1="${ty}" y2="${ty}" stroke="#e6e6e6"/>`,
      `<text x="${PLOT.left - 8}" y="${ty}" text-anchor="end" dominant-baseline="middle">${v >= 1 ? v : v.toFixed(2)}×</text>`,
    );
  }
  for (const size of sorted) {
    const tx = x(size).toFixed(1);
    out.push(
      `<line x1="${tx}" x2="${tx}" y1="${PLOT.top}" y2="${PLOT.top + PLOT.height}" stroke="#e6e6e6"/>`,
      `<text x="${tx}" y="${PLOT.top + PLOT.height + 18}" text-anchor="middle">${fmtSize(size)}</text>`,
    );
  }
  out.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.width}" height="${PLOT.height}" fill="none" stroke="#999"/>`,
    `<text x="${PLOT.left + PLOT.width / 2}" y="${PLOT.top + PLOT.height + 40}" text-anchor="middle">articles in the library (log scale)</text>`,
    `<text transform="translate(18 ${PLOT.top + PLOT.height / 2}) rotate(-90)" text-anchor="middle">relative to the smallest library (log scale)</text>`,
  );
  const legendX = PLOT.left + PLOT.width + 24;
  const legend = (s: Series, i: number, stroke: string, dash: string) => {
    const ly = PLOT.top + 6 + i * 18;
    out.push(
      `<path d="${line(s)}" fill="none" stroke="${stroke}" stroke-width="2"${dash}/>`,
      ...s.points.map(
        (p) =>
          `<circle cx="${x(p.size).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3" fill="${stroke}"/>`,
      ),
      `<line x1="${legendX}" x2="${legendX + 22}" y1="${ly}" y2="${ly}" stroke="${stroke}" stroke-width="2"${dash}/>`,
      `<text x="${legendX + 28}" y="${ly}" dominant-baseline="middle">${escapeXml(s.label)}</text>`,
    );
  };
  // Told apart by their dashes: log N long, N short.
  references.forEach((s, i) =>
    legend(s, i, i ? '#444' : '#888', i ? ' stroke-dasharray="2 3"' : ' stroke-dasharray="8 4"'),
  );
  relative.forEach((s, i) => legend(s, i + references.length, PALETTE[i % PALETTE.length]!, ''));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
