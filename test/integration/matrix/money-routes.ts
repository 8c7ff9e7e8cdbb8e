import type { Db } from '../../../src/db/database.ts';
import { makePlan } from '../../support/factories.ts';
import { planWithBudget } from '../money/support.ts';
import type { RouteCase } from './types.ts';

const central = ['admin', 'secretariat'] as const;
/** R7: the housing organisations behind the plan keep budget and accounts (with the secretariat). */
const keepers = [...central, 'organisation'] as const;
/** Draft economy is seen by the parties, the municipality and the secretariat. */
const draftReaders = [...central, 'municipalTMF', 'municipalBIF', 'organisation'] as const;
/** R8: the pool is managed by TMF (and registered by the secretariat or the administrator). */
const poolKeepers = [...central, 'municipalTMF'] as const;

const active = (db: Db, ownOrg: number) => planWithBudget(db, { organisationIds: [ownOrg], state: 'active' });

async function previewed(db: Db, ownOrg: number) {
  const p = await active(db, ownOrg);
  const row = await db
    .insertInto('account_import')
    .values({
      plan_id: p.plan.id,
      file_name: 'matrix.csv',
      rows: JSON.stringify([
        { row: 2, lineId: p.lines.staff, lineName: 'Personale', year: 2024, amountOre: 100, bookedOn: null, text: '' },
      ]),
      errors: JSON.stringify([]),
      years: JSON.stringify([2024]),
      created_by_label: 'matrix',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { planId: p.plan.id, importId: row.id };
}

const budgetJson = {
  version: 0,
  frameOre: 100_000,
  lines: [{ name: 'Personale', kind: 'staff', perYear: { '2024': 100_000 } }],
  funders: [
    { kind: 'lbf', name: 'LBF', amountOre: 75_000 },
    { kind: 'municipality', name: 'Kbh', amountOre: 12_500 },
    { kind: 'other', name: 'Fond', amountOre: 12_500 },
  ],
};
const budgetForm = {
  version: '0',
  frame: '1.000',
  'line-0-name': 'Personale',
  'line-0-kind': 'staff',
  'line-0-y2024': '1.000',
  'funder-0-kind': 'lbf',
  'funder-0-amount': '750',
  'funder-1-kind': 'municipality',
  'funder-1-amount': '125',
  'funder-2-kind': 'other',
  'funder-2-name': 'Fond',
  'funder-2-amount': '125',
};

/** R1, R7, R8 — every money route: who may call it. */
export const moneyRoutes: RouteCase[] = [
  {
    route: 'GET /api/v1/plans/:id/finance',
    allowed: draftReaders,
    build: async (db, ids) => ({ path: `/api/v1/plans/${(await makePlan(db, { organisationIds: [ids.ownOrg] })).plan.id}/finance` }),
  },
  {
    route: 'PUT /api/v1/plans/:id/budget',
    allowed: keepers,
    build: async (db, ids) => ({
      path: `/api/v1/plans/${(await makePlan(db, { organisationIds: [ids.ownOrg] })).plan.id}/budget`,
      json: budgetJson,
    }),
  },
  {
    route: 'GET /api/v1/plans/:id/accounts',
    allowed: 'everyone',
    build: async (db, ids) => ({ path: `/api/v1/plans/${(await active(db, ids.ownOrg)).plan.id}/accounts` }),
  },
  {
    route: 'POST /api/v1/plans/:id/accounts',
    allowed: keepers,
    build: async (db, ids) => {
      const p = await active(db, ids.ownOrg);
      return { path: `/api/v1/plans/${p.plan.id}/accounts`, json: { lineId: p.lines.staff, year: 2024, amountOre: 100 } };
    },
  },
  {
    route: 'POST /api/v1/plans/:id/accounts/import',
    allowed: keepers,
    build: async (db, ids) => ({
      path: `/api/v1/plans/${(await active(db, ids.ownOrg)).plan.id}/accounts/import`,
      json: { rows: [{ budgetLine: 'Personale', year: 2024, amountOre: 100 }] },
    }),
  },
  { route: 'GET /api/v1/pool', allowed: 'everyone', build: async () => ({ path: '/api/v1/pool' }) },
  {
    route: 'POST /api/v1/pool/entries',
    allowed: poolKeepers,
    build: async () => ({
      path: '/api/v1/pool/entries',
      json: { kind: 'deposit', amountOre: 100, decision: 'Matrix', decidedOn: '2026-01-01' },
    }),
  },
  { route: 'GET /api/v1/finance/overview', allowed: 'everyone', build: async () => ({ path: '/api/v1/finance/overview' }) },
  {
    route: 'POST /planer/:id/oekonomi/budget',
    allowed: keepers,
    build: async (db, ids) => ({
      path: `/planer/${(await makePlan(db, { organisationIds: [ids.ownOrg] })).plan.id}/oekonomi/budget`,
      form: budgetForm,
    }),
  },
  {
    route: 'POST /planer/:id/oekonomi/regnskab',
    allowed: keepers,
    build: async (db, ids) => {
      const p = await active(db, ids.ownOrg);
      return { path: `/planer/${p.plan.id}/oekonomi/regnskab`, form: { lineId: String(p.lines.staff), year: '2024', amount: '100' } };
    },
  },
  {
    route: 'POST /planer/:id/oekonomi/regnskab/:entry/slet',
    allowed: keepers,
    build: async (db, ids) => {
      const p = await active(db, ids.ownOrg);
      const e = await db
        .insertInto('account_entry')
        .values({ plan_id: p.plan.id, line_id: p.lines.staff, year: 2024, amount_ore: 100, created_by_label: 'matrix' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { path: `/planer/${p.plan.id}/oekonomi/regnskab/${e.id}/slet`, form: {} };
    },
  },
  {
    route: 'POST /planer/:id/oekonomi/import',
    allowed: keepers,
    build: async (db, ids) => ({
      path: `/planer/${(await active(db, ids.ownOrg)).plan.id}/oekonomi/import`,
      form: { text: 'Budgetlinje;År;Beløb\nPersonale;2024;100' },
    }),
  },
  {
    route: 'POST /planer/:id/oekonomi/import/:import',
    allowed: keepers,
    build: async (db, ids) => {
      const p = await previewed(db, ids.ownOrg);
      return { path: `/planer/${p.planId}/oekonomi/import/${p.importId}`, form: {} };
    },
  },
  {
    route: 'POST /planer/:id/oekonomi/import/:import/kasser',
    allowed: keepers,
    build: async (db, ids) => {
      const p = await previewed(db, ids.ownOrg);
      return { path: `/planer/${p.planId}/oekonomi/import/${p.importId}/kasser`, form: {} };
    },
  },
  {
    route: 'POST /pulje/:kind',
    allowed: poolKeepers,
    build: async () => ({ path: '/pulje/indskud', form: { amount: '1,00', decision: 'Matrix', decidedOn: '2026-01-01' } }),
  },
];
