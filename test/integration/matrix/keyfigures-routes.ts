import type { Db } from '../../../src/db/database.ts';
import type { RouteCase } from './types.ts';

const importers = ['admin', 'secretariat', 'municipalTMF'] as const;
const configurers = ['admin', 'secretariat'] as const;
const FIGURE_YEAR = 2030;
let nextYear = 2040;

/** One estate's figures for FIGURE_YEAR, so the year's read routes have something to show. */
async function withFigures(db: Db): Promise<number> {
  const has = await db.selectFrom('keyfigure_estate_year').select('id').where('year', '=', FIGURE_YEAR).executeTakeFirst();
  if (has) return FIGURE_YEAR;
  const org = await db
    .insertInto('organisation')
    .values({ name: 'Matrix nøgletal', short_name: `MNT${Date.now()}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const estate = await db
    .insertInto('estate')
    .values({ organisation_id: org.id, number: 1, name: 'Matrixafdeling', residents: 1200 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const imp = await db
    .insertInto('keyfigure_import')
    .values({
      year: FIGURE_YEAR,
      file_name: 'matrix.csv',
      file_kind: 'csv',
      status: 'imported',
      uploaded_by_label: 'test',
      rows: '[]',
      errors: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('keyfigure_estate_year')
    .values({
      estate_id: estate.id,
      year: FIGURE_YEAR,
      import_id: imp.id,
      residents: 1200,
      ratios: JSON.stringify({
        outsideWorkOrEducation: { numerator: 300, denominator: 700 },
        nonWesternOrigin: { numerator: 600, denominator: 1200 },
      }),
    })
    .execute();
  return FIGURE_YEAR;
}

/** A file in preview (no rows, no errors) for a year of its own, so confirming it disturbs nothing. */
async function preview(db: Db): Promise<number> {
  const r = await db
    .insertInto('keyfigure_import')
    .values({ year: nextYear++, file_name: 'matrix.csv', file_kind: 'csv', uploaded_by_label: 'test', rows: '[]', errors: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const settingsVersion = async (db: Db) => (await db.selectFrom('keyfigure_setting').select('version').executeTakeFirstOrThrow()).version;
/** R20 — the other origin definition than the stored one, so every swap changes something to audit. */
const otherOrigin = async (db: Db) =>
  (await db.selectFrom('keyfigure_setting').select('origin_definition').executeTakeFirstOrThrow()).origin_definition === 'law'
    ? 'omit'
    : 'law';
const someCsv = 'organisation,afdelingsnummer,beboere\nFINDESIKKE,1,10';

/** R18/R20 — every key-figure route: reading is public, importing is for the secretariat/admin/TMF, the rule for admin/secretariat. */
/** Each rule saved differs from the last, so every save changes something to audit. */
let ruleNo = 0;

export const keyfigureRoutes: RouteCase[] = [
  { route: 'GET /api/v1/keyfigures/years', allowed: 'everyone', build: async () => ({ path: '/api/v1/keyfigures/years' }) },
  {
    route: 'GET /api/v1/keyfigures/:year/figures',
    allowed: 'everyone',
    build: async (db) => ({ path: `/api/v1/keyfigures/${await withFigures(db)}/figures` }),
  },
  {
    route: 'GET /api/v1/keyfigures/:year/open-data',
    allowed: 'everyone',
    build: async (db) => ({ path: `/api/v1/keyfigures/${await withFigures(db)}/open-data` }),
  },
  {
    route: 'GET /api/v1/keyfigures/:year/designations',
    allowed: 'everyone',
    build: async (db) => ({ path: `/api/v1/keyfigures/${await withFigures(db)}/designations` }),
  },
  {
    route: 'GET /api/v1/keyfigures/:year/criteria',
    allowed: 'everyone',
    build: async (db) => ({ path: `/api/v1/keyfigures/${await withFigures(db)}/criteria` }),
  },
  { route: 'GET /api/v1/keyfigures/lists/:year', allowed: 'everyone', build: async () => ({ path: '/api/v1/keyfigures/lists/2014' }) },
  { route: 'GET /api/v1/keyfigures/settings', allowed: 'everyone', build: async () => ({ path: '/api/v1/keyfigures/settings' }) },
  {
    route: 'GET /api/v1/keyfigures/:year/list-areas',
    allowed: 'everyone',
    build: async (db) => ({ path: `/api/v1/keyfigures/${await withFigures(db)}/list-areas` }),
  },
  {
    route: 'GET /api/v1/keyfigures/list-status/:year',
    allowed: 'everyone',
    build: async () => ({ path: '/api/v1/keyfigures/list-status/2018' }),
  },
  {
    route: 'PUT /api/v1/keyfigures/settings/origin',
    allowed: configurers,
    build: async (db) => ({
      path: '/api/v1/keyfigures/settings/origin',
      json: { version: await settingsVersion(db), originDefinition: await otherOrigin(db) },
    }),
  },
  {
    route: 'PUT /api/v1/keyfigures/settings',
    allowed: configurers,
    build: async (db) => ({
      path: '/api/v1/keyfigures/settings',
      json: {
        version: await settingsVersion(db),
        name: 'Matrixregel',
        indicators: ['outsideLabourForce', 'lowIncome', 'unsafe'],
        minDeviating: 2,
        deviation: { kind: 'relative', amount: String(20 + (++ruleNo % 50)) },
        suppressionThreshold: null,
      },
    }),
  },
  {
    route: 'POST /api/v1/keyfigures/imports',
    allowed: importers,
    build: async () => ({ path: '/api/v1/keyfigures/imports', json: { year: 2029, csv: someCsv } }),
  },
  {
    route: 'GET /api/v1/keyfigures/imports/:id',
    allowed: importers,
    build: async (db) => ({ path: `/api/v1/keyfigures/imports/${await preview(db)}` }),
  },
  {
    route: 'POST /api/v1/keyfigures/imports/:id/confirm',
    allowed: importers,
    build: async (db) => ({ path: `/api/v1/keyfigures/imports/${await preview(db)}/confirm`, json: { version: 1 } }),
  },
  {
    route: 'POST /noegletal/import',
    allowed: importers,
    build: async () => ({ path: '/noegletal/import', form: { year: '2029', content: someCsv } }),
  },
  {
    route: 'POST /noegletal/import/:id/gem',
    allowed: importers,
    build: async (db) => ({ path: `/noegletal/import/${await preview(db)}/gem`, form: { version: '1' } }),
  },
  {
    route: 'POST /noegletal/import/:id/kasser',
    allowed: importers,
    build: async (db) => ({ path: `/noegletal/import/${await preview(db)}/kasser`, form: { version: '1' } }),
  },
  {
    route: 'POST /noegletal/regel',
    allowed: configurers,
    build: async (db) => ({
      path: '/noegletal/regel',
      form: {
        version: String(await settingsVersion(db)),
        name: 'Matrixregel',
        indicators: 'outsideLabourForce',
        minDeviating: '1',
        deviationKind: 'points',
        deviation: String(1 + (++ruleNo % 50)),
        threshold: '',
      },
    }),
  },
  {
    route: 'POST /noegletal/regel/oprindelse',
    allowed: configurers,
    build: async (db) => ({
      path: '/noegletal/regel/oprindelse',
      form: { version: String(await settingsVersion(db)), originDefinition: await otherOrigin(db) },
    }),
  },
];
