/**
 * R18 — open data from SQL sums (`published-year.ts`) is byte for byte what the published figures of the whole tree
 * give (`loadYear(…, { published: true })`, the computation before issue 20, kept below as the reference): on the
 * demo, and on a city-sized year with many small counts, estates without figures, a variable some estates lack and
 * another threshold. The CSV of every year streams the years one after another under one header.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VARIABLE_IDS } from '../../../src/domain/keyfigures/index.ts';
import { systemActor } from '../../../src/policy/actor.ts';
import {
  CSV_HEADER,
  csvLine,
  OPEN_LEVELS,
  type OpenLevel,
  type OpenRow,
  openDataRows,
  openRow,
} from '../../../src/services/keyfigures/opendata.ts';
import { figureYears, loadYear } from '../../../src/services/keyfigures/read.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeEstate, makeOrganisation } from '../../support/factories.ts';

// ---- the reference: open data as computed before issue 20 ----------------------------------------------------------

async function referenceRows(t: TestApp, year: number, levels: readonly OpenLevel[]): Promise<OpenRow[]> {
  const y = await loadYear(t.ctx(systemActor('Reference')), year, { defaultThreshold: 5, published: true });
  const rows: OpenRow[] = [];
  for (const f of y.units.values()) {
    if (!(levels as readonly string[]).includes(f.unit.level)) continue;
    rows.push(openRow(year, f));
  }
  return rows;
}

/** The CSV of the reference rows, written by the same line writer as the service (its format is checked below). */
const referenceCsv = (rows: readonly OpenRow[]) => `\uFEFF${CSV_HEADER}\r\n${rows.map(csvLine).join('')}`;

// ---- a city-sized synthetic year -----------------------------------------------------------------------------------

const SYNTHETIC_YEAR = 2031;

