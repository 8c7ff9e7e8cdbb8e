/**
 * R20 — the reference table loaded by migration 005 reproduces the published Copenhagen lists
 * 2010–2017 through the service, exactly as the domain does from the CSV (test/unit/keyfigures).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { anonymous } from '../../../src/policy/actor.ts';
import { listReferenceYears, reproduceListYear } from '../../../src/services/keyfigures/lists.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

/** Rows the trusted values cannot decide (2011: shares and residents copied from 2010, see the quality flags). */
const UNDECIDABLE_2011 = [
  'Akacieparken',
  'Aldersrogade',
  'Bispeparken',
  'Blågården',
  'Gadelandet/Husumgård',
  'Hørgården',
  'Lundtoftegade',
  'Mjølnerparken',
  'Sjælør Boulevard',
  'Tingbjerg/Utterslevhuse',
];

describeDb('R20 list reproduction from the stored reference table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('R20 the migration loaded all 63 published rows, 2010–2017', async () => {
    const years = await listReferenceYears(t.ctx(anonymous));
    expect(years.map((y) => y.year)).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017]);
    expect(years.reduce((s, y) => s + y.areas, 0)).toBe(63);
  });

  it.each([2010, 2012, 2013, 2014, 2015, 2016, 2017])(
    'R20 %i (complete data): the service puts exactly the published areas on the list',
    async (year) => {
      const l = (await reproduceListYear(t.ctx(anonymous), year))!;
      expect(l.rows.length).toBeGreaterThan(0);
      const on = l.rows
        .filter((r) => r.verdict === 'yes')
        .map((r) => r.row.area)
        .sort();
      const off = l.rows
        .filter((r) => r.verdict === 'no')
        .map((r) => r.row.area)
        .sort();
      expect(on).toEqual(
        l.rows
          .filter((r) => r.row.onList)
          .map((r) => r.row.area)
          .sort(),
      );
      expect(off).toEqual(
        l.rows
          .filter((r) => !r.row.onList)
          .map((r) => r.row.area)
          .sort(),
      );
      expect(l.rows.every((r) => r.agrees === true)).toBe(true);
      // Every met criterion is explained in Danish against its threshold.
      for (const r of l.rows.filter((x) => x.verdict === 'yes'))
        expect(r.evaluation.criteria.some((c) => c.outcome === 'met' && c.explanation.includes('opfyldt'))).toBe(true);
    },
  );

  it('R20 2011: the rows whose values were copied from 2010 stay undecided, none is contradicted', async () => {
    const l = (await reproduceListYear(t.ctx(anonymous), 2011))!;
    expect(
      l.rows
        .filter((r) => r.verdict === 'undecided')
        .map((r) => r.row.area)
        .sort(),
    ).toEqual(UNDECIDABLE_2011);
    expect(l.rows.some((r) => r.agrees === false)).toBe(false);
  });

  it('R20 the list pages show the reproduction with the rule and the criteria met', async () => {
    const html = await (await t.request('/noegletal/lister/2014')).text();
    expect(html).toContain('Kriterier gældende fra listen pr. 1. december 2014');
    expect(html).toContain('Mjølnerparken');
    expect(html).toContain('opfyldt');
    const api = await (await t.request('/api/v1/keyfigures/lists/2010')).json();
    expect(api.areas.every((a: { agrees: boolean }) => a.agrees)).toBe(true);
    expect((await t.request('/noegletal/lister/1999')).status).toBe(404);
  });
});
