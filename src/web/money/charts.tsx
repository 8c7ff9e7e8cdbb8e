import { formatKrWhole } from '../format.ts';
import { endSentence } from '../../domain/text.ts';

/**
 * Server-drawn SVG bar charts with a text alternative (no JavaScript): grouped bars of budget and actual
 * per year, and a stacked bar of the funders' shares.
 */
export function BudgetActualChart({ rows, label }: { rows: { label: string; budgetOre: number; actualOre: number }[]; label: string }) {
  if (!rows.length) return null;
  const w = 560;
  const h = 180;
  const pad = 28;
  const max = Math.max(1, ...rows.flatMap((r) => [r.budgetOre, r.actualOre]));
  const band = (w - 2 * pad) / rows.length;
  const bar = Math.min(28, band / 3);
  const y = (v: number) => h - pad - (Math.max(0, v) / max) * (h - 2 * pad);
  const desc = rows.map((r) => `${r.label}: budget ${formatKrWhole(r.budgetOre)}, forbrug ${formatKrWhole(r.actualOre)}`).join('; ');
  return (
    <figure class="money-chart">
      <svg
        viewBox={`0 0 ${w} ${h}`}
        width="100%"
        style="max-width:560px"
        role="img"
        aria-label={`${endSentence(label)} ${endSentence(desc)}`}
      >
        <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} stroke="#747474" />
        {rows.map((r, i) => {
          const x = pad + i * band + band / 2;
          return (
            <g>
              <rect x={x - bar - 1} y={y(r.budgetOre)} width={bar} height={h - pad - y(r.budgetOre)} fill="#9cc3e5" />
              <rect x={x + 1} y={y(r.actualOre)} width={bar} height={h - pad - y(r.actualOre)} fill="#0059b3" />
              <text x={x} y={h - pad + 14} font-size="11" text-anchor="middle">
                {r.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="form-hint">
        <span style="display:inline-block;width:10px;height:10px;background:#9cc3e5"></span> Budget{' '}
        <span style="display:inline-block;width:10px;height:10px;background:#0059b3"></span> Forbrug
      </figcaption>
    </figure>
  );
}

const palette = ['#0059b3', '#358000', '#b35900', '#6b4ea0', '#747474', '#a0004e'];

export function ShareBar({ parts, label }: { parts: { label: string; amountOre: number }[]; label: string }) {
  const total = parts.reduce((s, p) => s + Math.max(0, p.amountOre), 0);
  if (total <= 0) return null;
  const w = 560;
  let x = 0;
  const desc = parts.map((p) => `${p.label}: ${formatKrWhole(p.amountOre)}`).join('; ');
  return (
    <figure class="money-chart">
      <svg
        viewBox={`0 0 ${w} 28`}
        width="100%"
        style="max-width:560px"
        role="img"
        aria-label={`${endSentence(label)} ${endSentence(desc)}`}
      >
        {parts.map((p, i) => {
          const width = (Math.max(0, p.amountOre) / total) * w;
          const rect = <rect x={x} y={0} width={width} height={28} fill={palette[i % palette.length]} />;
          x += width;
          return rect;
        })}
      </svg>
      <figcaption class="form-hint">
        {parts.map((p, i) => (
          <>
            <span style={`display:inline-block;width:10px;height:10px;background:${palette[i % palette.length]}`}></span> {p.label}{' '}
          </>
        ))}
      </figcaption>
    </figure>
  );
}
