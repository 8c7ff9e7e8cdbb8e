import type { PlanState } from '../../domain/plan-lifecycle.ts';
import { stateLabels } from '../../domain/plan-lifecycle.ts';
import { type ProgressStatus, progressLabels } from '../../domain/plan-rules.ts';
import { Tag } from '../components/index.ts';
import { formatNumber } from '../format.ts';

const stateKinds: Partial<Record<PlanState, 'success' | 'info' | 'warning' | 'error'>> = {
  active: 'success',
  granted: 'success',
  municipal_approval: 'success',
  rejected: 'error',
  withdrawn: 'warning',
};

export const stateTag = (s: PlanState) => <Tag kind={stateKinds[s] ?? 'info'}>{stateLabels[s] ?? s}</Tag>;

const progressKinds: Record<ProgressStatus, 'success' | 'warning' | 'error' | 'info'> = {
  on_track: 'success',
  at_risk: 'warning',
  off_track: 'error',
  no_data: 'info',
};
export const progressTag = (s: ProgressStatus) => <Tag kind={progressKinds[s]}>{progressLabels[s]}</Tag>;

/**
 * R4 — a small line chart of an indicator's measurements against the line from baseline to target,
 * drawn on the server as SVG, with a text alternative.
 */
export function IndicatorChart(p: {
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  targetDate: string;
  measurements: { value: number; measuredOn: string }[];
  unit: string;
  label: string;
}) {
  const w = 320;
  const h = 120;
  const pad = 24;
  const t = (d: string) => Date.parse(d);
  const t0 = t(p.baselineDate);
  const t1 = Math.max(t(p.targetDate), ...p.measurements.map((m) => t(m.measuredOn)));
  const values = [p.baselineValue, p.targetValue, ...p.measurements.map((m) => m.value)];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (d: string) => pad + ((t(d) - t0) / Math.max(1, t1 - t0)) * (w - 2 * pad);
  const y = (v: number) => h - pad - ((v - lo) / Math.max(1e-9, hi - lo)) * (h - 2 * pad);
  const points = p.measurements.map((m) => `${x(m.measuredOn).toFixed(1)},${y(m.value).toFixed(1)}`).join(' ');
  const desc = `Baseline ${formatNumber(p.baselineValue, 1)} ${p.unit}, mål ${formatNumber(p.targetValue, 1)} ${p.unit}. Målinger: ${
    p.measurements.map((m) => `${m.measuredOn}: ${formatNumber(m.value, 1)}`).join('; ') || 'ingen'
  }.`;
  return (
    <svg viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={`${p.label}: ${desc}`} class="indicator-chart">
      <line
        x1={x(p.baselineDate)}
        y1={y(p.baselineValue)}
        x2={x(p.targetDate)}
        y2={y(p.targetValue)}
        stroke="#747474"
        stroke-dasharray="4 3"
      />
      <circle cx={x(p.targetDate)} cy={y(p.targetValue)} r="4" fill="#fff" stroke="#1a1a1a" />
      {p.measurements.length > 0 && <polyline points={points} fill="none" stroke="#0059b3" stroke-width="2" />}
      {p.measurements.map((m) => (
        <circle cx={x(m.measuredOn)} cy={y(m.value)} r="3" fill="#0059b3" />
      ))}
      <text x={pad} y={h - 4} font-size="10">
        {p.baselineDate.slice(0, 4)}
      </text>
      <text x={w - pad} y={h - 4} font-size="10" text-anchor="end">
        {p.targetDate.slice(0, 4)}
      </text>
    </svg>
  );
}
