import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { pdfText, workbookRows } from '../../support/documents.ts';
import { makeOrganisation } from '../../support/factories.ts';

describeDb('Partnership agreement over HTTP (R19)', () => {
  let t: TestApp;
  let fsb: number;
  let other: number;
  let office: Session;
  let fsbStaff: Session;
  let otherStaff: Session;
  let dialogueId: number;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  const get = async (path: string, session: Session | null = null) => (await api(path, session, undefined, 'GET')).json();
  const targetId = async (code: string) =>
    (await t.db.selectFrom('partnership_target').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await createTestApp();
    fsb = (await makeOrganisation(t.db, { shortName: 'fsb', name: 'fsb' })).id;
    other = (await makeOrganisation(t.db, { shortName: 'KAB', name: 'KAB' })).id;
    office = await t.as([{ role: 'municipal', administration: 'TMF' }], 'Boligkontoret');
    fsbStaff = await t.as([{ role: 'organisation', organisationId: fsb }], 'Frida fsb');
    otherStaff = await t.as([{ role: 'organisation', organisationId: other }], 'Karl KAB');
  });
  afterAll(() => t.close());

  it('R19 GET /api/v1/partnership/agreements lists the seeded 2011 agreement with its themes and targets, without a token', async () => {
    const res = await api('/partnership/agreements', null, undefined, 'GET');
    expect(res.status).toBe(200);
    const [a] = (await res.json()) as {
      code: string;
      status: string;
      themes: { title: string }[];
      targets: { code: string; targetValue: number | null; rule: string; sourceLine: string; status: string; statusRule: string }[];
    }[];
    expect(a!.code).toBe('hovedaftale-2011');
    expect(a!.themes.map((x) => x.title)).toEqual([
      'Tryghed og trivsel',
      'Klima',
      'Fremtidssikring',
      'Nybyggeri',
      'Organisering af samarbejdet',
      'Evaluering',
    ]);
    const byCode = new Map(a!.targets.map((x) => [x.code, x]));
    expect(byCode.get('saerboliger')).toMatchObject({ targetValue: 500, rule: 'at_least', status: 'no_data' });
    expect(byCode.get('saerboliger')!.sourceLine).toContain('500 inden udgangen af 2011');
    expect(byCode.get('venteliste')).toMatchObject({ rule: 'not_grow', targetValue: null });
    expect(byCode.get('ungdomsboliger')!.targetValue).toBe(1300);
    expect(byCode.get('grundkapital')!.targetValue).toBe(72.2);
    expect(byCode.get('co2')!.targetValue).toBe(20);
    expect(a!.targets.every((x) => x.sourceLine.startsWith('Bilag 4, linje') && x.statusRule.length > 20)).toBe(true);
    const doc = await (await t.request('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toContain('/partnership/agreements');
  });

  it('R19 the agreement and a target page are public and show the status rule', async () => {
    const a = await t.db.selectFrom('partnership_agreement').select('id').executeTakeFirstOrThrow();
    const page = await t.request(`/hovedaftale/aftaler/${a.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Tryghed og trivsel');
    expect(html).not.toContain('(R19)');
    const target = await t.request(`/hovedaftale/maal/${await targetId('venteliste')}`);
    expect(await target.text()).toContain('Sådan findes status');
  });

  it('R19 only the housing office records measurements: anonymous 401, organisation staff 403, a non-existent date 400', async () => {
    const id = await targetId('venteliste');
    const body = { value: 1200, measuredOn: '2026-01-01', source: 'Socialforvaltningen' };
    expect((await api(`/partnership/targets/${id}/measurements`, null, body)).status).toBe(401);
    expect((await api(`/partnership/targets/${id}/measurements`, fsbStaff, body)).status).toBe(403);
    const bad = await api(`/partnership/targets/${id}/measurements`, office, { ...body, measuredOn: '2026-02-31' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.measuredOn).toBe('Målingsdatoen 31.02.2026 findes ikke: februar 2026 har kun 28 dage.');
    const form = await t.request(`/hovedaftale/maal/${id}/maalinger`, {
      session: fsbStaff,
      form: { value: '1200', measuredOn: '2026-01-01', source: 'x' },
    });
    expect(form.status).toBe(403);
  });

  it('R19 a measurement above the starting point turns "must not grow" at risk', async () => {
    const id = await targetId('venteliste');
    expect(
      (
        await api(`/partnership/targets/${id}/measurements`, office, {
          value: 1200,
          measuredOn: '2025-01-01',
          source: 'Socialforvaltningen',
        })
      ).status,
    ).toBe(201);
    expect((await get(`/partnership/targets/${id}`)).target.status).toBe('on_track');
    const res = await t.request(`/hovedaftale/maal/${id}/maalinger`, {
      session: office,
      form: { value: '1.250', measuredOn: '2026-01-01', source: 'Socialforvaltningen' },
    });
    expect(res.status).toBe(303);
    const d = await get(`/partnership/targets/${id}`);
    expect(d.target).toMatchObject({ status: 'at_risk', statusLabel: 'I risiko' });
    expect(d.measurements.map((m: { value: number }) => m.value)).toEqual([1200, 1250]);
  });

  it('R19 the housing office prepares a steering dialogue with fsb; another organisation cannot see or edit it (page and API)', async () => {
    expect((await api('/partnership/dialogues', fsbStaff, { organisationIds: [fsb], year: 2026, meetingOn: '2026-11-01' })).status).toBe(
      403,
    );
    const res = await api('/partnership/dialogues', office, {
      organisationIds: [fsb],
      year: 2026,
      meetingOn: '2026-11-01',
      place: 'Njalsgade 13',
    });
    expect(res.status).toBe(201);
    dialogueId = (await res.json()).id;
    expect((await api('/partnership/dialogues', office, { organisationIds: [fsb], year: 2026, meetingOn: '2026-11-02' })).status).toBe(400);
    const commitment = {
      version: 1,
      organisationId: fsb,
      what: 'Ommærke boliger',
      amount: 10,
      unit: 'boliger',
      dueOn: '2026-12-31',
      successCriterion: '10 boliger ommærket',
    };
    // Another organisation: page and API both refuse.
    expect((await api(`/partnership/dialogues/${dialogueId}`, otherStaff, undefined, 'GET')).status).toBe(403);
    expect((await api(`/partnership/dialogues/${dialogueId}/commitments`, otherStaff, commitment)).status).toBe(403);
    expect((await t.request(`/hovedaftale/dialoger/${dialogueId}`, { session: otherStaff })).status).toBe(403);
    const form = await t.request(`/hovedaftale/dialoger/${dialogueId}/tilsagn`, {
      session: otherStaff,
      form: { version: '1', organisationId: String(fsb), what: 'x', dueOn: '2026-12-31', successCriterion: 'y' },
    });
    expect(form.status).toBe(403);
    expect((await api(`/partnership/dialogues/${dialogueId}/sign`, otherStaff, { version: 1 })).status).toBe(403);
    expect(await t.db.selectFrom('dialogue_commitment').select('id').where('dialogue_id', '=', dialogueId).execute()).toEqual([]);
  });

  it('R19 commitments with success criteria, held, signed by the municipality and fsb → concluded; a stale version is 409', async () => {
    const youth = await targetId('ungdomsboliger');
    let r = await api(`/partnership/dialogues/${dialogueId}/commitments`, fsbStaff, {
      version: 1,
      organisationId: fsb,
      targetId: youth,
      what: 'Ommærke små familieboliger til ungdomsboliger',
      amount: 40,
      unit: 'boliger',
      dueOn: '2026-12-31',
      successCriterion: '40 boliger ommærket senest 31.12.2026',
    });
    expect(r.status).toBe(201);
    const missing = await api(`/partnership/dialogues/${dialogueId}/commitments`, office, {
      version: 2,
      organisationId: fsb,
      what: 'Tryghedsvandringer',
      dueOn: '2026-12-31',
      successCriterion: '',
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors.successCriterion).toBeTruthy();
    const form = await t.request(`/hovedaftale/dialoger/${dialogueId}/tilsagn`, {
      session: office,
      form: {
        version: '2',
        organisationId: String(fsb),
        targetId: '',
        what: 'Tryghedsvandringer i Tingbjerg',
        amount: '4',
        unit: 'vandringer',
        dueOn: '2026-12-31',
        successCriterion: 'Fire vandringer med referat',
      },
    });
    expect(form.status).toBe(303);
    expect((await api(`/partnership/dialogues/${dialogueId}/sign`, office, { version: 3 })).status).toBe(400);
    expect((await api(`/partnership/dialogues/${dialogueId}/hold`, office, { version: 2, heldOn: '2026-11-01' })).status).toBe(409);
    expect(
      (await api(`/partnership/dialogues/${dialogueId}/hold`, fsbStaff, { version: 3, heldOn: '2026-11-01', summary: 'Godt møde.' }))
        .status,
    ).toBe(200);
    r = await api(`/partnership/dialogues/${dialogueId}/sign`, office, { version: 4 });
    expect(await r.json()).toMatchObject({ state: 'held', version: 5 });
    r = await api(`/partnership/dialogues/${dialogueId}/sign`, fsbStaff, { version: 5 });
    expect(await r.json()).toMatchObject({ state: 'concluded' });
    const d = await get(`/partnership/dialogues/${dialogueId}`);
    expect(d.commitments.map((c: { successCriterion: string }) => c.successCriterion)).toEqual([
      '40 boliger ommærket senest 31.12.2026',
      'Fire vandringer med referat',
    ]);
    // Concluded: binding and public; the sum of commitments now stands behind the youth-housing target.
    expect((await api(`/partnership/dialogues/${dialogueId}`, null, undefined, 'GET')).status).toBe(200);
    expect((await get(`/partnership/targets/${youth}`)).target).toMatchObject({
      commitments: { promised: 40, delivered: 0 },
      status: 'at_risk',
    });
    expect(
      (
        await api(`/partnership/dialogues/${dialogueId}/commitments`, office, {
          version: d.version,
          organisationId: fsb,
          what: 'Mere',
          dueOn: '2026-12-31',
          successCriterion: 'x',
        })
      ).status,
    ).toBe(400);
  });

  it("R19 the concluded agreement as PDF names the commitments; the Excel lists targets and commitments; fsb's page shows them", async () => {
    const pdf = await t.request(`/hovedaftale/dialoger/${dialogueId}/aftale.pdf`, { session: fsbStaff });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('Ommærke små familieboliger til ungdomsboliger');
    expect(text).toContain('Fire vandringer med referat');
    const a = await t.db.selectFrom('partnership_agreement').select('id').executeTakeFirstOrThrow();
    const xlsx = await workbookRows(
      new Uint8Array(await (await t.request(`/hovedaftale/aftaler/${a.id}/maal-og-tilsagn.xlsx`)).arrayBuffer()),
    );
    expect(xlsx['Mål']!.length).toBe(11);
    expect(xlsx['Tilsagn']!.map((r) => r[2])).toContain('Tryghedsvandringer i Tingbjerg');
    const page = await (await t.request(`/hovedaftale/organisationer/${fsb}`, { session: fsbStaff })).text();
    expect(page).toContain('40 boliger ommærket senest 31.12.2026');
  });

  it("R19 the housing office's desk lists organisations without a dialogue this year", async () => {
    const html = await (await t.request('/hovedaftale', { session: office })).text();
    expect(html).toContain('Boligorganisationer uden styringsdialog i 2026');
    expect(html).toMatch(/KAB<\/a>/);
    expect((await t.request('/hovedaftale', { session: fsbStaff })).status).toBe(200);
  });
  it('R19 an area-level dialogue needs two organisations and an area; it is concluded when the municipality and both have signed; no commitment is added under a signature', async () => {
    const bad = await api('/partnership/dialogues', office, {
      kind: 'area',
      organisationIds: [fsb],
      areaName: '',
      year: 2026,
      meetingOn: '2026-10-01',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).errors).sort()).toEqual(['areaName', 'organisationIds']);
    const id = (
      await (
        await api('/partnership/dialogues', office, {
          kind: 'area',
          organisationIds: [fsb, other],
          areaName: 'Tingbjerg/Husum',
          year: 2026,
          meetingOn: '2026-10-01',
        })
      ).json()
    ).id;
    expect(
      (
        await api(`/partnership/dialogues/${id}/commitments`, otherStaff, {
          version: 1,
          organisationId: other,
          what: 'Fælles boligsocial indsats',
          dueOn: '2027-06-30',
          successCriterion: 'Indsatsen er i gang',
        })
      ).status,
    ).toBe(201);
    expect((await api(`/partnership/dialogues/${id}/hold`, office, { version: 2, heldOn: '2026-10-01' })).status).toBe(200);
    expect(await (await api(`/partnership/dialogues/${id}/sign`, fsbStaff, { version: 3 })).json()).toMatchObject({ state: 'held' });
    const late = await api(`/partnership/dialogues/${id}/commitments`, office, {
      version: 4,
      organisationId: fsb,
      what: 'Efter underskrift',
      dueOn: '2027-06-30',
      successCriterion: 'x',
    });
    expect(late.status).toBe(400);
    expect(await (await api(`/partnership/dialogues/${id}/sign`, otherStaff, { version: 4 })).json()).toMatchObject({ state: 'held' });
    expect(await (await api(`/partnership/dialogues/${id}/sign`, office, { version: 5 })).json()).toMatchObject({ state: 'concluded' });
    expect((await get(`/partnership/dialogues/${id}`)).title).toBe('Dialogmøde 2026: Tingbjerg/Husum (fsb, KAB)');
    const front = await (await t.request('/', { session: office })).text();
    expect(front).toContain('Hovedaftale og styringsdialoger');
  });
  it('R19 the housing office corrects a target with the version it saw; a stale version is 409 with what changed', async () => {
    const id = await targetId('co2');
    const { target } = await get(`/partnership/targets/${id}`);
    const put = (session: Session | null, json: unknown) =>
      t.request(`/api/v1/partnership/targets/${id}`, { method: 'PUT', session, json });
    expect((await put(fsbStaff, { version: target.version, targetValue: 25 })).status).toBe(403);
    expect((await put(office, { version: target.version, targetValue: null })).status).toBe(400);
    const ok = await put(office, {
      version: target.version,
      baselineValue: 100,
      baselineOn: '2005-01-01',
      targetValue: 20,
      deadline: '2015-12-31',
      responsible: 'TMF',
    });
    expect(ok.status).toBe(200);
    const stale = await put(office, { version: target.version, targetValue: 30 });
    expect(stale.status).toBe(409);
    const form = await t.request(`/hovedaftale/maal/${id}/ret`, {
      session: office,
      form: { version: String(target.version), targetValue: '30' },
    });
    expect(form.status).toBe(409);
    expect((await get(`/partnership/targets/${id}`)).target).toMatchObject({ baselineValue: 100, targetValue: 20, responsible: 'TMF' });
  });
});
