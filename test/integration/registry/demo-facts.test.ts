import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoOrganisations } from '../../../src/demo/registry.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

/** The public facts the demo may use: the reference data beside the project (shared/data, shared/seeds). */
const SEED_PLANS_URLS = [
  'http://amagerbrohelhedsplan.dk/?page_id=75',
  'https://bha.dk/2020/06/helhedsplan-til-afstemning/',
  'https://bha.dk/2020/07/ja-til-fortsat-boligsocial-indsats/',
  'https://www.bo-vest.dk/boligsocial/helhedsplan-mjoelnerparken/',
  'https://bedsteemner.dk/bibliot/artik/read/473-hvor-mange-ghettoer-er-der-i-danmark',
];

describeDb('A true demo: real facts with their sources, the rest marked as demo data', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await t.as([{ role: 'admin' }]);
  });
  afterAll(() => t.close());

  const planOf = async (name: string) => {
    const p = await t.db.selectFrom('plan').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
    const orgs = await t.db
      .selectFrom('plan_estate as pe')
      .innerJoin('estate as e', 'e.id', 'pe.estate_id')
      .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
      .select(['o.short_name', 'e.name'])
      .where('pe.plan_id', '=', p.id)
      .execute();
    const district = await t.db.selectFrom('district').select('name').where('id', '=', p.district_id!).executeTakeFirstOrThrow();
    return {
      ...p,
      orgs: [...new Set(orgs.map((o) => o.short_name))].sort(),
      estates: orgs.map((o) => o.name).sort(),
      district: district.name,
    };
  };

  it('Demo — the organisations have their right names, each with the public source that names it', async () => {
    const rows = await t.db.selectFrom('organisation').select(['short_name', 'name', 'source', 'is_demo']).execute();
    const byShort = new Map(rows.map((r) => [r.short_name, r]));
    expect(byShort.get('BDK')?.name).toBe('Boligkontoret Danmark');
    expect(byShort.get('FA09')?.name).toBe('FA09');
    expect(byShort.get('VIBO')?.name).toBe('Boligforeningen VIBO');
    for (const o of demoOrganisations) {
      const row = byShort.get(o.shortName)!;
      expect(row.is_demo, o.shortName).toBe(false);
      // 3B is the one organisation no reference document here names: it carries no source and says so.
      if (o.shortName === '3B') expect(row.source).toBeNull();
      else expect(row.source, o.shortName).toMatch(/^(https?:\/\/|Københavns Kommune: )/);
    }
    const bdk = rows.find((r) => r.short_name === 'BDK')!;
    const id = (await t.db.selectFrom('organisation').select('id').where('short_name', '=', 'BDK').executeTakeFirstOrThrow()).id;
    const html = await (await t.request(`/organisationer/${id}`, { session: admin })).text();
    expect(html).toContain('Kilde til navnet');
    expect(html).toContain(bdk.source!);
  });

  it('Demo — the real plans carry their real parties, districts and years with the source; every plan is marked as demo', async () => {
    const amager = await planOf('Amagerbro Helhedsplan (Sundholms- og Holmbladsgadekvartererne)');
    expect(amager.orgs).toEqual(['AAB', 'DFB', 'HAB', 'VIBO', 'fsb'].sort());
    expect(['Amager Vest', 'Amager Øst']).toContain(amager.district);
    expect([amager.starts_on.slice(0, 4), amager.ends_on.slice(0, 4)]).toEqual(['2014', '2017']);
    const mj = await planOf('Helhedsplan Mjølnerparken');
    expect(mj.estates).toEqual(['Mjølnerparken']);
    expect(mj.orgs).toEqual(['Bo-Vita']);
    expect(mj.district).toBe('Nørrebro');
    expect(mj.public_facts).toContain('Kilden oplyser ingen datoer');
    const ald = await planOf('Helhedsplan Aldersrogade');
    expect(ald.orgs).toEqual(['Bo-Vita', 'VIBO']);
    const ting = await planOf('Boligsocial helhedsplan Tingbjerg og Utterslevhuse (ny)');
    expect(ting.orgs).toEqual(['SAB', 'fsb']);
    expect(ting.district).toBe('Brønshøj-Husum');
    expect([ting.starts_on.slice(0, 4), ting.ends_on.slice(0, 4)]).toEqual(['2020', '2024']);

    const plans = await t.db.selectFrom('plan').select(['id', 'name', 'source_url', 'public_facts', 'is_demo']).execute();
    for (const p of plans) {
      expect(p.is_demo, p.name).toBe(true);
      // A plan with a source names which facts are public; only sources from the reference data are used.
      if (p.source_url) {
        expect(SEED_PLANS_URLS, p.name).toContain(p.source_url);
        expect(p.public_facts, p.name).toMatch(/demodata/i);
      } else expect(p.public_facts, p.name).toBe('');
    }
    const html = await (await t.request(`/planer/${mj.id}`, { session: admin })).text();
    expect(html).toContain('Demodata');
    expect(html).toContain('Offentlige fakta');
    expect(html).toContain('https://www.bo-vest.dk/boligsocial/helhedsplan-mjoelnerparken/');
  });
});
