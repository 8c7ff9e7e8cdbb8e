import { formatNumber } from '../format.ts';

export interface ChartSegment {
  name: string;
  value: number;
  colour: string;
}

export interface ChartRow {
  label: string;
  segments: ChartSegment[];
}

const WIDTH = 720;
const LABEL = 250;
const ROW = 26;
const BAR = 16;
const PAD = 8;

/** `12.345.678.901` øre → `123,5 mio. kr.` (the chart's short form; the table beside it has the exact amounts). */
export const millions = (ore: number) => `${formatNumber(ore / 100_000_000, 1)} mio. kr.`;

const shorten = (s: string, n = 38) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/**
 * A horizontal bar chart drawn on the server as SVG (no JavaScript; also in print): one bar per row, stacked by
 * segment, with a legend. Screen readers get the title and description; the caller puts the same numbers in a table.
 * @example <BarChart id="frames" title="Ramme pr. plan" description="…" rows={[{ label: 'Mjølnerparken', segments: [{ name: 'LBF', value: 100, colour: '#004993' }] }]} />
 */
export function BarChart({
  id,
  title,
  description,
  rows,
  format = millions,
}: {
  id: string;
  title: string;
  description: string;
  rows: ChartRow[];
  format?: (v: number) => string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((s, x) => s + Math.max(0, x.value), 0)));
  const legend = [...new Map(rows.flatMap((r) => r.segments).map((s) => [s.name, s.colour])).entries()];
  const barArea = WIDTH - LABEL - 110;
  const height = rows.length * ROW + PAD * 2 + 28;
  return (
    <figure class="chart" id={id}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        font-family="IBM Plex Sans, sans-serif"
        font-size="12"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {rows.map((r, i) => {
          const y = PAD + i * ROW;
          let x = LABEL;
          const total = r.segments.reduce((s, v) => s + Math.max(0, v.value), 0);
          return (
            <g>
              <text x={LABEL - 8} y={y + BAR - 3} text-anchor="end" fill="#1a1a1a">
                {shorten(r.label)}
              </text>
              {r.segments.map((s) => {
                const w = (Math.max(0, s.value) / max) * barArea;
                const rect = <rect x={x} y={y} width={w} height={BAR} fill={s.colour} />;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + BAR - 3} fill="#1a1a1a">
                {format(total)}
              </text>
            </g>
          );
        })}
        {legend.map(([name, colour], i) => {
          // Each entry as wide as its text (about 7 px a character at 12 px) plus the swatch and a gap.
          const x = LABEL + legend.slice(0, i).reduce((w, [n]) => w + n.length * 7 + 36, 0);
          return (
            <g>
              <rect x={x} y={height - 22} width="12" height="12" fill={colour} />
              <text x={x + 16} y={height - 12} fill="#1a1a1a">
                {name}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
