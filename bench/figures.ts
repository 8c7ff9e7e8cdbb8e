import { timeNationalCriteria } from './national-criteria.ts';
import { isSent, reportRows } from './pages.ts';
import type { Server } from './run.ts';

/** A measured figure beside its target. */
export interface Figure {
  label: string;
  value: number;
  unit: string;
  target: number;
  lowerIsBetter: boolean;
  /** Only reported for this backend. */
  onlyFor?: 'pglite' | 'postgres';
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One request at a time, `n` times: the median time of a whole response (body read). */
async function timed(s: Server, path: string, n: number): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(s.base + path, { headers: { authorization: `Bearer ${s.token}` } });
    if (!res.ok) throw new Error(`${path} → ${res.status}`);
    bytes += (await res.arrayBuffer()).byteLength;
    times.push(performance.now() - t0);
  }
  return { ms: median(times), bytes };
}

/**
 * The figures besides page throughput: the yearly report PDF, the national criteria for all estates in a year
 * (in-process on PostgreSQL: reading the year and evaluating every estate), and the full open-data export.
 */
export async function extraFigures(s: Server, kind: 'pglite' | 'postgres'): Promise<Figure[]> {
  const figures: Figure[] = [];
  // Reports not sent yet, each asked for once: assembled from live data and laid out (after the first request a report
  // is kept by its read model until something is written, so asking for one report ten times would time the cache).
  const drafts = (await reportRows(s)).filter((r) => !isSent(r) && r.state !== 'superseded').slice(0, 10);
  if (!drafts.length) throw new Error('The data set has no yearly report that is not sent.');
  const layouts: number[] = [];
  for (const d of drafts) layouts.push((await timed(s, `/planer/${d.planId}/rapporter/${d.year}/rapport.pdf`, 1)).ms);
  figures.push({
    label: `Årsrapport som PDF, ikke indsendt (én ad gangen, median af ${layouts.length} forskellige)`,
    value: median(layouts),
    unit: 'ms',
    target: 1000,
    lowerIsBetter: true,
  });

  // The full open-data export: every published year, at every level; the server's peak memory during it alone.
  s.maxRssMb = 0;
  const t0 = performance.now();
  let bytes = 0;
  for (let year = 2016; year <= 2025; year++) bytes += (await timed(s, `/noegletal/data.csv?aar=${year}`, 1)).bytes;
  figures.push({
    label: `Hele open data-eksporten (10 år, ${(bytes / 2 ** 20).toFixed(1)} MB)`,
    value: (performance.now() - t0) / 1000,
    unit: 's',
    target: 5,
    lowerIsBetter: true,
  });
  figures.push({
    label: 'Serverens hukommelse under eksporten (maks. RSS)',
    value: s.maxRssMb,
    unit: 'MB',
    target: 300,
    lowerIsBetter: true,
  });

  if (kind === 'postgres' && s.env.DATABASE_URL) {
    const r = await timeNationalCriteria(s.env.DATABASE_URL);
    figures.push({
      label: `Nationale kriterier for alle ${r.estates.toLocaleString('da-DK')} afdelinger i ét år (indlæs + vurdér)`,
      value: r.medianMs,
      unit: 'ms',
      target: 100,
      lowerIsBetter: true,
      onlyFor: 'postgres',
    });
  }
  return figures;
}
