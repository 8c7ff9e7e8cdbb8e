import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

interface Area {
  name: string;
  isDemo: boolean;
  estates: { name: string; organisation: string }[];
  residents: number | null;
  verdict: string | null;
  origin: { kind: string; text: string } | null;
  criteria: { id: string; outcome: string }[];
  designations: { id: string; verdict: string }[];
  published: { onList: boolean; list: string; sourceUrl: string; inferred: boolean } | null;
}

describeDb('R20 in use: origin definition, national list areas, published list status (demo)', () => {
  let t: TestApp;
  let admin: Session;
  let org: Session;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await t.as([{ role: 'admin' }]);
    const fsb = await t.db.selectFrom('organisation').select('id').where('short_name', '=', 'fsb').executeTakeFirstOrThrow();
    org = await t.as([{ role: 'organisation', organisationId: fsb.id }]);
  });
  afterAll(() => t.close());

  const settings = async () => (await t.request('/api/v1/keyfigures/settings')).json();
  const listAreas = async (year: number) => {
    const res = await t.request(`/api/v1/keyfigures/${year}/list-areas`, { session: admin });
    expect(res.status).toBe(200);
    return (await res.json()) as { originDefinition: { id: string; label: string }; publishedStatus: unknown[]; areas: Area[] };
  };

  it('R20 — the origin definition is a setting swapped by an administrator (API and page); every result names it', async () => {
    const before = await settings();
    expect(before.originDefinition.id).toBe('law');
    const crit = await (await t.request('/api/v1/keyfigures/2022/criteria')).json();
    expect(crit.originDefinition.id).toBe('law');
    expect(crit.results.length).toBeGreaterThan(0);
    for (const r of crit.results) expect(r.origin.text).toContain('Lovens definition');

    // Not for an organisation; a bad value is a 400 with a Danish message; the admin swaps it.
    const input = { version: before.version, originDefinition: 'omit' };
    expect((await t.request('/api/v1/keyfigures/settings/origin', { method: 'PUT', session: org, json: input })).status).toBe(403);
    const bad = await t.request('/api/v1/keyfigures/settings/origin', {
      method: 'PUT',
      session: admin,
      json: { ...input, originDefinition: 'ethnic' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('Vælg en oprindelsesdefinition.');
    const ok = await t.request('/api/v1/keyfigures/settings/origin', { method: 'PUT', session: admin, json: input });
    expect(ok.status).toBe(200);
    expect((await ok.json()).originDefinition.label).toContain('C-417/23');
    // The same version again is a lost update.
    expect((await t.request('/api/v1/keyfigures/settings/origin', { method: 'PUT', session: admin, json: input })).status).toBe(409);

    const after = await (await t.request('/api/v1/keyfigures/2022/criteria')).json();
    expect(after.originDefinition.id).toBe('omit');
    const verdicts: string[] = [];
    for (const r of after.results) {
      expect(r.origin.kind).toBe('omit');
      expect(r.origin.text).toContain('C-417/23');
      expect(r.criteria.filter((c: { id: string }) => c.id.startsWith('nonWestern')).map((c: { outcome: string }) => c.outcome)).toEqual([
        'omitted',
        'omitted',
      ]);
      verdicts.push(r.designations.find((d: { id: string }) => d.id === 'parallelSociety').verdict);
    }
    // A parallelsamfund needs the origin criterion: with it left out it is never "yes", and cannot be computed where the rest holds.
    expect(verdicts).not.toContain('yes');
    expect(verdicts).toContain('notApplicable');
    for (const a of (await listAreas(2022)).areas.filter((x) => x.origin)) expect(a.origin!.kind).toBe('omit');
    const page = await (await t.request('/noegletal/lister/2022')).text();
    expect(page).toContain('Oprindelsesdefinition: Uden oprindelseskriterium (EU-Domstolens dom i sag C-417/23)');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_type', '=', 'keyfigure_setting')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toContain('oprindelsesdefinitionen');

    // The page form swaps it back; a missing choice keeps the form with the message beside the field.
    const v = (await settings()).version;
    const missing = await t.request('/noegletal/regel/oprindelse', { session: admin, form: { version: String(v) } });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Vælg en oprindelsesdefinition.');
    const back = await t.request('/noegletal/regel/oprindelse', { session: admin, form: { version: String(v), originDefinition: 'law' } });
    expect(back.status).toBe(303);
    const shown = await (await t.request('/noegletal/regel')).text();
    expect(shown).toContain('Oprindelsesdefinition i de nationale kriterier:</strong> Lovens definition');
    expect((await (await t.request('/api/v1/keyfigures/2022/criteria')).json()).results[0].origin.kind).toBe('apply');
  });

  it('R20 — national list areas (connected estates) are evaluated against the list year’s criteria, not only the urban areas', async () => {
    const r = await listAreas(2022);
    const tingbjerg = r.areas.find((a) => a.name === 'Tingbjerg/Utterslevhuse')!;
    expect(tingbjerg.isDemo).toBe(true);
    expect(tingbjerg.estates.map((e) => e.name).sort()).toEqual(['Tingbjerg I', 'Tingbjerg II', 'Utterslevhuse']);
    // The residents are the sum of the estates' imported residents.
    const rows = await t.db
      .selectFrom('keyfigure_estate_year as k')
      .innerJoin('estate as e', 'e.id', 'k.estate_id')
      .select(['k.residents'])
      .where('k.year', '=', 2022)
      .where('e.name', 'in', ['Tingbjerg I', 'Tingbjerg II', 'Utterslevhuse'])
      .execute();
    expect(tingbjerg.residents).toBe(rows.reduce((s, x) => s + x.residents, 0));
    expect(tingbjerg.residents!).toBeGreaterThanOrEqual(1000);
    expect(['yes', 'no', 'undecided']).toContain(tingbjerg.verdict);
    expect(tingbjerg.criteria.map((c) => c.id)).toContain('nonWestern50');
    // An area under 1,000 residents is not a list area: the parallelsamfund verdict is no.
    const small = r.areas.find((a) => a.name === 'Gadelandet/Husumgård')!;
    expect(small.residents).toBeLessThan(1000);
    expect(small.verdict).toBe('no');
    const page = await (await t.request('/noegletal/lister/2022', { session: admin })).text();
    expect(page).toContain('Landsdækkende listeområder');
    expect(page).toContain('Tingbjerg I (fsb)');
  });

  it('R20 — the published 2018–2023 list status is loaded and shown beside the computed result for those years', async () => {
    const s2018 = await (await t.request('/api/v1/keyfigures/list-status/2018')).json();
    expect(s2018.areas.map((a: { area: string }) => a.area).sort()).toEqual(
      [
        'Aldersrogade',
        'Bispeparken',
        'Gadelandet/Husumgård',
        'Hørgården',
        'Lundtoftegade',
        'Mjølnerparken',
        'Tingbjerg/Utterslevhuse',
      ].sort(),
    );
    expect((await t.request('/api/v1/keyfigures/list-status/2017')).status).toBe(404);

    const r = await listAreas(2022);
    const mj = r.areas.find((a) => a.name === 'Mjølnerparken')!;
    expect(mj.published).toMatchObject({
      onList: true,
      list: 'parallelsamfund + omdannelsesområde',
      sourceUrl: 'https://cphpost.dk/?p=140971',
    });
    expect(mj.verdict).not.toBeNull();
    const ting = r.areas.find((a) => a.name === 'Tingbjerg/Utterslevhuse')!;
    expect(ting.published?.onList).toBe(false);
    const aldersrogade2021 = (await listAreas(2021)).areas.find((a) => a.name === 'Aldersrogade')!;
    expect(aldersrogade2021.published).toMatchObject({ onList: true, inferred: true });

    const page = await (await t.request('/noegletal/lister/2022')).text();
    const row = page.slice(page.indexOf('id="kf-list-areas"'));
    expect(row).toContain('På listen (parallelsamfund + omdannelsesområde)');
    expect(row).toContain('https://cphpost.dk/?p=140971');
    // A status year without imported figures still has its page, with the sources.
    const y2019 = await t.request('/noegletal/lister/2019');
    expect(y2019.status).toBe(200);
    const html = await y2019.text();
    expect(html).toContain('Offentliggjort status pr. 1. december 2019');
    expect(html).toContain('Ikke på listen (ghettoområde + udsat boligområde)');
    const lists = await (await t.request('/noegletal/lister')).text();
    expect(lists).toContain('Offentliggjort status (referencedata)');
  });
});
