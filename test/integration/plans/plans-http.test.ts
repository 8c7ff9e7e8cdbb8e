import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { pdfText, workbookRows } from '../../support/documents.ts';
import { chairFor } from '../../support/cooperation.ts';
import { districtId, fundingPeriodId, makeBudget, makeEstate, makeOrganisation } from '../../support/factories.ts';

describeDb('Plans over HTTP', () => {
  let t: TestApp;
  let partyOrg: number;
  let otherOrg: number;
  let party: Session;
  let outsider: Session;
  let tmf: Session;
  let lbf: Session;
  let planId: number;
  const v = async () => (await t.db.selectFrom('plan').select('version').where('id', '=', planId).executeTakeFirstOrThrow()).version;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });

  beforeAll(async () => {
    t = await createTestApp();
    partyOrg = (await makeOrganisation(t.db, { shortName: 'PARTI' })).id;
    otherOrg = (await makeOrganisation(t.db, { shortName: 'UDENFOR' })).id;
    party = await t.as([{ role: 'organisation', organisationId: partyOrg }]);
    outsider = await t.as([{ role: 'organisation', organisationId: otherOrg }]);
    tmf = await t.as([{ role: 'municipal', administration: 'TMF' }]);
    lbf = await t.as([{ role: 'lbf' }]);
    const estate = await makeEstate(t.db, { organisationId: partyOrg, districtNumber: 3 });
    const res = await api('/plans', party, {
      name: 'Testplan Nørrebro',
      districtId: null,
      fundingPeriodId: await fundingPeriodId(t.db),
      startsOn: '2023-01-01',
      endsOn: '2026-12-31',
      leadOrganisationId: partyOrg,
      estateIds: [estate.id],
      problemDescription: 'Mange uden job.',
    });
    expect(res.status).toBe(201);
    planId = (await res.json()).id;
    // R2 — from 2015-18 the plan needs a responsible board with a chair before its approval: the Nørrebro board.
    await t.db
      .updateTable('plan')
      .set({ district_id: await districtId(t.db, 3) })
      .where('id', '=', planId)
      .execute();
    await chairFor(t.db, 'bydel-noerrebro');
  });
  afterAll(() => t.close());

  it('R5 refuses an end before the start, and an estate already in an overlapping plan (R2)', async () => {
    const estate = (await t.db.selectFrom('plan_estate').select('estate_id').where('plan_id', '=', planId).executeTakeFirstOrThrow())
      .estate_id;
    const base = {
      name: 'Dublet',
      districtId: null,
      fundingPeriodId: await fundingPeriodId(t.db),
      leadOrganisationId: partyOrg,
      estateIds: [estate],
    };
    const backwards = await api('/plans', party, { ...base, startsOn: '2026-01-01', endsOn: '2025-01-01' });
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).errors.endsOn).toContain('før startdatoen');
    const overlap = await api('/plans', party, { ...base, startsOn: '2025-01-01', endsOn: '2028-12-31' });
    expect(overlap.status).toBe(400);
    expect((await overlap.json()).errors.estateIds).toContain('overlappende periode');
  });

  it('R5 explains an unmet precondition in Danish, naming the rule', async () => {
    await t.db.updateTable('plan').set({ state: 'prequalified' }).where('id', '=', planId).execute();
    const res = await api(`/plans/${planId}/transitions`, party, { version: await v(), action: 'markWritten' });
    expect(res.status).toBe(400);
    const p = await res.json();
    expect(Object.values(p.errors).join(' ')).toContain('Den strategiske samarbejdsaftale skal have mindst ét mål.');
    const page = await t.request(`/planer/${planId}/handling/markWritten`, { session: party, form: { version: String(await v()) } });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Den strategiske samarbejdsaftale skal have mindst ét mål');
  });

  it('R5 a party organisation writes the plan; a non-party organisation can read it but not edit it', async () => {
    const goal = await (await api(`/plans/${planId}/goals`, party, { version: await v(), title: 'Flere i job' })).json();
    expect(
      (
        await api(`/plans/${planId}/criteria`, party, {
          version: await v(),
          goalId: goal.id,
          indicatorName: 'Beskæftigelse',
          unit: '%',
          direction: 'increase',
          baselineValue: 45,
          baselineDate: '2023-01-01',
          targetValue: 55,
          targetDate: '2026-12-31',
        })
      ).status,
    ).toBe(201);
    const areas = await t.db
      .selectFrom('focus_area')
      .select('id')
      .where('funding_period_id', '=', await fundingPeriodId(t.db))
      .orderBy('sort')
      .execute();
    for (const fa of areas.slice(0, 2)) {
      const sub = await (await api(`/plans/${planId}/sub-agreements`, party, { version: await v(), focusAreaId: fa.id })).json();
      const act = await api(`/plans/${planId}/activities`, party, {
        version: await v(),
        subAgreementId: sub.id,
        title: `Aktivitet ${fa.id}`,
        goalIds: [goal.id],
        parties: [
          { kind: 'organisation', organisationId: partyOrg, name: 'PARTI', part: 'responsible' },
          { kind: 'administration', administration: 'BIF', part: 'carries_out' },
        ],
      });
      expect(act.status).toBe(201);
    }
    expect(
      (await api(`/plans/${planId}/contingency`, party, { version: await v(), steps: 'Ring 114.', lastReviewed: '2026-01-10' }, 'PUT'))
        .status,
    ).toBe(200);
    await t.db
      .insertInto('contingency_contact')
      .values({ plan_id: planId, call_order: 1, role: 'Projektleder', name: 'Hemmelig Person', phone: '+45 12345678' })
      .execute();

    // An application is not public: the non-party organisation sees it only once approved (below).
    expect((await t.request(`/planer/${planId}`, { session: outsider })).status).toBe(403);
    const edit = await api(`/plans/${planId}/goals`, outsider, { version: await v(), title: 'Kapret' });
    expect(edit.status).toBe(403);
    const editPage = await t.request(`/planer/${planId}/strategi?form=goal`, {
      session: outsider,
      form: { version: String(await v()), title: 'Kapret' },
    });
    expect(editPage.status).toBe(403);
    expect((await t.db.selectFrom('goal').select('title').where('plan_id', '=', planId).execute()).map((g) => g.title)).toEqual([
      'Flere i job',
    ]);
  });

  it('R3 rejects a stale content edit with a conflict', async () => {
    const stale = (await v()) - 1;
    const res = await api(`/plans/${planId}/goals`, party, { version: stale, title: 'For sent' });
    expect(res.status).toBe(409);
  });

  it('R5 moves the plan through the municipal chain to active; version 1 is frozen and cannot be edited', async () => {
    expect((await api(`/plans/${planId}/transitions`, party, { version: await v(), action: 'markWritten' })).status).toBe(200);
    const early = await api(`/plans/${planId}/transitions`, tmf, {
      version: await v(),
      action: 'recordApprovalStep',
      stepKey: 'appropriation',
      decisionDate: '2026-02-01',
      caseNumber: 'BR-1',
      amountOre: 1,
    });
    expect(early.status).toBe(400);
    expect(Object.values((await early.json()).errors).join(' ')).toContain('skal registreres først');
    expect(
      (
        await api(`/plans/${planId}/transitions`, tmf, {
          version: await v(),
          action: 'recordApprovalStep',
          stepKey: 'committee',
          decisionDate: '2026-01-10',
          caseNumber: 'TMU-7',
        })
      ).status,
    ).toBe(200);
    const activateTooSoon = await api(`/plans/${planId}/transitions`, tmf, { version: await v(), action: 'activate' });
    expect(activateTooSoon.status).toBe(400);
    // R1, R5 — the Council approves the plan with its budget: 12 mio. kr., of which the municipality pays 1,5 mio. kr.
    await makeBudget(t.db, planId, { frameOre: 1_200_000_000 });
    const r = await api(`/plans/${planId}/transitions`, tmf, {
      version: await v(),
      action: 'recordApprovalStep',
      stepKey: 'appropriation',
      decisionDate: '2026-02-01',
      caseNumber: 'BR-12',
      amountOre: 150_000_000,
    });
    expect(await r.json()).toEqual({ state: 'municipal_approval' });
    expect(
      (
        await api(`/plans/${planId}/transitions`, tmf, {
          version: await v(),
          action: 'recordGrant',
          decisionDate: '2026-03-01',
          caseNumber: 'LBF-2026-9',
        })
      ).status,
    ).toBe(200);
    expect(await (await api(`/plans/${planId}/transitions`, tmf, { version: await v(), action: 'activate' })).json()).toEqual({
      state: 'active',
    });

    const version1 = await (await t.request(`/api/v1/plans/${planId}/versions/1`)).json();
    expect(version1.snapshot.goals[0].title).toBe('Flere i job');
    const frozen = await api(`/plans/${planId}/goals`, party, { version: await v(), title: 'Efter godkendelse' });
    expect(frozen.status).toBe(403);
    expect((await frozen.json()).detail).toContain('ændringsanmodning');
    const admin = await t.as([{ role: 'admin' }]);
    expect((await api(`/plans/${planId}/goals`, admin, { version: await v(), title: 'Heller ikke admin' })).status).toBe(403);
    const transitions = await t.db
      .selectFrom('plan_transition')
      .select(['to_state', 'step_key', 'case_number'])
      .where('plan_id', '=', planId)
      .orderBy('id')
      .execute();
    expect(transitions.map((x) => x.step_key ?? x.to_state)).toEqual(['plan_written', 'committee', 'appropriation', 'granted', 'active']);
  });

  it('R5 approved plans are public; the contingency contacts are hidden from the public and the LBF reader', async () => {
    const anon = await (await t.request(`/planer/${planId}`)).text();
    expect(anon).toContain('Testplan Nørrebro');
    expect(anon).not.toContain('Hemmelig Person');
    expect(anon).toContain('vises kun for brugere med en rolle i planen');
    expect(await (await t.request(`/planer/${planId}`, { session: lbf })).text()).not.toContain('Hemmelig Person');
    expect(JSON.stringify(await (await t.request(`/api/v1/plans/${planId}`)).json())).not.toContain('Hemmelig Person');
    expect(await (await t.request(`/planer/${planId}`, { session: party })).text()).toContain('Hemmelig Person');
    // A non-party organisation reads the approved plan but cannot change it.
    expect((await t.request(`/planer/${planId}`, { session: outsider })).status).toBe(200);
    expect(
      (
        await t.request(`/api/v1/plans/${planId}/transitions`, {
          method: 'POST',
          session: outsider,
          json: { version: await v(), action: 'end' },
        })
      ).status,
    ).toBe(403);
    // A draft of someone else is not public.
    const draft = await api('/plans', party, {
      name: 'Hemmeligt udkast',
      districtId: null,
      fundingPeriodId: await fundingPeriodId(t.db),
      startsOn: '2027-01-01',
      endsOn: '2030-12-31',
      leadOrganisationId: partyOrg,
      estateIds: [(await makeEstate(t.db, { organisationId: partyOrg })).id],
    });
    const draftId = (await draft.json()).id;
    expect((await t.request(`/api/v1/plans/${draftId}`)).status).toBe(401);
    expect((await t.request(`/api/v1/plans/${draftId}`, { session: lbf })).status).toBe(403);
    expect(JSON.stringify(await (await t.request('/api/v1/plans')).json())).not.toContain('Hemmeligt udkast');
  });

  it('R3 exports the plan as a Danish PDF with all three documents and as an Excel workbook', async () => {
    const pdf = await t.request(`/planer/${planId}/plan.pdf`, { session: party });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    for (const s of ['Testplan Nørrebro', 'Strategisk samarbejdsaftale', 'Delaftaler', 'Beredskabsplan', 'Flere i job', 'Side 1 af'])
      expect(text).toContain(s);
    const xlsx = await t.request(`/planer/${planId}/plan.xlsx`, { session: party });
    const sheets = await workbookRows(new Uint8Array(await xlsx.arrayBuffer()));
    expect(Object.keys(sheets)).toEqual(['Mål', 'Målinger', 'Aktiviteter']);
    expect(sheets['Mål']![1]).toContain('Flere i job');
    expect(sheets['Aktiviteter']!.length).toBe(3);
  });
});
