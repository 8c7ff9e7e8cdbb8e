import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation, makePlan } from '../../support/factories.ts';

describeDb('R14 housing organisations form their own local steering/follow-up groups', () => {
  let t: TestApp;
  let own: Session;
  let other: Session;
  let secretariat: Session;
  let planId: number;
  let otherPlanId: number;
  const form = (plans: string[], extra: Record<string, string> = {}) => ({
    name: 'Styregruppen for Lundtoftegade',
    type: 'local_group',
    validFrom: '2026-11-01',
    minPerYear: '6',
    maxPerYear: '8',
    plans,
    ...extra,
  });
  const bodyId = async (name: string) => (await t.db.selectFrom('body').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await createTestApp();
    const orgA = (await makeOrganisation(t.db, { shortName: 'LOKALA' })).id;
    const orgB = (await makeOrganisation(t.db, { shortName: 'LOKALB' })).id;
    own = await t.as([{ role: 'organisation', organisationId: orgA }], 'Olga Organisation');
    other = await t.as([{ role: 'organisation', organisationId: orgB }], 'Anders Anden');
    secretariat = await t.as([{ role: 'secretariat' }], 'Sekretær');
    planId = (await makePlan(t.db, { organisationIds: [orgA], state: 'active', name: 'Helhedsplan Lundtoftegade' })).plan.id;
    otherPlanId = (await makePlan(t.db, { organisationIds: [orgB], state: 'active', name: 'Helhedsplan Anden' })).plan.id;
  });
  afterAll(() => t.close());

  it('R14 the plan’s housing organisation forms a group for its own plan with its own rhythm; another organisation cannot, nor add another’s plan', async () => {
    // The plan page offers it to the plan's organisation, not to another one.
    expect(await (await t.request(`/planer/${planId}`, { session: own })).text()).toContain('Opret en lokal styre- eller følgegruppe');
    expect(await (await t.request(`/planer/${planId}`, { session: other })).text()).not.toContain('Opret en lokal styre-');
    const newForm = await (await t.request(`/styring/organer/ny?plan=${planId}`, { session: own })).text();
    expect(newForm).toContain('Opret lokal styre- eller følgegruppe');
    expect(newForm).toContain('Helhedsplan Lundtoftegade');
    expect(newForm).not.toContain('Helhedsplan Anden');
    // Without plans: a field error, the input kept.
    const none = await t.request('/styring/organer/ny', { session: own, form: form([]) });
    expect(none.status).toBe(400);
    const noneHtml = await none.text();
    expect(noneHtml).toContain('Vælg de planer, gruppen følger');
    expect(noneHtml).toContain('value="Styregruppen for Lundtoftegade"');
    // Another organisation's plan: refused, nothing written.
    expect((await t.request('/styring/organer/ny', { session: other, form: form([String(planId)]) })).status).toBe(403);
    expect((await t.request('/styring/organer/ny', { session: own, form: form([String(planId), String(otherPlanId)]) })).status).toBe(403);
    // Only a local group: another type is the secretariat's.
    expect((await t.request('/styring/organer/ny', { session: own, form: form([String(planId)], { type: 'forum' }) })).status).toBe(403);
    expect(await t.db.selectFrom('body').select('id').where('name', '=', 'Styregruppen for Lundtoftegade').execute()).toEqual([]);

    const made = await t.request('/styring/organer/ny', { session: own, form: form([String(planId)]) });
    expect(made.status, await made.clone().text()).toBe(303);
    const id = await bodyId('Styregruppen for Lundtoftegade');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('entity_type', '=', 'body')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toEqual([{ action: 'create', actor_label: 'Olga Organisation' }]);
    const page = await (await t.request(`/styring/organer/${id}`, { session: own })).text();
    expect(page).toContain('6–8 møder om året');
    expect(page).toContain('Mangler beboervalgte.');
    expect(page).toContain('Mangler de boligsociale projektledere.');
    expect(page).toContain('Helhedsplan Lundtoftegade');
    expect(page).toContain('Planlæg møde');
    expect(await (await t.request(`/styring/organer/${id}`, { session: other })).text()).not.toContain('Planlæg møde');
    const plan = await (await t.request(`/planer/${planId}`)).text();
    expect(plan).toContain('Lokale styre- og følgegrupper');
    expect(plan).toContain('Styregruppen for Lundtoftegade');
  });

  it('R14 the group seats resident representatives and the project leader, plans and holds its own meetings, and changes its rhythm', async () => {
    const id = await bodyId('Styregruppen for Lundtoftegade');
    const member = (s: Session, m: Record<string, string>) =>
      t.request(`/styring/organer/${id}/medlemmer/ny`, {
        session: s,
        form: { representsKind: 'other', representsOther: '', role: 'member', startsOn: '2026-11-01', email: '', ...m },
      });
    expect((await member(other, { personName: 'Bente Beboer', level: 'resident', representsOther: 'Afdelingsbestyrelsen' })).status).toBe(
      403,
    );
    expect(
      (await member(own, { personName: 'Bente Beboer', level: 'resident', role: 'chair', representsOther: 'Afdelingsbestyrelsen' })).status,
    ).toBe(303);
    expect((await member(own, { personName: 'Per Projektleder', level: 'project_leader', representsOther: 'Helhedsplanen' })).status).toBe(
      303,
    );
    const page = await (await t.request(`/styring/organer/${id}`, { session: own })).text();
    expect(page).not.toContain('Mangler beboervalgte.');
    expect(page).not.toContain('Mangler de boligsociale projektledere.');
    expect(page).toContain('Der er ikke planlagt noget næste møde.');

    const meeting = (s: Session) =>
      t.request(`/styring/organer/${id}/moeder/ny`, {
        session: s,
        form: { date: '2026-12-03', startTime: '17:00', endTime: '19:00', place: 'Beboerhuset' },
      });
    expect((await meeting(other)).status).toBe(403);
    expect((await meeting(own)).status).toBe(303);
    const m = await t.db.selectFrom('meeting').select(['id', 'version']).where('body_id', '=', id).executeTakeFirstOrThrow();
    // The organisation runs its own meeting: the agenda goes out (API, same rule).
    const send = (s: Session, version: number) =>
      t.request(`/api/v1/meetings/${m.id}/transitions`, { method: 'POST', session: s, json: { version, action: 'sendAgenda' } });
    const item = (s: Session) =>
      t.request(`/api/v1/meetings/${m.id}/items`, { method: 'POST', session: s, json: { title: 'Status på lektiecaféen', kind: 'free' } });
    expect((await item(other)).status).toBe(403);
    expect((await item(own)).status).toBe(201);
    const v = (await t.db.selectFrom('meeting').select('version').where('id', '=', m.id).executeTakeFirstOrThrow()).version;
    expect((await send(other, v)).status).toBe(403);
    const sent = await send(own, v);
    expect(sent.status, await sent.clone().text()).toBe(200);
    expect(await (await t.request(`/styring/organer/${id}`, { session: own })).text()).not.toContain(
      'Der er ikke planlagt noget næste møde.',
    );
    expect(await (await t.request(`/planer/${planId}`)).text()).toContain('03.12.2026');

    // It sets its own rhythm; the edit form keeps the plans it follows.
    const edit = await (await t.request(`/styring/organer/${id}/rediger`, { session: own })).text();
    expect(edit).toMatch(new RegExp(`value="${planId}"[^>]*checked`));
    const version = (await t.db.selectFrom('body').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    const changed = await t.request(`/styring/organer/${id}/rediger`, {
      session: own,
      form: { ...form([String(planId)], { minPerYear: '4', maxPerYear: '4' }), version: String(version) },
    });
    expect(changed.status, await changed.clone().text()).toBe(303);
    expect(await t.db.selectFrom('body_plan').select('plan_id').where('body_id', '=', id).execute()).toEqual([{ plan_id: planId }]);
    expect(await (await t.request(`/styring/organer/${id}`)).text()).toContain('4 møder om året');
    // Adding another organisation's plan on the way is refused; so is a stale version.
    expect(
      (
        await t.request(`/styring/organer/${id}/rediger`, {
          session: own,
          form: { ...form([String(planId), String(otherPlanId)]), version: String(version + 1) },
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.request(`/styring/organer/${id}/rediger`, { session: own, form: { ...form([String(planId)]), version: String(version) } }))
        .status,
    ).toBe(409);
  });

  it('R14 the API: the organisation creates a local group for its own plan; not for another’s; the secretariat still may', async () => {
    const body = (plans: number[], name: string) => ({ name, type: 'local_group', validFrom: '2026-11-01', minPerYear: 2, planIds: plans });
    const post = (s: Session, json: unknown) => t.request('/api/v1/bodies', { method: 'POST', session: s, json });
    expect((await post(own, body([planId], 'Følgegruppe API'))).status).toBe(201);
    expect((await post(other, body([planId], 'Følgegruppe fremmed'))).status).toBe(403);
    const empty = await post(own, body([], 'Følgegruppe tom'));
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors.planIds).toContain('Vælg de planer, gruppen følger');
    expect((await post(own, { ...body([planId], 'Forum'), type: 'forum' })).status).toBe(403);
    expect((await post(secretariat, body([otherPlanId], 'Følgegruppe sekretariat'))).status).toBe(201);
  });
});
