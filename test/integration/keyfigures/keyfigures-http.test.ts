import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findDisclosure } from '../../../src/domain/keyfigures/index.ts';
import { TEMPLATE_HEADERS } from '../../../src/services/keyfigures/columns.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeEstate, makeOrganisation } from '../../support/factories.ts';

/** A CSV in the template's columns; `over` replaces cells by header. */
function csv(rows: Record<string, string | number>[]): string {
  return [TEMPLATE_HEADERS.join(','), ...rows.map((r) => TEMPLATE_HEADERS.map((h) => r[h] ?? '').join(','))].join('\n');
}

const row = (org: string, number: number, residents: number, o: Record<string, number> = {}) => ({
  organisation: org,
  afdelingsnummer: number,
  beboere: residents,
  uden_arbejde_uddannelse_18_64: Math.round(residents * 0.25),
  beboere_18_64: Math.round(residents * 0.6),
  ikke_vestlig_oprindelse: Math.round(residents * 0.5),
  beboere_med_oprindelse: residents,
  doemte_18_plus: Math.round(residents * 0.02),
  beboere_18_plus: Math.round(residents * 0.75),
  uden_for_arbejdsstyrken: Math.round(residents * 0.2),
  beboere_erhvervsaktiv_alder: Math.round(residents * 0.65),
  boliger_mangler_installationer: 2,
  boliger_installationer_opgjort: Math.round(residents / 2),
  bruttoindkomst_kr: Math.round(residents * 0.6) * 250_000,
  skattepligtige_15_64: Math.round(residents * 0.6),
  ...o,
});

