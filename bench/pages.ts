import type { Server } from './run.ts';

/** A page the benchmark loads, by its Danish label and its path on the server. */
export interface BenchPage {
  label: string;
  path: string;
}

async function get<T>(s: Server, path: string): Promise<T> {
  const res = await fetch(s.base + path, { headers: { authorization: `Bearer ${s.token}` } });
  if (!res.ok) throw new Error(`${path} → ${res.status}`);
  return (await res.json()) as T;
}

/** A plan's yearly report as the secretariat's overview lists it (`GET /api/v1/reports`). */
export interface ReportRow {
  planId: number;
  year: number;
  state: string;
}

/** Every plan's yearly reports, with the state of each one's latest revision. */
export const reportRows = (s: Server) => get<ReportRow[]>(s, '/api/v1/reports');

/** Sent to LBF: the PDF is made from the frozen snapshot (and kept by its hash). */
export const isSent = (r: ReportRow) => r.state === 'submitted' || r.state === 'acknowledged';

/**
 * The heaviest page of each kind in the national data set, found through the API as the benchmark user
 * (the secretariat) sees it: the largest active plan, its district, its latest submitted yearly report, a national
 * body with ten years of meetings.
 */
export async function benchPages(s: Server): Promise<BenchPage[]> {
  const plans = await get<{ items: { id: number }[] }>(s, '/api/v1/plans?state=active&pageSize=200');
  const details = await Promise.all(
    plans.items
      .slice(0, 40)
      .map((p) =>
        get<{ id: number; district: { id: number } | null; subAgreements: { activities: unknown[] }[] }>(s, `/api/v1/plans/${p.id}`),
      ),
  );
  const plan = details.sort(
    (a, b) => b.subAgreements.flatMap((x) => x.activities).length - a.subAgreements.flatMap((x) => x.activities).length,
  )[0]!;
  const submitted = (await reportRows(s)).filter((r) => r.planId === plan.id && isSent(r)).sort((a, b) => b.year - a.year)[0];
  if (!submitted) throw new Error(`Plan ${plan.id} has no submitted yearly report in the data set.`);
  const bodies = await get<{ id: number; type: string; name: string }[]>(s, '/api/v1/bodies');
  const body =
    bodies.find((b) => b.type === 'district_board' && b.name.startsWith('Bydelsbestyrelse 1 ')) ??
    bodies.find((b) => b.type === 'district_board')!;
  return [
    { label: 'Forside (byens overblik)', path: '/' },
    { label: 'Planside', path: `/planer/${plan.id}` },
    { label: 'Økonomi for en bydel', path: `/oekonomi?bydel=${plan.district?.id ?? ''}` },
    { label: 'Nøgletal: kortdata', path: '/noegletal/kort.geojson' },
    { label: 'Møder: et organs side med ti års møder', path: `/styring/organer/${body.id}` },
    { label: 'Planens historik', path: `/historik/plan/${plan.id}` },
    { label: 'Indsendt årsrapport som PDF', path: `/planer/${plan.id}/rapporter/${submitted.year}/rapport.pdf` },
    { label: 'API: planer med filter', path: '/api/v1/plans?state=active&q=Helhedsplan&pageSize=50' },
  ];
}
