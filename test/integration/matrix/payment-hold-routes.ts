import type { Db } from '../../../src/db/database.ts';
import { makePlan } from '../../support/factories.ts';
import type { RouteCase } from './types.ts';

/** R6: only LBF (and the system administrator) records and releases a payment hold. */
const holders = ['admin', 'lbf'] as const;

async function heldPlan(db: Db, ownOrg: number) {
  const { plan } = await makePlan(db, { organisationIds: [ownOrg], state: 'active' });
  const h = await db
    .insertInto('payment_hold')
    .values({
      plan_id: plan.id,
      report_year: 2025,
      held_on: '2026-07-15',
      released_on: null,
      recorded_by_label: 'matrix',
      recorded_by_user_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { planId: plan.id, holdId: h.id };
}

export const paymentHoldRoutes: RouteCase[] = [
  {
    route: 'POST /planer/:id/betalingsstop',
    allowed: holders,
    build: async (db, ids) => ({
      path: `/planer/${(await makePlan(db, { organisationIds: [ids.ownOrg], state: 'active' })).plan.id}/betalingsstop`,
      form: { year: '2025', reason: 'Matrix' },
    }),
  },
  {
    route: 'POST /planer/:id/betalingsstop/:holdId/frigiv',
    allowed: holders,
    build: async (db, ids) => {
      const h = await heldPlan(db, ids.ownOrg);
      return { path: `/planer/${h.planId}/betalingsstop/${h.holdId}/frigiv`, form: { version: '1' } };
    },
  },
  {
    route: 'GET /api/v1/plans/:id/payment-holds',
    // The plan's own organisation, LBF, the secretariat and the municipality see the holds.
    allowed: ['admin', 'secretariat', 'municipalTMF', 'municipalBIF', 'organisation', 'lbf'],
    build: async (db, ids) => ({ path: `/api/v1/plans/${(await heldPlan(db, ids.ownOrg)).planId}/payment-holds` }),
  },
  {
    route: 'POST /api/v1/plans/:id/payment-holds',
    allowed: holders,
    build: async (db, ids) => ({
      path: `/api/v1/plans/${(await makePlan(db, { organisationIds: [ids.ownOrg], state: 'active' })).plan.id}/payment-holds`,
      json: { year: 2025, reason: 'Matrix' },
    }),
  },
  {
    route: 'POST /api/v1/payment-holds/:id/release',
    allowed: holders,
    build: async (db, ids) => {
      const h = await heldPlan(db, ids.ownOrg);
      return { path: `/api/v1/payment-holds/${h.holdId}/release`, json: { version: 1 } };
    },
  },
];