describeDb('Key figures over HTTP (R18, R20)', () => {
  let t: TestApp;
  let sec: Session;
  let orgUser: Session;
  let other: Session;
  let estates: number[];
  const ORG = 'NTAL';

  beforeAll(async () => {
    t = await createTestApp();
    const org = await makeOrganisation(t.db, { shortName: ORG });
    sec = await t.as([{ role: 'secretariat' }]);
    orgUser = await t.as([{ role: 'organisation', organisationId: org.id }]);
    other = await t.as([{ role: 'organisation', organisationId: (await makeOrganisation(t.db)).id }]);
    estates = [];
    for (const [n, d] of [
      [1, 3],
      [2, 3],
      [3, 7],
      [4, 7],
    ] as const)
      estates.push((await makeEstate(t.db, { organisationId: org.id, number: n, districtNumber: d, name: `Nøgleafdeling ${n}` })).id);
  });
  afterAll(() => t.close());

  const upload = (session: Session, year: string, content: string, extra: Record<string, string> = {}) =>
    t.request('/noegletal/import', { session, form: { year, content, ...extra } });
  const importId = (res: Response) => Number(/\/noegletal\/import\/(\d+)$/.exec(res.headers.get('location') ?? '')?.[1]);
  const version = async (id: number) =>
    (await t.db.selectFrom('keyfigure_import').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const stored = async (year: number) =>
    (await t.db.selectFrom('keyfigure_estate_year').selectAll().where('year', '=', year).execute()).length;

  it('R18 upload → preview with Danish row errors → nothing saved; the import is refused whole', async () => {
    const bad = csv([
      row(ORG, 1, 900),
      row(ORG, 99, 400),
      row(ORG, 2, 800, { doemte_18_plus: 700, beboere_18_plus: 600 }),
      { organisation: ORG, afdelingsnummer: 3, beboere: 'mange' as never },
    ]);
    const res = await upload(sec, '2023', bad);
    expect(res.status).toBe(303);
    const id = importId(res);
    const html = await (await t.request(`/noegletal/import/${id}`, { session: sec })).text();
    expect(html).toContain('Linje 3: afdeling 99 i organisationen »NTAL« findes ikke i registeret');
    expect(html).toContain('tælleren (700) er større end nævneren (600) (kolonnerne doemte_18_plus og beboere_18_plus)');
    expect(html).toContain('beboere skal være et helt, ikke-negativt tal (fik »mange«)');
    expect(html).toContain('<progress');
    expect(html).toContain('intet kan gemmes');
    const confirm = await t.request(`/noegletal/import/${id}/gem`, { session: sec, form: { version: String(await version(id)) } });
    expect(confirm.status).toBe(400);
    expect(await confirm.text()).toContain('Ret filen, og indlæs den igen');
    expect(await stored(2023)).toBe(0);
  });

  it('R18 a valid file is saved in one go with provenance; re-importing the year replaces it cleanly', async () => {
    const first = await upload(sec, '2023', csv(estates.map((_, i) => row(ORG, i + 1, 600 + i * 100))), {
      regionIncomeKr: '420000',
      nationalConvictionRate: '0,9',
    });
    const id = importId(first);
    const ok = await t.request(`/noegletal/import/${id}/gem`, { session: sec, form: { version: String(await version(id)) } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/noegletal/kort?aar=2023');
    expect(await stored(2023)).toBe(4);
    const imp = await t.db.selectFrom('keyfigure_import').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(imp).toMatchObject({
      status: 'imported',
      file_name: 'indsat tekst.csv',
      year: 2023,
      region_income_ore: 42_000_000,
      national_conviction_rate: '0.9',
    });
    // Who uploaded is stored as the user id and a name, never an e-mail address (issue 14).
    expect(imp.uploaded_by_user_id).toBe(sec.actor.kind === 'user' ? sec.actor.id : -1);
    expect(imp.uploaded_by_label).not.toContain('@');
    // Saving twice is a conflict, not a second copy.
    expect((await t.request(`/noegletal/import/${id}/gem`, { session: sec, form: { version: String(imp.version) } })).status).toBe(409);

    const again = await upload(sec, '2023', csv([row(ORG, 1, 1000), row(ORG, 2, 1100)]));
    const id2 = importId(again);
    const preview = await (await t.request(`/noegletal/import/${id2}`, { session: sec })).text();
    expect(preview).toContain('Statistikken for 2023 findes allerede');
    // R18 — the preview says what goes and what comes, and nothing is replaced before the replacement is confirmed.
    expect(preview).toContain(
      'Statistikken for 2023 findes allerede for 4 afdelinger med 3.000 beboere; den erstattes helt af filens 2 afdelinger med 2.100 beboere.',
    );
    const unconfirmed = await t.request(`/noegletal/import/${id2}/gem`, { session: sec, form: { version: String(await version(id2)) } });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Bekræft, at årets tal skal erstattes; intet er gemt.');
    expect(await stored(2023)).toBe(4);
    expect(
      (
        await t.request(`/noegletal/import/${id2}/gem`, {
          session: sec,
          form: { version: String(await version(id2)), confirmReplace: 'yes' },
        })
      ).status,
    ).toBe(303);
    const rows = await t.db
      .selectFrom('keyfigure_estate_year')
      .select(['estate_id', 'residents', 'import_id'])
      .where('year', '=', 2023)
      .orderBy('estate_id')
      .execute();
    expect(rows.map((r) => [r.residents, r.import_id])).toEqual([
      [1000, id2],
      [1100, id2],
    ]);
    expect((await t.db.selectFrom('keyfigure_import').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe(
      'replaced',
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_type', '=', 'keyfigure_import')
      .where('action', '=', 'import')
      .execute();
    expect(audit.map((a) => a.summary).join(' ')).toContain('erstattede indsat tekst.csv');
    const list = await (await t.request('/noegletal/import', { session: sec })).text();
    expect(list).toContain('Erstattet');
  });

  it('R18 an Excel file imports like a CSV', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Statistik');
    ws.addRow([...TEMPLATE_HEADERS]);
    for (const r of estates.map((_, i) => row(ORG, i + 1, 700 + i)))
      ws.addRow(TEMPLATE_HEADERS.map((h) => (r as Record<string, unknown>)[h] ?? null));
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    const body = new FormData();
    body.set('_csrf', sec.csrf);
    body.set('year', '2024');
    body.set(
      'file',
      new File([data], 'statistik 2024.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    );
    const res = await t.app.request('/noegletal/import', { method: 'POST', headers: { cookie: sec.cookie }, body });
    expect(res.status).toBe(303);
    const id = importId(res);
    const imp = await t.db.selectFrom('keyfigure_import').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([imp.file_kind, imp.row_count, imp.error_count]).toEqual(['xlsx', 4, 0]);
    expect((await t.request(`/noegletal/import/${id}/gem`, { session: sec, form: { version: String(imp.version) } })).status).toBe(303);
    expect(await stored(2024)).toBe(4);
  });

  it('R18 only the secretariat, admin and TMF import; the public sees the pages', async () => {
    expect((await upload(orgUser, '2022', csv([row(ORG, 1, 500)]))).status).toBe(403);
    expect((await t.request('/noegletal/import', { session: orgUser })).status).toBe(403);
    for (const p of [
      '/noegletal',
      '/noegletal?aar=2024&indikator=voterTurnout',
      '/noegletal/kort?aar=2024&indikator=nonWesternOrigin&niveau=district',
      '/noegletal/sammenlign',
      '/noegletal/regel',
      '/noegletal/lister',
    ]) {
      expect((await t.request(p)).status, p).toBe(200);
    }
    expect((await t.request(`/noegletal/afdelinger/${estates[0]}`)).status).toBe(200);
  });

  it('R18 small counts are hidden from the public without disclosure by differencing; staff see them', async () => {
    const pub = await (await t.request('/api/v1/keyfigures/2024/figures')).json();
    expect(pub.suppressed).toBe(true);
    const threshold = pub.suppressionThreshold as number;
    type U = {
      key: string;
      parent: string | null;
      level: string;
      residents: number | null;
      variables: Record<string, { numerator: number | null; denominator: number | null } | null>;
    };
    const units = pub.units as U[];
    const estate = units.find((u) => u.level === 'estate')!;
    // Two dwellings lacking installations per estate: below the threshold, never published.
    expect(estate.variables.lackingInstallations?.numerator).toBeNull();
    const staff = await (await t.request('/api/v1/keyfigures/2024/figures', { session: sec })).json();
    expect((staff.units as U[]).find((u) => u.key === estate.key)!.variables.lackingInstallations?.numerator).toBe(2);
    // The published set protects every small count: check every count series with the domain's disclosure search.
    const full = staff.units as U[];
    const tree = await t.db.selectFrom('keyfigure_estate_year').select('estate_id').where('year', '=', 2024).execute();
    expect(tree.length).toBe(4);
    const series = ['lackingInstallations.numerator', 'convicted.numerator', 'residents'];
    for (const s of series) {
      const value = (u: U) =>
        (s === 'residents' ? u.residents : (u.variables[s.split('.')[0]!]?.[s.split('.')[1] as 'numerator'] ?? 0)) ?? 0;
      const cells = full.map((u) => ({ id: u.key, parent: u.parent ?? undefined, value: value(u) as number }));
      const hidden = new Set(
        units
          .filter((u) => (s === 'residents' ? u.residents : u.variables[s.split('.')[0]!]?.[s.split('.')[1] as 'numerator']) === null)
          .map((u) => u.key),
      );
      expect(findDisclosure(cells, hidden, threshold), s).toBeUndefined();
    }
    // The organisation sees its own estates whole, another organisation does not.
    const own = await (await t.request('/api/v1/keyfigures/2024/figures?level=estate', { session: orgUser })).json();
    expect((own.units as U[]).every((u) => u.variables.lackingInstallations?.numerator === 2)).toBe(true);
    const foreign = await (await t.request('/api/v1/keyfigures/2024/figures?level=estate', { session: other })).json();
    expect((foreign.units as U[]).every((u) => u.variables.lackingInstallations?.numerator === null)).toBe(true);
    // Open data is always the published set, even for staff.
    const open = await (await t.request('/noegletal/data.json?aar=2024', { session: sec })).json();
    expect(open.rows.every((r: { level: string }) => r.level !== 'estate')).toBe(true);
    const csvText = await (await t.request('/noegletal/data.csv?aar=2024&niveau=bydel')).text();
    expect(csvText.split('\r\n')[0]).toContain('aar,niveau,noegle,navn,afdelinger,beboere');
  });

  it('R18 the map is drawn on the server from the registry geometry and coloured by the chosen indicator', async () => {
    const html = await (
      await t.request('/noegletal/kort?aar=2024&indikator=outsideWorkOrEducation&niveau=district', { session: sec })
    ).text();
    expect(html).toContain('<svg');
    expect(html).toContain('data-colour="#');
    expect(html).toContain('Signaturforklaring');
    expect(html).toContain('Open Data KBH');
    const geo = await (
      await t.request('/noegletal/kort.geojson?aar=2024&indikator=outsideLabourForce&niveau=district', { session: sec })
    ).json();
    expect(geo.features.length).toBe(10);
    expect(geo.indicator.id).toBe('outsideLabourForce');
    const coloured = geo.features.filter((f: { properties: { value: number | null } }) => f.properties.value !== null);
    expect(coloured.length).toBe(2);
  });

  it('R18 the designation rule is a stored setting: shown beside the result, edited by the secretariat only', async () => {
    const before = await (await t.request('/api/v1/keyfigures/settings')).json();
    const input = {
      version: before.version,
      name: 'Kommunens regel 2025',
      indicators: ['outsideLabourForce', 'lowIncome'],
      minDeviating: 1,
      deviation: { kind: 'points', amount: '5' },
      suppressionThreshold: 3,
    };
    expect((await t.request('/api/v1/keyfigures/settings', { method: 'PUT', session: orgUser, json: input })).status).toBe(403);
    const bad = await t.request('/api/v1/keyfigures/settings', { method: 'PUT', session: sec, json: { ...input, minDeviating: 5 } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.minDeviating).toContain('mellem 1 og 2');
    const ok = await t.request('/api/v1/keyfigures/settings', { method: 'PUT', session: sec, json: input });
    expect(ok.status).toBe(200);
    expect((await t.request('/api/v1/keyfigures/settings', { method: 'PUT', session: sec, json: input })).status).toBe(409);
    const overview = await (await t.request('/noegletal?aar=2024')).text();
    expect(overview).toContain('Kommunens regel 2025');
    const d = await (await t.request('/api/v1/keyfigures/2024/designations')).json();
    expect(d.rule).toContain('mindst 1 af 2 indikatorer');
    // Form: Danish error next to the field, input kept.
    const s = await (await t.db.selectFrom('keyfigure_setting').select('version').executeTakeFirstOrThrow()).version;
    const form = await t.request('/noegletal/regel', {
      session: sec,
      form: { version: String(s), name: 'Ny', indicators: [], minDeviating: '1', deviationKind: 'relative', deviation: '25' } as never,
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('Reglen skal omfatte mindst én indikator.');
  });

  it('R20 the national criteria are computed per urban area for an imported list year, and the API imports too', async () => {
    const res = await t.request('/api/v1/keyfigures/imports', {
      method: 'POST',
      session: sec,
      json: { year: 2022, csv: csv([row(ORG, 1, 1500)]), regionIncomeKr: 400000, nationalConvictionRate: '0.9' },
    });
    expect(res.status).toBe(201);
    const imp = await res.json();
    expect([imp.rowCount, imp.errorCount]).toEqual([1, 0]);
    const conf = await t.request(`/api/v1/keyfigures/imports/${imp.id}/confirm`, {
      method: 'POST',
      session: sec,
      json: { version: imp.version },
    });
    expect(await conf.json()).toEqual({ year: 2022, rows: 1 });
    // R18 — a second file for 2022 replaces the year's figures only with the confirm flag: 409 with what would go.
    const second = await (
      await t.request('/api/v1/keyfigures/imports', { method: 'POST', session: sec, json: { year: 2022, csv: csv([row(ORG, 1, 1700)]) } })
    ).json();
    expect(second.replacement).toEqual({ year: 2022, before: { estates: 1, residents: 1500 }, after: { estates: 1, residents: 1700 } });
    const refused = await t.request(`/api/v1/keyfigures/imports/${second.id}/confirm`, {
      method: 'POST',
      session: sec,
      json: { version: second.version },
    });
    expect(refused.status).toBe(409);
    expect((await refused.json()).current.replaces.before).toEqual({ estates: 1, residents: 1500 });
    expect(
      (await t.db.selectFrom('keyfigure_estate_year').select('residents').where('year', '=', 2022).execute()).map((r) => r.residents),
    ).toEqual([1500]);
    const replaced = await t.request(`/api/v1/keyfigures/imports/${second.id}/confirm`, {
      method: 'POST',
      session: sec,
      json: { version: second.version, confirmReplace: true },
    });
    expect(await replaced.json()).toEqual({ year: 2022, rows: 1 });
    const crit = await t.request('/api/v1/keyfigures/2022/criteria');
    expect(crit.status).toBe(200);
    const c = await crit.json();
    expect(c.criteriaSet).toBe('parallel-2021');
    const bad = await t.request('/api/v1/keyfigures/imports', { method: 'POST', session: sec, json: { year: 1800, csv: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
