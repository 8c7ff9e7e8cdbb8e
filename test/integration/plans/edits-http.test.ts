import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { fundingPeriodId, makeOrganisation, makePlan } from '../../support/factories.ts';

describeDb('Edit, not only add: a plan’s parts and its call list (HTTP)', () => {
  let t: TestApp;
  let org: number;
  let draftId: number;
  let otherDraftId: number;
  let activeId: number;
  let party: Session;
  let outsider: Session;
  let leader: Session;
  const ids = { goal: 0, otherGoal: 0, challenge: 0, criterion: 0, sub: 0, activity: 0, contact: 0, activeContact: 0 };
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  const v = async (planId: number) =>
    (await t.db.selectFrom('plan').select('version').where('id', '=', planId).executeTakeFirstOrThrow()).version;
  const lastAudit = (entityType: string, id: number) =>
    t.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', String(id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  const goalTitle = async (id: number) =>
    (await t.db.selectFrom('goal').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title;
  const criterion = {
    indicatorName: 'Beskæftigelse',
    unit: '%',
    direction: 'increase',
    baselineValue: 45,
    baselineDate: '2023-01-01',
    targetValue: 55,
    targetDate: '2026-12-31',
  };
  const contact = {
    callOrder: 1,
    role: 'Projektleder',
    organisation: 'PARTI',
    name: 'Hemmelig Hansen',
    phone: '+45 11111111',
    email: 'hh@x.dk',
  };

  beforeAll(async () => {
    t = await createTestApp();
    org = (await makeOrganisation(t.db, { shortName: 'PARTI' })).id;
    party = await t.as([{ role: 'organisation', organisationId: org }]);
    outsider = await t.as([{ role: 'organisation', organisationId: (await makeOrganisation(t.db)).id }]);
    draftId = (await makePlan(t.db, { organisationIds: [org] })).plan.id;
    otherDraftId = (await makePlan(t.db, { organisationIds: [org] })).plan.id;
    activeId = (await makePlan(t.db, { organisationIds: [org], state: 'active', name: 'Aktiv plan' })).plan.id;
    leader = await t.as([{ role: 'project_leader', planId: activeId }], 'Pia Projektleder');
    const post = async (planId: number, path: string, body: object) => {
      const res = await api(`/plans/${planId}/${path}`, party, { version: await v(planId), ...body });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()).id as number;
    };
    ids.challenge = await post(draftId, 'challenges', { title: 'Mange uden job' });
    ids.goal = await post(draftId, 'goals', { title: 'Flere i job', challengeId: ids.challenge });
    ids.otherGoal = await post(otherDraftId, 'goals', { title: 'Andet mål' });
    ids.criterion = await post(draftId, 'criteria', { goalId: ids.goal, ...criterion });
    const fa = await t.db
      .selectFrom('focus_area')
      .select('id')
      .where('funding_period_id', '=', await fundingPeriodId(t.db))
      .executeTakeFirstOrThrow();
    ids.sub = await post(draftId, 'sub-agreements', { focusAreaId: fa.id });
    ids.activity = await post(draftId, 'activities', {
      subAgreementId: ids.sub,
      title: 'Jobcafé',
      goalIds: [ids.goal],
      parties: [{ kind: 'organisation', organisationId: org, name: 'PARTI', part: 'responsible' }],
    });
    ids.contact = await post(draftId, 'contacts', contact);
    // An active plan has its contingency plan (a precondition of activation).
    await t.db.insertInto('contingency_plan').values({ plan_id: activeId, steps: 'Ring 114.', last_reviewed: '2026-01-10' }).execute();
    ids.activeContact = (
      await t.db
        .insertInto('contingency_contact')
        .values({ plan_id: activeId, call_order: 1, role: 'Projektleder', name: 'Gammel Leder', phone: '+45 22222222', email: 'gl@x.dk' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  it('R4 a goal is edited under the plan’s version; the audit has before and after', async () => {
    const res = await api(
      `/plans/${draftId}/goals/${ids.goal}`,
      party,
      { version: await v(draftId), title: 'Flere i ordinær beskæftigelse' },
      'PUT',
    );
    expect(res.status).toBe(200);
    expect(await goalTitle(ids.goal)).toBe('Flere i ordinær beskæftigelse');
    const audit = await lastAudit('goal', ids.goal);
    expect(audit.action).toBe('update');
    expect(audit.changes).toContainEqual({ field: 'title', before: 'Flere i job', after: 'Flere i ordinær beskæftigelse' });
    expect(audit.changes).toContainEqual({ field: 'challenge_id', before: ids.challenge, after: null });
  });

  it('R4 a stale edit is refused with 409 naming what changed; nothing is written', async () => {
    const seen = await v(draftId);
    expect((await api(`/plans/${draftId}/goals/${ids.goal}`, party, { version: seen, title: 'Første' }, 'PUT')).status).toBe(200);
    const stale = await api(`/plans/${draftId}/goals/${ids.goal}`, party, { version: seen, title: 'Anden' }, 'PUT');
    expect(stale.status).toBe(409);
    expect((await stale.json()).changes).toContainEqual(expect.objectContaining({ field: 'goal.title', theirs: 'Første' }));
    expect(await goalTitle(ids.goal)).toBe('Første');
    // The page: 409 with the changes shown and the user's input kept.
    const page = await t.request(`/planer/${draftId}/ret/goal/${ids.goal}`, {
      session: party,
      form: { version: String(seen), title: 'Tredje' },
    });
    expect(page.status).toBe(409);
    const html = await page.text();
    expect(html).toContain('Ændringer siden du åbnede siden');
    expect(html).toContain('goal.title');
    expect(html).toContain('value="Tredje"');
    expect(await goalTitle(ids.goal)).toBe('Første');
  });

  it('R5 another organisation may not edit (403), and nothing changes', async () => {
    expect((await api(`/plans/${draftId}/goals/${ids.goal}`, outsider, { version: await v(draftId), title: 'Kapret' }, 'PUT')).status).toBe(
      403,
    );
    const page = await t.request(`/planer/${draftId}/ret/goal/${ids.goal}`, {
      session: outsider,
      form: { version: String(await v(draftId)), title: 'Kapret' },
    });
    expect(page.status).toBe(403);
    expect(await goalTitle(ids.goal)).toBe('Første');
  });

  it('R3 a part of another plan is not found (404) and nothing changes', async () => {
    const res = await api(`/plans/${draftId}/goals/${ids.otherGoal}`, party, { version: await v(draftId), title: 'Forkert plan' }, 'PUT');
    expect(res.status).toBe(404);
    expect((await t.request(`/planer/${draftId}/ret/goal/${ids.otherGoal}`, { session: party })).status).toBe(404);
    expect(await goalTitle(ids.otherGoal)).toBe('Andet mål');
    // A criterion may not be moved to another plan's goal either.
    const moved = await api(
      `/plans/${draftId}/criteria/${ids.criterion}`,
      party,
      { version: await v(draftId), ...criterion, goalId: ids.otherGoal },
      'PUT',
    );
    expect(moved.status).toBe(400);
    expect((await moved.json()).errors.goalId).toBe('Vælg et af planens mål.');
  });

  it('R4 a success criterion is edited; an implausible target for its unit is refused at the field', async () => {
    const bad = await api(
      `/plans/${draftId}/criteria/${ids.criterion}`,
      party,
      { version: await v(draftId), goalId: ids.goal, ...criterion, targetValue: 150 },
      'PUT',
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.targetValue).toBe('En procentandel skal ligge mellem 0 og 100.');
    const ok = await api(
      `/plans/${draftId}/criteria/${ids.criterion}`,
      party,
      { version: await v(draftId), goalId: ids.goal, ...criterion, targetValue: 60 },
      'PUT',
    );
    expect(ok.status).toBe(200);
    expect((await lastAudit('success_criterion', ids.criterion)).changes).toEqual([{ field: 'target_value', before: 55, after: 60 }]);
  });

  it('R3 an activity and its parties are edited; the audit keeps the parties before and after', async () => {
    const res = await api(
      `/plans/${draftId}/activities/${ids.activity}`,
      party,
      {
        version: await v(draftId),
        subAgreementId: ids.sub,
        title: 'Jobcafé for unge',
        goalIds: [ids.goal],
        parties: [
          { kind: 'administration', administration: 'BIF', part: 'responsible' },
          { kind: 'organisation', organisationId: org, name: 'PARTI', part: 'carries_out' },
        ],
      },
      'PUT',
    );
    expect(res.status).toBe(200);
    const audit = await lastAudit('activity', ids.activity);
    const parties = audit.changes.find((c) => c.field === 'parties')!;
    expect((parties.before as { part: string }[]).map((p) => p.part)).toEqual(['responsible']);
    expect((parties.after as { part: string; administration: string }[]).map((p) => `${p.part}:${p.administration ?? ''}`)).toEqual([
      'responsible:BIF',
      'carries_out:',
    ]);
    const twoResponsible = await api(
      `/plans/${draftId}/activities/${ids.activity}`,
      party,
      {
        version: await v(draftId),
        subAgreementId: ids.sub,
        title: 'X',
        parties: [
          { kind: 'police', part: 'responsible' },
          { kind: 'civil_society', part: 'responsible' },
        ],
      },
      'PUT',
    );
    expect(twoResponsible.status).toBe(400);
    expect((await t.db.selectFrom('activity').select('title').where('id', '=', ids.activity).executeTakeFirstOrThrow()).title).toBe(
      'Jobcafé for unge',
    );
  });

  it('R3 the edit page shows a part as it is and saves the form', async () => {
    const form = await (await t.request(`/planer/${draftId}/ret/challenge/${ids.challenge}`, { session: party })).text();
    expect(form).toContain('value="Mange uden job"');
    const res = await t.request(`/planer/${draftId}/ret/challenge/${ids.challenge}`, {
      session: party,
      form: { version: String(await v(draftId)), title: 'Mange uden for arbejdsmarkedet', description: '' },
    });
    expect(res.status).toBe(303);
    const refused = await t.request(`/planer/${draftId}/ret/challenge/${ids.challenge}`, {
      session: party,
      form: { version: String(await v(draftId)), title: '', description: 'Beholdt tekst' },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Beholdt tekst');
    expect((await t.db.selectFrom('challenge').select('title').where('id', '=', ids.challenge).executeTakeFirstOrThrow()).title).toBe(
      'Mange uden for arbejdsmarkedet',
    );
  });

  it('R5 on an active plan the content is edited only through a change request (403)', async () => {
    const { plan } = await makePlan(t.db, { organisationIds: [org], state: 'active' });
    const g = await t.db.insertInto('goal').values({ plan_id: plan.id, title: 'Låst mål' }).returning('id').executeTakeFirstOrThrow();
    const res = await api(`/plans/${plan.id}/goals/${g.id}`, party, { version: await v(plan.id), title: 'Direkte' }, 'PUT');
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toContain('ændringsanmodning');
    expect(await goalTitle(g.id)).toBe('Låst mål');
  });

  it('R3 the project leader keeps an active plan’s call list current without a change request; audited before and after', async () => {
    const res = await api(
      `/plans/${activeId}/contacts/${ids.activeContact}`,
      leader,
      { version: await v(activeId), ...contact, name: 'Ny Leder', phone: '+45 33333333', email: 'nl@x.dk' },
      'PUT',
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const audit = await lastAudit('contingency_contact', ids.activeContact);
    expect(audit.changes).toContainEqual({ field: 'name', before: 'Gammel Leder', after: 'Ny Leder' });
    expect(audit.changes).toContainEqual({ field: 'phone', before: '+45 22222222', after: '+45 33333333' });
    const added = await api(`/plans/${activeId}/contacts`, leader, {
      version: await v(activeId),
      ...contact,
      callOrder: 2,
      role: 'Nærbetjent',
    });
    expect(added.status).toBe(201);
    const addedId = (await added.json()).id;
    const page = await t.request(`/planer/${activeId}/ret/contact/${addedId}`, {
      session: leader,
      form: {
        version: String(await v(activeId)),
        callOrder: '2',
        role: 'Nærbetjent',
        name: 'Nina Nærbetjent',
        phone: '+45 44444444',
        email: '',
      },
    });
    expect(page.status).toBe(303);
    const removed = await api(`/plans/${activeId}/contacts/${addedId}/removal`, leader, { version: await v(activeId) });
    expect(removed.status).toBe(200);
    expect((await lastAudit('contingency_contact', addedId)).changes).toContainEqual({
      field: 'name',
      before: 'Nina Nærbetjent',
      after: null,
    });
    // The section page offers the call list on the active plan, not the locked steps.
    const section = await (await t.request(`/planer/${activeId}/beredskab`, { session: leader })).text();
    expect(section).toContain('Tilføj til kaldelisten');
    expect(section).not.toContain('Gem beredskabsplanen');
  });

  it('R3 the call list is personal data: outsiders may not change it, the public does not see phone or e-mail', async () => {
    const body = { version: await v(activeId), ...contact, name: 'Kapret', phone: '+45 99999999' };
    expect((await api(`/plans/${activeId}/contacts/${ids.activeContact}`, outsider, body, 'PUT')).status).toBe(403);
    expect((await api(`/plans/${activeId}/contacts/${ids.activeContact}`, null, body, 'PUT')).status).toBe(401);
    expect((await api(`/plans/${activeId}/contacts`, outsider, body)).status).toBe(403);
    const stale = await api(`/plans/${activeId}/contacts/${ids.activeContact}`, leader, { ...body, version: 1, name: 'For sent' }, 'PUT');
    expect(stale.status).toBe(409);
    // A contact of another plan is not found.
    expect((await api(`/plans/${activeId}/contacts/${ids.contact}`, leader, { ...body, version: await v(activeId) }, 'PUT')).status).toBe(
      404,
    );
    const row = await t.db
      .selectFrom('contingency_contact')
      .select(['name', 'phone'])
      .where('id', '=', ids.activeContact)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Ny Leder', phone: '+45 33333333' });
    for (const session of [null, outsider]) {
      const html = await (await t.request(`/planer/${activeId}`, { session })).text();
      const json = JSON.stringify(await (await t.request(`/api/v1/plans/${activeId}`, { session })).json());
      for (const secret of ['+45 33333333', 'nl@x.dk', 'Ny Leder']) {
        expect(html).not.toContain(secret);
        expect(json).not.toContain(secret);
      }
    }
    expect(await (await t.request(`/planer/${activeId}`, { session: leader })).text()).toContain('+45 33333333');
    // An ended plan's call list is no longer kept.
    await t.db.updateTable('plan').set({ state: 'ended' }).where('id', '=', activeId).execute();
    expect(
      (await api(`/plans/${activeId}/contacts/${ids.activeContact}`, leader, { ...body, version: await v(activeId) }, 'PUT')).status,
    ).toBe(403);
  });
});
