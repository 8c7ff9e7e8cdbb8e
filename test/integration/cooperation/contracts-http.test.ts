import { afterAll, beforeAll, expect, it } from 'vitest';
import { contractStepKey } from '../../../src/domain/cooperation/index.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { bodyId, chairFor, meetingOf, planInArea } from '../../support/cooperation.ts';
import { describeDb } from '../../support/db.ts';
import { pdfText } from '../../support/documents.ts';
import { makeBudget, makeOrganisation } from '../../support/factories.ts';

describeDb('Contracts on housing-social cooperation over HTTP (R17)', () => {
  let t: TestApp;
  let secretariat: Session;
  let tmf: Session;
  let party: Session;
  let outsider: Session;
  let board: Session;
  let contractId: number;
  let goalId: number;
  let plan: Awaited<ReturnType<typeof planInArea>>;
  let otherPlan: Awaited<ReturnType<typeof planInArea>>;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  const contract = async (s: Session | null = secretariat) => (await api(`/contracts/${contractId}`, s, undefined, 'GET')).json();
  const planVersion = async (id: number) =>
    (await t.db.selectFrom('plan').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const goal = (o: Record<string, unknown> = {}) => ({
    theme: 'Børn, unge og beskæftigelse',
    title: 'Flere unge i fritidsjob',
    description: 'Unge får deres første job.',
    roles: 'BIF: jobcentrets ungeindsats\nfsb: lommepengejob i driften',
    successCriteria: '40 unge i fritidsjob om året',
    ...o,
  });

  beforeAll(async () => {
    t = await createTestApp();
    const fsb = (await makeOrganisation(t.db, { shortName: 'fsb', name: 'fsb' })).id;
    const other = (await makeOrganisation(t.db, { shortName: 'KAB', name: 'KAB' })).id;
    secretariat = await t.as([{ role: 'secretariat' }], 'Søren Sekretariat');
    tmf = await t.as([{ role: 'municipal', administration: 'TMF' }], 'Tina Teknik');
    party = await t.as([{ role: 'organisation', organisationId: fsb }], 'Frida fsb');
    outsider = await t.as([{ role: 'organisation', organisationId: other }], 'Karl KAB');
    board = await t.as([{ role: 'board_member', bodyId: await bodyId(t.db, 'bydel-noerrebro') }], 'Bente Bestyrelse');
    plan = await planInArea(t.db, 'Nørrebro', { organisationIds: [fsb], name: 'Helhedsplan Nørrebro' });
    await chairFor(t.db, 'bydel-noerrebro');
    otherPlan = await planInArea(t.db, 'Tingbjerg/Husum', { organisationIds: [fsb], name: 'Helhedsplan Tingbjerg', state: 'active' });
  });
  afterAll(() => t.close());

  it('R17 the secretariat creates the draft contract for an area; a draft is not public', async () => {
    const res = await api('/contracts', secretariat, {
      areaName: 'Nørrebro',
      bodyId: await bodyId(t.db, 'bydel-noerrebro'),
      title: 'Kontrakt om boligsocialt samarbejde',
    });
    expect(res.status).toBe(201);
    contractId = (await res.json()).id;
    expect((await api('/contracts', secretariat, { areaName: 'Nørrebro', bodyId: null, title: 'Igen' })).status).toBe(400);
    expect((await api('/contracts', party, { areaName: 'Tingbjerg/Husum', bodyId: null, title: 'x' })).status).toBe(403);
    const g = await api(`/contracts/${contractId}/goals`, secretariat, { version: 1, ...goal() });
    expect(g.status).toBe(201);
    goalId = (await g.json()).goalId;
    expect((await api(`/contracts/${contractId}`, null, undefined, 'GET')).status).toBe(401);
    expect(await (await api('/contracts', null, undefined, 'GET')).json()).toEqual([]);
    const c = await contract();
    expect(c).toMatchObject({ status: 'draft', currentVersion: 0, versions: [] });
    expect(c.goals[0].roles).toEqual([
      { kind: 'administration', party: 'BIF', responsibility: 'jobcentrets ungeindsats' },
      { kind: 'organisation', party: 'fsb', responsibility: 'lommepengejob i driften' },
    ]);
  });

  it('R17 the contract is approved politically as a step of the approval chain of a plan in its area', async () => {
    const step = (stepKey: string, extra: Record<string, unknown> = {}) =>
      api(`/plans/${plan.planId}/transitions`, tmf, {
        action: 'recordApprovalStep',
        stepKey,
        decisionDate: '2026-01-10',
        caseNumber: `BR-${stepKey}`,
        ...extra,
      });
    expect((await step('committee', { version: await planVersion(plan.planId) })).status).toBe(200);
    // R1 — the Council approves the municipality's share of the plan's budget (100.000 kr. of 800.000 kr.).
    await makeBudget(t.db, plan.planId, { frameOre: 80_000_000 });
    expect((await step('appropriation', { version: await planVersion(plan.planId), amountOre: 100_000_00 })).status).toBe(200);
    // The chain is not complete until the contract is approved with the plan.
    expect((await t.db.selectFrom('plan').select('state').where('id', '=', plan.planId).executeTakeFirstOrThrow()).state).toBe(
      'plan_written',
    );
    expect(await (await t.request(`/planer/${plan.planId}`, { session: tmf })).text()).toContain(
      'kontrakten om boligsocialt samarbejde for Nørrebro sammen med planen: mangler',
    );
    const page = await t.request(`/planer/${plan.planId}/handling/recordApprovalStep`, { session: tmf });
    expect(await page.text()).toContain('kontrakten om boligsocialt samarbejde for Nørrebro');
    expect((await step(contractStepKey, { version: await planVersion(plan.planId) })).status).toBe(200);
    expect((await t.db.selectFrom('plan').select('state').where('id', '=', plan.planId).executeTakeFirstOrThrow()).state).toBe(
      'municipal_approval',
    );
    const c = await contract(null);
    expect(c).toMatchObject({
      status: 'approved',
      approvedOn: '2026-01-10',
      approvalReference: `BR-${contractStepKey}`,
      currentVersion: 1,
      approvedWithPlan: { id: plan.planId },
    });
    expect(c.versions).toHaveLength(1);
    expect(c.versions[0]).toMatchObject({ number: 1, kind: 'approval', meeting: null });
    expect((await api('/contracts', null, undefined, 'GET')).status).toBe(200);
  });

  it('R17 the board revises a goal at its meeting without political approval: version 2 with the diff and the meeting', async () => {
    const meetingId = await meetingOf(t.db, 'bydel-noerrebro', '2026-03-05');
    const v = (await contract()).version;
    const noMeeting = await api(
      `/contracts/${contractId}/goals/${goalId}`,
      board,
      { version: v, ...goal({ successCriteria: '60 unge' }) },
      'PUT',
    );
    expect(noMeeting.status).toBe(400);
    expect(JSON.stringify(await noMeeting.json())).toContain('Vælg det møde');
    const wrongBody = await meetingOf(t.db, 'bydel-tingbjerg', '2026-03-06');
    expect(
      (
        await api(
          `/contracts/${contractId}/goals/${goalId}`,
          board,
          { version: v, ...goal({ successCriteria: '60 unge' }), meetingId: wrongBody },
          'PUT',
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await api(
          `/contracts/${contractId}/goals/${goalId}`,
          outsider,
          { version: v, ...goal({ successCriteria: '60 unge' }), meetingId },
          'PUT',
        )
      ).status,
    ).toBe(403);
    const res = await api(
      `/contracts/${contractId}/goals/${goalId}`,
      board,
      { version: v, ...goal({ successCriteria: '60 unge i fritidsjob om året' }), meetingId, note: 'Besluttet efter midtvejsevaluering' },
      'PUT',
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).contractVersion).toBe(2);
    const c = await contract(null);
    expect(c.status).toBe('approved');
    expect(c.currentVersion).toBe(2);
    expect(c.versions[0]).toMatchObject({
      number: 2,
      kind: 'revision',
      decidedOn: '2026-03-05',
      meeting: { id: meetingId, bodyName: 'Bydelsbestyrelse Nørrebro' },
    });
    expect(c.versions[0].diff.goals).toEqual([
      {
        goalId,
        title: 'Flere unge i fritidsjob',
        kind: 'changed',
        changes: [{ field: 'successCriteria', before: '40 unge i fritidsjob om året', after: '60 unge i fritidsjob om året' }],
      },
    ]);
    // A stale version is a conflict.
    expect(
      (await api(`/contracts/${contractId}/goals/${goalId}`, board, { version: v, ...goal({ title: 'For sent' }), meetingId }, 'PUT'))
        .status,
    ).toBe(409);
  });

  it("R17 a plan's activity is linked to a goal by its party; the contract shows it; plans outside the area are refused", async () => {
    expect((await api(`/contracts/${contractId}/goals/${goalId}/activities`, outsider, { activityId: plan.activityId })).status).toBe(403);
    const outside = await api(`/contracts/${contractId}/goals/${goalId}/activities`, party, { activityId: otherPlan.activityId });
    expect(outside.status).toBe(400);
    expect(JSON.stringify(await outside.json())).toContain('uden for Nørrebro');
    expect((await api(`/contracts/${contractId}/goals/${goalId}/activities`, party, { activityId: plan.activityId })).status).toBe(201);
    const c = await contract(null);
    expect(c.goals.find((g: { id: number }) => g.id === goalId).activities).toEqual([
      {
        id: plan.activityId,
        title: 'Lommepengejob (Helhedsplan Nørrebro)',
        status: 'planned',
        plan: { id: plan.planId, name: 'Helhedsplan Nørrebro' },
      },
    ]);
    const planPage = await (await t.request(`/planer/${plan.planId}`, { session: party })).text();
    expect(planPage).toContain('Kontrakt om boligsocialt samarbejde');
    expect(planPage).toContain('Lommepengejob (Helhedsplan Nørrebro) → Flere unge i fritidsjob');
    const html = await (await t.request(`/kontrakter/${contractId}`)).text();
    expect(html).toContain('Lommepengejob (Helhedsplan Nørrebro)');
    expect(html).toContain('Version 2');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_type', '=', 'cooperation_contract')
      .where('entity_id', '=', String(contractId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'approve', 'revise']));
  });

  it('R17 the contract page, its revision form and its PDF', async () => {
    const page = await t.request(`/kontrakter/${contractId}/maal/${goalId}`, { session: board });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Mødet i Bydelsbestyrelse Nørrebro');
    expect((await t.request(`/kontrakter/${contractId}/maal/${goalId}`, { session: outsider })).status).toBe(403);
    const pdf = await t.request(`/kontrakter/${contractId}/kontrakt.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('Flere unge i fritidsjob');
    expect(text).toContain('Versioner');
  });
});
