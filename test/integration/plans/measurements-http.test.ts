import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation, makePlan } from '../../support/factories.ts';

describeDb('Measurements: plausible, correctable, removable (HTTP)', () => {
  let t: TestApp;
  let planId: number;
  let otherPlanId: number;
  let percentId: number;
  let countId: number;
  let otherCriterionId: number;
  let leader: Session;
  let outsider: Session;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('measurement')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const revisions = async () =>
    Number(
      (
        await t.db
          .selectFrom('measurement_revision')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const measurement = (id: number) => t.db.selectFrom('measurement').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  async function criterion(plan: number, unit: string, name: string) {
    const goal = await t.db
      .insertInto('goal')
      .values({ plan_id: plan, title: `Mål for ${name}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (
      await t.db
        .insertInto('success_criterion')
        .values({
          plan_id: plan,
          goal_id: goal.id,
          indicator_name: name,
          unit,
          direction: 'increase',
          baseline_value: 40,
          baseline_date: '2023-01-01',
          target_value: 60,
          target_date: '2026-12-31',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const org = (await makeOrganisation(t.db)).id;
    const { plan } = await makePlan(t.db, { organisationIds: [org], state: 'active', name: 'Plan med målinger' });
    planId = plan.id;
    otherPlanId = (await makePlan(t.db, { state: 'active' })).plan.id;
    percentId = await criterion(planId, '%', 'Beskæftigelsesfrekvens');
    countId = await criterion(planId, 'antal', 'Unge i lektiecafé');
    otherCriterionId = await criterion(otherPlanId, '%', 'Andet kriterium');
    leader = await t.as([{ role: 'project_leader', planId }], 'Pia Projektleder');
    outsider = await t.as([{ role: 'organisation', organisationId: (await makeOrganisation(t.db)).id }]);
  });
  afterAll(() => t.close());

  it.each([
    ['a negative percentage', () => percentId, { value: -50, measuredOn: '2025-12-31' }, 'value', 'mellem 0 og 100'],
    ['10^20 percent', () => percentId, { value: 1e20, measuredOn: '2025-12-31' }, 'value', 'mellem 0 og 100'],
    ['a date in 2031', () => percentId, { value: 45, measuredOn: '2031-01-01' }, 'measuredOn', 'fremtiden'],
    ['a negative count', () => countId, { value: -3, measuredOn: '2025-12-31' }, 'value', 'negativt'],
  ])('R4 the API refuses %s with a Danish message at the field, and writes nothing', async (_n, crit, body, fieldName, text) => {
    const before = await count();
    const res = await api(`/criteria/${crit()}/measurements`, leader, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).errors[fieldName]).toContain(text);
    expect(await count()).toBe(before);
  });

  it('R4 the page refuses −50 % and 2031 with the messages next to the fields, keeps the input and writes nothing', async () => {
    const before = await count();
    const res = await t.request(`/planer/${planId}/maalinger/${percentId}`, {
      session: leader,
      form: { value: '-50', measuredOn: '2031-01-01', source: 'Min kilde' },
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('En procentandel skal ligge mellem 0 og 100.');
    expect(html).toContain('Måledatoen må ikke ligge i fremtiden.');
    expect(html).toContain('value="-50"');
    expect(html).toContain('value="2031-01-01"');
    expect(html).toContain('value="Min kilde"');
    expect(await count()).toBe(before);
  });

  it('R4 a project leader corrects a wrong measurement: the old value is kept, the audit has before and after, the public sees the new value', async () => {
    const created = await api(`/criteria/${percentId}/measurements`, leader, { value: 84, measuredOn: '2025-12-31', source: 'Tastefejl' });
    expect(created.status).toBe(201);
    const id = (await created.json()).id as number;
    expect(await (await t.request(`/planer/${planId}`)).text()).toContain('84,0 % (31.12.2025)');

    const res = await api(
      `/criteria/${percentId}/measurements/${id}`,
      leader,
      { version: 1, value: 48, measuredOn: '2025-12-31', source: 'Årsopgørelse', reason: 'Tastefejl: 84 i stedet for 48' },
      'PUT',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ version: 2 });
    expect(Number((await measurement(id)).value)).toBe(48);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'changes', 'summary'])
      .where('entity_type', '=', 'measurement')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit.changes).toContainEqual({ field: 'value', before: 84, after: 48 });
    expect(audit.changes).toContainEqual({ field: 'source', before: 'Tastefejl', after: 'Årsopgørelse' });
    expect(audit.summary).toContain('Tastefejl: 84 i stedet for 48');

    const publicPage = await (await t.request(`/planer/${planId}`)).text();
    expect(publicPage).toContain('48,0 % (31.12.2025)');
    expect(publicPage).not.toContain('84,0 %');
    const publicJson = await (await t.request(`/api/v1/plans/${planId}`)).json();
    const crit = publicJson.goals
      .flatMap((g: { criteria: { id: number }[] }) => g.criteria)
      .find((c: { id: number }) => c.id === percentId);
    expect(crit.measurements.map((m: { value: number }) => m.value)).toEqual([48]);

    const history = await (await t.request(`/planer/${planId}/maalinger/${percentId}`)).text();
    expect(history).toContain('Rettelser og fjernede målinger');
    expect(history).toContain('84,0 % (31.12.2025)');
    expect(history).toContain('48,0 % (31.12.2025)');
    expect(history).toContain('Tastefejl: 84 i stedet for 48');
  });

  it('R4 a stale correction is refused with 409 and what changed; nothing is written', async () => {
    const id = (await (await api(`/criteria/${percentId}/measurements`, leader, { value: 50, measuredOn: '2024-12-31' })).json()).id;
    const ok = { value: 51, measuredOn: '2024-12-31', source: '', reason: 'Afrunding' };
    expect((await api(`/criteria/${percentId}/measurements/${id}`, leader, { ...ok, version: 1 }, 'PUT')).status).toBe(200);
    const revs = await revisions();
    const stale = await api(`/criteria/${percentId}/measurements/${id}`, leader, { ...ok, value: 52, version: 1 }, 'PUT');
    expect(stale.status).toBe(409);
    const p = await stale.json();
    expect(p.changes).toContainEqual(expect.objectContaining({ field: 'value', before: 50, theirs: 51 }));
    expect(Number((await measurement(id)).value)).toBe(51);
    expect(await revisions()).toBe(revs);
    // The page shows the same conflict with the row as it is now.
    const page = await t.request(`/planer/${planId}/maalinger/${percentId}/${id}`, {
      session: leader,
      form: { version: '1', value: '53', measuredOn: '2024-12-31', reason: 'For sent' },
    });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('En anden har ændret');
  });

  it('R4 an implausible correction is refused and nothing is written', async () => {
    const id = (await (await api(`/criteria/${countId}/measurements`, leader, { value: 20, measuredOn: '2024-12-31' })).json()).id;
    const res = await api(
      `/criteria/${countId}/measurements/${id}`,
      leader,
      { version: 1, value: -1, measuredOn: '2031-02-01', source: '', reason: 'Forkert' },
      'PUT',
    );
    expect(res.status).toBe(400);
    const errors = (await res.json()).errors;
    expect(errors.value).toContain('negativt');
    expect(errors.measuredOn).toContain('fremtiden');
    const row = await measurement(id);
    expect([Number(row.value), row.version]).toEqual([20, 1]);
  });

  it('R4 only those with a part in the plan correct or remove: another organisation gets 403 and nothing changes', async () => {
    const id = (await (await api(`/criteria/${percentId}/measurements`, leader, { value: 44, measuredOn: '2023-12-31' })).json()).id;
    const body = { version: 1, value: 10, measuredOn: '2023-12-31', source: '', reason: 'Kapring' };
    expect((await api(`/criteria/${percentId}/measurements/${id}`, outsider, body, 'PUT')).status).toBe(403);
    expect((await api(`/criteria/${percentId}/measurements/${id}/removal`, outsider, { version: 1, reason: 'Kapring' })).status).toBe(403);
    expect((await api(`/criteria/${percentId}/measurements/${id}`, null, body, 'PUT')).status).toBe(401);
    expect(
      (
        await t.request(`/planer/${planId}/maalinger/${percentId}/${id}`, {
          session: outsider,
          form: { ...body, version: '1', value: '10' },
        })
      ).status,
    ).toBe(403);
    expect((await t.request(`/planer/${planId}/maalinger/${percentId}/${id}`, { session: outsider })).status).toBe(403);
    const row = await measurement(id);
    expect([Number(row.value), row.version]).toEqual([44, 1]);
  });

  it('R4 a measurement of another criterion or plan is not found (404), and nothing changes', async () => {
    const foreign = (
      await (
        await api(`/criteria/${otherCriterionId}/measurements`, await t.as([{ role: 'secretariat' }]), {
          value: 30,
          measuredOn: '2024-06-30',
        })
      ).json()
    ).id;
    const body = { version: 1, value: 31, measuredOn: '2024-06-30', source: '', reason: 'Forkert id' };
    expect((await api(`/criteria/${percentId}/measurements/${foreign}`, leader, body, 'PUT')).status).toBe(404);
    expect((await api(`/criteria/${percentId}/measurements/${foreign}/removal`, leader, { version: 1, reason: 'x' })).status).toBe(404);
    const page = await t.request(`/planer/${planId}/maalinger/${otherCriterionId}/${foreign}`, {
      session: leader,
      form: { version: '1', value: '31', measuredOn: '2024-06-30', reason: 'Forkert plan' },
    });
    expect(page.status).toBe(404);
    expect(Number((await measurement(foreign)).value)).toBe(30);
  });

  it('R4 a removed measurement disappears from the plan; its value stays in the history with the reason', async () => {
    const id = (await (await api(`/criteria/${countId}/measurements`, leader, { value: 999, measuredOn: '2025-06-30' })).json()).id;
    const stale = await api(`/criteria/${countId}/measurements/${id}/removal`, leader, { version: 7, reason: 'Dobbelt' });
    expect(stale.status).toBe(409);
    const res = await t.request(`/planer/${planId}/maalinger/${countId}/${id}/fjern`, {
      session: leader,
      form: { version: '1', reason: 'Registreret to gange' },
    });
    expect(res.status).toBe(303);
    expect(await t.db.selectFrom('measurement').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    const audit = await t.db
      .selectFrom('audit_log')
      .select('changes')
      .where('entity_type', '=', 'measurement')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'delete')
      .executeTakeFirstOrThrow();
    expect(audit.changes).toContainEqual({ field: 'value', before: 999, after: null });
    const history = await (await t.request(`/planer/${planId}/maalinger/${countId}`)).text();
    expect(history).toContain('Fjernet');
    expect(history).toContain('999,0 antal (30.06.2025)');
    expect(history).toContain('Registreret to gange');
  });
});
