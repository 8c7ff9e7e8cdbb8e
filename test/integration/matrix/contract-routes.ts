import type { Db } from '../../../src/db/database.ts';
import { contractAreas } from '../../../src/services/cooperation/index.ts';
import { planInArea } from '../../support/cooperation.ts';
import type { RouteCase } from './types.ts';

/** R17: the secretariat (and TMF) create contracts; the area's forum/board revises; a plan's parties link activities. */
const creators = ['admin', 'secretariat', 'municipalTMF'] as const;
const revisers = ['admin', 'secretariat'] as const;
const staff = ['admin', 'secretariat', 'municipalTMF', 'municipalBIF', 'organisation', 'projectLeader', 'boardMember', 'lbf'] as const;
const AREA = 'Valby/Sydhavnen';
let n = 0;

/** The shared draft contract of the matrix, with one goal. */
async function draft(db: Db) {
  let c = await db.selectFrom('cooperation_contract').select(['id', 'version']).where('area_name', '=', AREA).executeTakeFirst();
  if (!c) {
    c = await db
      .insertInto('cooperation_contract')
      .values({ area_name: AREA, body_id: null, title: 'Matrixkontrakt', approved_on: null, approved_with_plan_id: null })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await db
      .insertInto('cooperation_goal')
      .values({ contract_id: c.id, theme: 'Sundhed', title: 'Matrixmål', success_criteria: 'x', roles: '[]' })
      .execute();
  }
  const goal = await db.selectFrom('cooperation_goal').select('id').where('contract_id', '=', c.id).orderBy('id').executeTakeFirstOrThrow();
  return { ...c, goalId: goal.id };
}

const goalJson = () => ({
  theme: 'Sundhed',
  title: `Matrixmål ${++n}`,
  successCriteria: 'Flere i sundhedstilbud',
  roles: 'SUF: sundhedshuset',
});
const goalForm = (version: number) => ({ version: String(version), ...goalJson() });

async function freeArea(db: Db) {
  const taken = new Set((await db.selectFrom('cooperation_contract').select('area_name').execute()).map((r) => r.area_name));
  return (await contractAreas(db)).find((a) => !taken.has(a) && a !== AREA)!;
}

export const contractRoutes: RouteCase[] = [
  { route: 'GET /api/v1/contracts', allowed: 'everyone', build: async () => ({ path: '/api/v1/contracts' }) },
  { route: 'GET /api/v1/contracts/:id', allowed: staff, build: async (db) => ({ path: `/api/v1/contracts/${(await draft(db)).id}` }) },
  {
    route: 'POST /api/v1/contracts',
    allowed: creators,
    build: async (db) => ({ path: '/api/v1/contracts', json: { areaName: await freeArea(db), bodyId: null, title: 'Kontrakt' } }),
  },
  {
    route: 'POST /api/v1/contracts/:id/goals',
    allowed: revisers,
    build: async (db) => {
      const c = await draft(db);
      return { path: `/api/v1/contracts/${c.id}/goals`, json: { version: c.version, ...goalJson() } };
    },
  },
  {
    route: 'PUT /api/v1/contracts/:id/goals/:goalId',
    allowed: revisers,
    build: async (db) => {
      const c = await draft(db);
      return { path: `/api/v1/contracts/${c.id}/goals/${c.goalId}`, json: { version: c.version, ...goalJson() } };
    },
  },
  {
    route: 'POST /api/v1/contracts/:id/goals/:goalId/activities',
    allowed: ['admin', 'secretariat', 'organisation'],
    build: async (db, ids) => {
      const c = await draft(db);
      const p = await planInArea(db, AREA, { organisationIds: [ids.ownOrg], state: 'active' });
      return { path: `/api/v1/contracts/${c.id}/goals/${c.goalId}/activities`, json: { activityId: p.activityId } };
    },
  },
  {
    route: 'POST /kontrakter/ny',
    allowed: creators,
    build: async (db) => ({ path: '/kontrakter/ny', form: { areaName: await freeArea(db), bodyId: '', title: 'Kontrakt' } }),
  },
  {
    route: 'POST /kontrakter/:id/maal/ny',
    allowed: revisers,
    build: async (db) => {
      const c = await draft(db);
      return { path: `/kontrakter/${c.id}/maal/ny`, form: goalForm(c.version) };
    },
  },
  {
    route: 'POST /kontrakter/:id/maal/:goalId',
    allowed: revisers,
    build: async (db) => {
      const c = await draft(db);
      return { path: `/kontrakter/${c.id}/maal/${c.goalId}`, form: goalForm(c.version) };
    },
  },
  {
    route: 'POST /kontrakter/:id/maal/:goalId/aktiviteter',
    allowed: ['admin', 'secretariat', 'organisation'],
    build: async (db, ids) => {
      const c = await draft(db);
      const p = await planInArea(db, AREA, { organisationIds: [ids.ownOrg], state: 'active' });
      return { path: `/kontrakter/${c.id}/maal/${c.goalId}/aktiviteter`, form: { activityId: String(p.activityId) } };
    },
  },
];