/** 360 more estates over six districts (some in urban areas), then figures for every estate with many small counts. */
async function syntheticYear(t: TestApp): Promise<void> {
  let s = 2026;
  const random = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const org = await makeOrganisation(t.db, { shortName: 'SYNT' });
  const areas = (await t.db.selectFrom('urban_area').select('id').orderBy('id').execute()).map((a) => a.id);
  for (let i = 0; i < 360; i++) {
    const e = await makeEstate(t.db, { organisationId: org.id, number: 1000 + i, districtNumber: 1 + (i % 6), name: `Syntetisk ${i}` });
    if (i % 3 !== 0 && areas.length > 0) {
      await t.db
        .updateTable('estate')
        .set({ urban_area_id: areas[i % areas.length]! })
        .where('id', '=', e.id)
        .execute();
    }
  }
  const imp = await t.db
    .insertInto('keyfigure_import')
    .values({
      year: SYNTHETIC_YEAR,
      file_name: 'syntetisk.csv',
      file_kind: 'csv',
      status: 'imported',
      uploaded_by_user_id: null,
      uploaded_by_label: 'Test',
      imported_at: new Date('2032-03-01T09:00:00Z'),
      row_count: 1,
      error_count: 0,
      rows: '[]',
      errors: '[]',
      municipality_figures: JSON.stringify({
        residents: 650_000,
        ratios: { convicted: { numerator: 3, denominator: 500_000 }, unsafe: { numerator: 40_000, denominator: 4 } },
      }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const estates = await t.db.selectFrom('estate').select('id').orderBy('id').execute();
  const count = (max: number) => (random() < 0.35 ? Math.floor(random() * 6) : Math.floor(random() * max));
  const rows = estates
    .filter((_, i) => i % 17 !== 5) // some estates have no figures this year
    .map((e, i) => {
      const residents = count(400);
      const part = (n: number) => ({ numerator: Math.min(count(n), residents), denominator: residents });
      const ratios: Record<string, { numerator: number; denominator: number }> = {
        outsideWorkOrEducation: part(150),
        nonWesternOrigin: part(300),
        convicted: part(8),
        basicEducationOnly: part(60),
        grossIncome: { numerator: residents * 23_456_789, denominator: count(250) },
        outsideLabourForce: part(120),
        lowIncome: part(90),
        shortEducation: part(100),
        smallDwellings: { numerator: count(30), denominator: 30 + count(100) },
        crowding: part(12),
        unsafe: { numerator: count(6), denominator: count(40) + 6 },
        voterTurnout: part(250),
      };
      // One estate in nine lacks the installations variable: the areas above it do not publish it.
      if (i % 9 !== 4) ratios.lackingInstallations = { numerator: count(5), denominator: 40 };
      return { estate_id: e.id, year: SYNTHETIC_YEAR, import_id: imp.id, residents, ratios: JSON.stringify(ratios) };
    });
  await t.db.insertInto('keyfigure_estate_year').values(rows).execute();
}

async function setThreshold(t: TestApp, threshold: number | null): Promise<void> {
  await t.db
    .updateTable('keyfigure_setting')
    .set({ suppression_threshold: threshold, version: sql`version + 1` })
    .where('id', '=', 1)
    .execute();
}

describeDb('Open data from SQL sums equals the published figures of the whole tree (R18)', () => {
  let t: TestApp;
  const levelSets: [string, readonly OpenLevel[]][] = [
    ['', OPEN_LEVELS],
    ['by', ['city']],
    ['bydel', ['district']],
    ['byomraade', ['area']],
  ];

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(() => t.close());

  const compareYear = async (year: number) => {
    for (const [niveau, levels] of levelSets) {
      const expected = await referenceRows(t, year, levels);
      const res = await t.request(`/noegletal/data.csv?aar=${year}${niveau ? `&niveau=${niveau}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="noegletal-${year}.csv"`);
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(referenceCsv(expected))), `${year} ${niveau}`).toBe(true);
      const json = await (await t.request(`/noegletal/data.json?aar=${year}${niveau ? `&niveau=${niveau}` : ''}`)).json();
      expect(json.rows, `${year} ${niveau}`).toEqual(expected);
      const { rows } = await openDataRows(t.ctx(systemActor('Test')), year, levels, { defaultThreshold: 5 });
      expect(rows).toEqual(expected);
    }
  };

  it('R18 every demo year at every level: the CSV, the JSON and the service equal the reference', async () => {
    const years = await figureYears(t.ctx(systemActor('Test')));
    expect(years.length).toBeGreaterThan(1);
    for (const year of years) await compareYear(year);
  });

  it('R18 a city-sized year with many small counts, missing figures and a missing variable, at thresholds 5, 10 and 2', async () => {
    await syntheticYear(t);
    const reference = await referenceRows(t, SYNTHETIC_YEAR, OPEN_LEVELS);
    // The data is what it should exercise: complementary suppression, a variable not published, the municipality.
    expect(reference.some((r) => r.residents === null && r.level !== 'city')).toBe(true);
    expect(reference.some((r) => r.variables.lackingInstallations === null)).toBe(true);
    expect(reference.some((r) => r.variables.convicted?.numerator === null)).toBe(true);
    expect(reference.at(-1)?.key).toBe('kommune');
    await compareYear(SYNTHETIC_YEAR);
    await setThreshold(t, 10);
    await compareYear(SYNTHETIC_YEAR);
    await setThreshold(t, 2);
    await compareYear(SYNTHETIC_YEAR);
    await setThreshold(t, null);
  });

  it('R18 ?aar=alle streams every year one after another under one header', async () => {
    const years = await figureYears(t.ctx(systemActor('Test')));
    const res = await t.request('/noegletal/data.csv?aar=alle&niveau=bydel');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="noegletal-alle-aar.csv"');
    const body = await res.text();
    const perYear = await Promise.all(years.map(async (y) => (await t.request(`/noegletal/data.csv?aar=${y}&niveau=bydel`)).text()));
    const [header] = perYear[0]!.split('\r\n');
    expect(body).toBe([header, ...perYear.flatMap((p) => p.split('\r\n').slice(1, -1))].join('\r\n') + '\r\n');
    expect(body.split('\r\n').filter((l) => l.startsWith('\uFEFF') || l.startsWith('aar,')).length).toBe(1);
    // The page offers it.
    const html = await (await t.request('/noegletal')).text();
    expect(html).toContain('href="/noegletal/data.csv?aar=alle"');
  });

  it('R18 the stored count columns (migration 023) are the numerators and denominators of the stored ratios', async () => {
    for (const v of VARIABLE_IDS) {
      const column = v.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      const r = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM keyfigure_estate_year
        WHERE ${sql.ref(`${column}_numerator`)} IS DISTINCT FROM (ratios->${v}->>'numerator')::bigint
           OR ${sql.ref(`${column}_denominator`)} IS DISTINCT FROM (ratios->${v}->>'denominator')::bigint`.execute(t.db);
      expect(r.rows[0]!.n, v).toBe(0);
    }
  });
  it('R18 a CSV line: one cell per column, empty for a hidden or unknown figure, quotes where a name needs them', () => {
    const variables = Object.fromEntries(VARIABLE_IDS.map((v) => [v, null])) as OpenRow['variables'];
    variables.convicted = { numerator: null, denominator: 120, value: null };
    const line = csvLine({ year: 2025, level: 'area', key: 'a1-2', name: 'Nord, "Øst"', estates: 3, residents: null, variables });
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line).toMatch(/^2025,area,a1-2,"Nord, ""Øst""",3,,/);
    expect(line.trimEnd().split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)).toHaveLength(CSV_HEADER.split(',').length);
    const convicted = CSV_HEADER.split(',').indexOf('convicted_taeller');
    expect(
      line
        .trimEnd()
        .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
        .slice(convicted, convicted + 3),
    ).toEqual(['', '120', '']);
  });
});
