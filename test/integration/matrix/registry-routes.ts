import { makeEstate, makeOrganisation } from '../../support/factories.ts';
import type { RouteCase } from './types.ts';

const central = ['admin', 'secretariat'] as const;
const estateJson = (org: number, n: number) => ({ organisationId: org, number: n, name: `Matrix ${n}` });
const estateForm = (org: number, n: number, version?: number) => ({
  organisationId: String(org),
  number: String(n),
  name: `Matrix ${n}`,
  dwellings: '1',
  residents: '1',
  ...(version ? { version: String(version) } : {}),
});
let n = 50_000;
const area = async (db: Parameters<RouteCase['build']>[0]) =>
  db
    .insertInto('urban_area')
    .values({
      municipality_id: (await db.selectFrom('municipality').select('id').executeTakeFirstOrThrow()).id,
      name: `Område ${++n}`,
      valid_from: '2020-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
const areaJson = () => ({ name: `Område ${++n}`, validFrom: '2020-01-01' });
const tmf = [...central, 'municipalTMF'] as const;

/** Every registry route: who may call it (R16/R18 policy as seen through HTTP). */
export const registryRoutes: RouteCase[] = [
  { route: 'GET /api/v1/districts', allowed: 'everyone', build: async () => ({ path: '/api/v1/districts' }) },
  {
    route: 'GET /api/v1/districts/:id',
    allowed: 'everyone',
    build: async (db) => ({ path: `/api/v1/districts/${(await db.selectFrom('district').select('id').executeTakeFirstOrThrow()).id}` }),
  },
  { route: 'GET /api/v1/urban-areas', allowed: 'everyone', build: async () => ({ path: '/api/v1/urban-areas' }) },
  {
    route: 'GET /api/v1/urban-areas/:id',
    allowed: 'everyone',
    build: async (db) => ({ path: `/api/v1/urban-areas/${(await area(db)).id}` }),
  },
  { route: 'POST /api/v1/urban-areas', allowed: tmf, build: async () => ({ path: '/api/v1/urban-areas', json: areaJson() }) },
  {
    route: 'PUT /api/v1/urban-areas/:id',
    allowed: tmf,
    build: async (db) => ({ path: `/api/v1/urban-areas/${(await area(db)).id}`, json: { ...areaJson(), version: 1 } }),
  },
  {
    route: 'DELETE /api/v1/urban-areas/:id',
    allowed: tmf,
    build: async (db) => ({ path: `/api/v1/urban-areas/${(await area(db)).id}?version=1` }),
  },
  { route: 'GET /api/v1/organisations', allowed: 'everyone', build: async () => ({ path: '/api/v1/organisations' }) },
  {
    route: 'GET /api/v1/organisations/:id',
    allowed: 'everyone',
    build: async (_db, ids) => ({ path: `/api/v1/organisations/${ids.otherOrg}` }),
  },
  {
    route: 'POST /api/v1/organisations',
    allowed: central,
    build: async () => ({ path: '/api/v1/organisations', json: { name: `Org ${++n}`, shortName: `O${n}` } }),
  },
  {
    route: 'PUT /api/v1/organisations/:id',
    allowed: central,
    build: async (db) => ({
      path: `/api/v1/organisations/${(await makeOrganisation(db)).id}`,
      json: { name: `Org ${++n}`, shortName: `O${n}`, version: 1 },
    }),
  },
  {
    route: 'DELETE /api/v1/organisations/:id',
    allowed: central,
    build: async (db) => ({ path: `/api/v1/organisations/${(await makeOrganisation(db)).id}?version=1` }),
  },
  { route: 'GET /api/v1/estates', allowed: 'everyone', build: async () => ({ path: '/api/v1/estates?sort=name' }) },
  {
    route: 'GET /api/v1/estates/:id',
    allowed: 'everyone',
    build: async (db, ids) => ({ path: `/api/v1/estates/${(await makeEstate(db, { organisationId: ids.otherOrg })).id}` }),
  },
  {
    route: 'POST /api/v1/estates',
    allowed: [...central, 'organisation'],
    build: async (_db, ids) => ({ path: '/api/v1/estates', json: estateJson(ids.ownOrg, ++n) }),
  },
  {
    route: 'PUT /api/v1/estates/:id',
    allowed: [...central, 'organisation'],
    build: async (db, ids) => ({
      path: `/api/v1/estates/${(await makeEstate(db, { organisationId: ids.ownOrg })).id}`,
      json: { ...estateJson(ids.ownOrg, ++n), version: 1 },
    }),
  },
  {
    route: 'DELETE /api/v1/estates/:id',
    allowed: central,
    build: async (db, ids) => ({ path: `/api/v1/estates/${(await makeEstate(db, { organisationId: ids.otherOrg })).id}?version=1` }),
  },
  {
    route: 'POST /afdelinger/ny',
    allowed: [...central, 'organisation'],
    build: async (_db, ids) => ({ path: '/afdelinger/ny', form: estateForm(ids.ownOrg, ++n) }),
  },
  {
    route: 'POST /afdelinger/:id/rediger',
    allowed: [...central, 'organisation'],
    build: async (db, ids) => ({
      path: `/afdelinger/${(await makeEstate(db, { organisationId: ids.ownOrg })).id}/rediger`,
      form: estateForm(ids.ownOrg, ++n, 1),
    }),
  },
  {
    route: 'POST /afdelinger/:id/slet',
    allowed: [...central, 'organisation'],
    build: async (db, ids) => ({
      path: `/afdelinger/${(await makeEstate(db, { organisationId: ids.ownOrg })).id}/slet`,
      form: { version: '1' },
    }),
  },
  {
    route: 'POST /organisationer/ny',
    allowed: central,
    build: async () => ({ path: '/organisationer/ny', form: { name: `Org ${++n}`, shortName: `P${n}` } }),
  },
  {
    route: 'POST /organisationer/:id/rediger',
    allowed: [...central, 'organisation'],
    build: async (db, ids) => ({
      path: `/organisationer/${ids.ownOrg}/rediger`,
      form: {
        name: `Egen ${++n}`,
        shortName: `EGEN${n}`,
        version: String(
          (await db.selectFrom('organisation').select('version').where('id', '=', ids.ownOrg).executeTakeFirstOrThrow()).version,
        ),
      },
    }),
  },
  {
    route: 'POST /organisationer/:id/slet',
    allowed: central,
    build: async (db) => ({ path: `/organisationer/${(await makeOrganisation(db)).id}/slet`, form: { version: '1' } }),
  },
  {
    route: 'POST /byomraader/ny',
    allowed: tmf,
    build: async () => ({ path: '/byomraader/ny', form: { name: `Område ${++n}`, validFrom: '2020-01-01' } }),
  },
  {
    route: 'POST /byomraader/:id/rediger',
    allowed: tmf,
    build: async (db) => ({
      path: `/byomraader/${(await area(db)).id}/rediger`,
      form: { name: `Område ${++n}`, validFrom: '2020-01-01', version: '1' },
    }),
  },
  {
    route: 'POST /byomraader/:id/slet',
    allowed: tmf,
    build: async (db) => ({ path: `/byomraader/${(await area(db)).id}/slet`, form: { version: '1' } }),
  },
  {
    route: 'POST /bydele/:id/rediger',
    allowed: ['admin'],
    build: async (db) => {
      const d = await db.selectFrom('district').select(['id', 'name', 'version']).where('number', '=', 1).executeTakeFirstOrThrow();
      return { path: `/bydele/${d.id}/rediger`, form: { name: `${d.name.replace(/ \d+$/, '')} ${++n}`, version: String(d.version) } };
    },
  },
];
