import type { TargetView } from '../../services/partnership/index.ts';
import { formatDate, formatNumber } from '../format.ts';

const W = 640;
const H = 240;
const L = 56;
const R = 16;
const T = 16;
const B = 36;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const num = (x: number) => formatNumber(x, Number.isInteger(x) ? 0 : 1);

/**
 * R19 — a target's measurements as a small server-rendered SVG (no JavaScript): the points over time, the target
 * value as a line, and the straight line from the starting point to the target at the deadline that "on track" is
 * judged against. The measurements table beside it carries the same numbers for screen readers.
 */
export function TargetChart({ target, points }: { target: TargetView; points: { value: number; on: string }[] }) {
  if (!points.length) return null;
  const j = target.judgement;
  const goal = target.rule === 'not_grow' ? (j.start?.value ?? null) : target.targetValue;
  const times = [
    ...points.map((p) => ms(p.on)),
    ...(j.start ? [ms(j.start.on)] : []),
    ...(target.deadline && target.rule !== 'per_year' ? [ms(target.deadline)] : []),
  ];
  const values = [...points.map((p) => p.value), ...(goal !== null ? [goal] : []), ...(j.start ? [j.start.value] : [])];
  const [x0, x1] = [Math.min(...times), Math.max(...times)];
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values) * 1.1 || 1;
  const X = (t: number) => L + ((t - x0) / Math.max(1, x1 - x0)) * (W - L - R);
  const Y = (v: number) => T + (1 - (v - lo) / Math.max(1e-9, hi - lo)) * (H - T - B);
  const ticks = [lo, (lo + hi) / 2, hi];
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${X(ms(p.on)).toFixed(1)},${Y(p.value).toFixed(1)}`).join(' ');
  const id = `chart-${target.id}`;
  return (
    <figure class="partnership-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} style="max-width: 40rem">
        <title id={`${id}-title`}>Målinger for «{target.title}»</title>
        <desc id={`${id}-desc`}>
          {points.length} målinger fra {formatDate(points[0]!.on)} til {formatDate(points.at(-1)!.on)}; seneste {num(points.at(-1)!.value)}{' '}
          {target.unit}.{goal !== null ? ` ${target.rule === 'not_grow' ? 'Udgangspunktet' : 'Målet'} er ${num(goal)} ${target.unit}.` : ''}
        </desc>
        <line x1={L} y1={H - B} x2={W - R} y2={H - B} stroke="#6f6f6f" />
        <line x1={L} y1={T} x2={L} y2={H - B} stroke="#6f6f6f" />
        {ticks.map((v) => (
          <text x={L - 6} y={Y(v) + 4} text-anchor="end" font-size="11" fill="#3d3d3d">
            {num(Math.round(v * 10) / 10)}
          </text>
        ))}
        <text x={L} y={H - 12} font-size="11" fill="#3d3d3d">
          {formatDate(new Date(x0).toISOString().slice(0, 10))}
        </text>
        <text x={W - R} y={H - 12} font-size="11" fill="#3d3d3d" text-anchor="end">
          {formatDate(new Date(x1).toISOString().slice(0, 10))}
        </text>
        {goal !== null && <line x1={L} y1={Y(goal)} x2={W - R} y2={Y(goal)} stroke="#00823b" stroke-dasharray="6 4" />}
        {j.start && target.deadline && target.targetValue !== null && target.rule !== 'per_year' && target.rule !== 'not_grow' && (
          <line
            x1={X(ms(j.start.on))}
            y1={Y(j.start.value)}
            x2={X(ms(target.deadline))}
            y2={Y(target.targetValue)}
            stroke="#0059b3"
            stroke-dasharray="2 3"
          />
        )}
        <path d={line} fill="none" stroke="#b32400" stroke-width="2" />
        {points.map((p) => (
          <circle cx={X(ms(p.on))} cy={Y(p.value)} r="3.5" fill="#b32400" />
        ))}
      </svg>
      <figcaption class="small-text">
        Rød: målinger. Grøn stiplet: {target.rule === 'not_grow' ? 'udgangspunktet, som ikke må overskrides' : 'målværdien'}.
        {target.deadline && target.rule !== 'per_year' && target.rule !== 'not_grow' ? ' Blå prikket: forventet forløb til fristen.' : ''}
      </figcaption>
    </figure>
  );
}
