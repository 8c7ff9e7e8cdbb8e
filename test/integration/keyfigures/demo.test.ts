import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_YEARS, demoFigures } from '../../../src/demo/keyfigures.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

describeDb('Key-figure demo statistics (R18)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(() => t.close());

  it('R18 every demo estate has figures for 2021–2024, with a provenance record per year', async () => {
    const estates = await t.db.selectFrom('estate').select('id').where('is_demo', '=', true).execute();
    for (const year of DEMO_YEARS) {
      const n = await t.db
        .selectFrom('keyfigure_estate_year')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('year', '=', year)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(estates.length);
    }
    const imports = await t.db.selectFrom('keyfigure_import').select(['year', 'status', 'uploaded_by_label']).orderBy('year').execute();
    expect(imports.map((i) => i.year)).toEqual([...DEMO_YEARS]);
    expect(imports.every((i) => i.status === 'imported' && i.uploaded_by_label.includes('Demodata'))).toBe(true);
  });

  it('R18 the demo figures are deterministic and consistent (numerator ≤ denominator)', () => {
    const e = { name: 'Tingbjerg I', residents: 1800, dwellings: 820, vulnerable: true };
    expect(demoFigures(e, 2023)).toEqual(demoFigures(e, 2023));
    for (const year of DEMO_YEARS)
      for (const [v, r] of Object.entries(demoFigures(e, year).ratios))
        if (v !== 'grossIncome') expect(r.numerator).toBeLessThanOrEqual(r.denominator);
  });

  it('R18/R20 the pages show the demo: coloured map, designations beside the rule, national criteria', async () => {
    const geo = await (await t.request('/noegletal/kort.geojson?indikator=outsideWorkOrEducation&niveau=area')).json();
    const colours = new Set(geo.features.map((f: { properties: { colour: string } }) => f.properties.colour));
    expect(colours.size).toBeGreaterThan(2);
    const d = await (await t.request('/api/v1/keyfigures/2024/designations')).json();
    expect(d.results.some((r: { verdict: string }) => r.verdict === 'yes')).toBe(true);
    expect(d.results.some((r: { verdict: string }) => r.verdict === 'no')).toBe(true);
    const c = await (await t.request('/api/v1/keyfigures/2024/criteria')).json();
    expect(c.results.length).toBeGreaterThan(5);
    for (const p of [
      '/noegletal',
      '/noegletal/kort',
      '/noegletal/sammenlign',
      '/noegletal/lister/2024',
      '/noegletal/bydele/3',
      '/noegletal/lister',
    ]) {
      expect((await t.request(p)).status, p).toBe(200);
    }
  });
});
