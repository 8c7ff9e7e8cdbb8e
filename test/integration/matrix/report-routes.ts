import type { Db } from '../../../src/db/database.ts';
import { buildReport } from '../../../src/services/reports/build.ts';
import { type ReportSnapshot, snapshotHash } from '../../../src/services/reports/reports.ts';
import { activePlan } from '../changes/support.ts';
import type { RouteCase } from './types.ts';

const central = ['admin', 'secretariat'] as const;
/** R7: the housing organisations behind the plan write, approve and submit. */
const partyStaff = ['organisation'] as const;
const readers = [...central, 'municipalTMF', 'municipalBIF', 'organisation'] as const;
const overview = [...central, 'municipalTMF', 'municipalBIF', 'lbf'] as const;
let deadlineYear = 0;
const narrative = { results: 'a', challenges: 'b', adjustments: 'c', nextFocus: 'd', residentInvolvement: 'e' };
let written = 0;
/** A narrative that differs from the last one saved, so every save changes something to audit. */
const fresh = () => ({ results: `a ${++written}`, challenges: 'b', adjustments: 'c', nextFocus: 'd', residentInvolvement: 'e' });

/** A report of the own organisation's plan (Nørrebro) for 2025 in a state; a submitted one is frozen with its hash. */
async function reportIn(db: Db, ownOrg: number, state: 'draft' | 'ready' | 'submitted') {
  const p = await activePlan(db, { organisationIds: [ownOrg], districtNumber: 3 });
  const goal = await db
    .insertInto('goal')
    .values({ plan_id: p.plan.id, title: 'Mål', description: '', sort: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const criterion = await db
    .insertInto('success_criterion')
    .values({
      plan_id: p.plan.id,
      goal_id: goal.id,
      indicator_name: 'Indikator',
      direction: 'increase',
      baseline_value: 1,
      baseline_date: '2023-01-01',
      target_value: 2,
      target_date: '2026-12-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const snapshot: ReportSnapshot | null =
    state === 'submitted'
      ? { planId: p.plan.id, year: 2025, revision: 1, content: await buildReport(db, p.plan.id, 2025), narrative }
      : null;
  const r = await db
    .insertInto('report')
    .values({
      plan_id: p.plan.id,
      year: 2025,
      state,
      narrative: JSON.stringify(narrative),
      previous_id: null,
      snapshot: snapshot && JSON.stringify(snapshot),
      content_hash: snapshot && snapshotHash(snapshot),
      ready_at: null,
      approved_at: null,
      submitted_at: snapshot ? new Date() : null,
      acknowledged_at: null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return { planId: p.plan.id, version: r.version, criterionId: criterion.id };
}

/** R6, R7, R10 — every yearly-report route: who may call it. */
export const reportRoutes: RouteCase[] = [
  { route: 'GET /api/v1/reports', allowed: overview, build: async () => ({ path: '/api/v1/reports?year=2025' }) },
  {
    route: 'GET /api/v1/plans/:id/reports/:year',
    allowed: readers,
    build: async (db, ids) => ({ path: `/api/v1/plans/${(await reportIn(db, ids.ownOrg, 'draft')).planId}/reports/2025` }),
  },
  {
    route: 'PUT /api/v1/plans/:id/reports/:year/narrative',
    allowed: partyStaff,
    build: async (db, ids) => {
      const r = await reportIn(db, ids.ownOrg, 'draft');
      return { path: `/api/v1/plans/${r.planId}/reports/2025/narrative`, json: { version: r.version, narrative: fresh() } };
    },
  },
  {
    route: 'POST /api/v1/plans/:id/reports/:year/transitions',
    allowed: partyStaff,
    build: async (db, ids) => {
      const r = await reportIn(db, ids.ownOrg, 'ready');
      return { path: `/api/v1/plans/${r.planId}/reports/2025/transitions`, json: { version: r.version, action: 'approve' } };
    },
  },
  {
    route: 'POST /api/v1/plans/:id/reports/:year/verdicts',
    allowed: central,
    build: async (db, ids) => {
      const r = await reportIn(db, ids.ownOrg, 'submitted');
      return {
        path: `/api/v1/plans/${r.planId}/reports/2025/verdicts`,
        json: { version: r.version, decidedOn: '2026-11-01', verdicts: [{ criterionId: r.criterionId, verdict: 'met' }] },
      };
    },
  },
  {
    route: 'PUT /api/v1/report-deadlines/:year',
    allowed: central,
    build: async (db) => {
      const year = 2000 + (++deadlineYear % 90);
      const current = await db.selectFrom('report_deadline').select('version').where('year', '=', year).executeTakeFirst();
      return {
        path: `/api/v1/report-deadlines/${year}`,
        json: { version: current?.version ?? 0, dueOn: `${year + 1}-06-30`, remindDays: 30 },
      };
    },
  },
  {
    route: 'POST /planer/:id/rapporter/:year/:action',
    allowed: partyStaff,
    build: async (db, ids) => {
      const r = await reportIn(db, ids.ownOrg, 'draft');
      return { path: `/planer/${r.planId}/rapporter/2025/beretning`, form: { version: String(r.version), ...fresh() } };
    },
  },
  {
    route: 'POST /rapporter/frister/:year',
    allowed: central,
    build: async (db) => {
      const year = 2000 + (++deadlineYear % 90);
      const current = await db.selectFrom('report_deadline').select('version').where('year', '=', year).executeTakeFirst();
      return {
        path: `/rapporter/frister/${year}`,
        form: { version: String(current?.version ?? 0), dueOn: `${year + 1}-06-30`, remindDays: '30' },
      };
    },
  },
];
