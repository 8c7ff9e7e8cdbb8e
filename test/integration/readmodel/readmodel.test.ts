import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileCacheOf, pageCacheOf } from '../../../src/services/readmodel.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { pdfText } from '../../support/documents.ts';
import { makeOrganisation, makePlan } from '../../support/factories.ts';

/**
 * Read models (docs/benchmarks.md): heavy pages are kept per data version and audience. Writes here go straight to
 * the database, as a use case the cache knows nothing of would: the triggers of migration 022 must still see them.
 */
describeDb('Read models: a write shows on the next read, and no audience gets another one’s view', () => {
  let t: TestApp;
  let party: Session;
  let staff: Session;
  let planId: number;
  let bodyId: number;
  const html = async (path: string, session: Session | null = null) => {
    const res = await t.request(path, { session });
    expect(res.status).toBe(200);
    return res.text();
  };
  const contactReads = async () =>
    Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('entity_type', '=', 'contingency_contact')
          .where('action', '=', 'read')
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    const org = (await makeOrganisation(t.db, { shortName: 'LÆSMODEL' })).id;
    const { plan } = await makePlan(t.db, { name: 'Læsemodelplanen', organisationIds: [org], state: 'active' });
    planId = plan.id;
    await t.db.insertInto('contingency_plan').values({ plan_id: planId, steps: 'Ring op.' }).execute();
    await t.db
      .insertInto('contingency_contact')
      .values({
        plan_id: planId,
        call_order: 1,
        role: 'Vagt',
        name: 'Hemmelig Kontaktperson',
        phone: '40 11 22 33',
        email: 'vagt@example.test',
      })
      .execute();
    party = await t.as([{ role: 'organisation', organisationId: org }]);
    staff = await t.as([{ role: 'secretariat' }]);
    bodyId = (await t.db.selectFrom('body').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('R5 — the plan page: party staff see the contact persons, the public never does, cached or not', async () => {
    const path = `/planer/${planId}`;
    // Anonymous first, then party staff, then both again (served from the read model).
    for (let i = 0; i < 2; i++) {
      const pub = await html(path);
      expect(pub).toContain('Læsemodelplanen');
      expect(pub).not.toContain('40 11 22 33');
      expect(pub).not.toContain('Hemmelig Kontaktperson');
      const own = await html(path, party);
      expect(own).toContain('40 11 22 33');
      expect(own).toContain('Hemmelig Kontaktperson');
    }
    // Reading the contact persons is logged on every view, also when the page comes from the read model.
    const before = await contactReads();
    await html(path, party);
    expect(await contactReads()).toBe(before + 1);
    await html(path);
    expect(await contactReads()).toBe(before + 1);
  });

  it('R5 — the plan page keeps each viewer’s own form token and name in the frame', async () => {
    const path = `/planer/${planId}`;
    await html(path, party);
    const a = await html(path, party);
    const b = await html(path, staff);
    expect(a).toContain(party.csrf);
    expect(a).not.toContain(staff.csrf);
    expect(b).toContain(staff.csrf);
    expect(b).not.toContain(party.csrf);
    expect(a).not.toContain('\u0000');
  });

  it('R5 — the plan page is kept while nothing changes, and any committed write shows on the next read', async () => {
    const path = `/planer/${planId}`;
    await html(path, staff);
    expect(pageCacheOf(t.db).size).toBeGreaterThan(0);
    // Proof that the page is served from the read model: a write the triggers do not see is not shown …
    await sql`ALTER TABLE plan DISABLE TRIGGER helhed_data_version`.execute(t.db);
    await t.db.updateTable('plan').set({ name: 'Usynligt navn' }).where('id', '=', planId).execute();
    await sql`ALTER TABLE plan ENABLE TRIGGER helhed_data_version`.execute(t.db);
    expect(await html(path, staff)).not.toContain('Usynligt navn');
    // … and a write of any part of the plan is (a contact person here: not the plan row itself).
    await t.db.updateTable('contingency_contact').set({ phone: '50 99 88 77' }).where('plan_id', '=', planId).execute();
    const after = await html(path, party);
    expect(after).toContain('50 99 88 77');
    expect(after).toContain('Usynligt navn');
    await t.db.updateTable('plan').set({ name: 'Læsemodelplanen' }).where('id', '=', planId).execute();
    expect(await html(path)).toContain('Læsemodelplanen');
  });

  it('R6 — a yearly report’s PDF is kept until a write, and never handed to a viewer who may not read it', async () => {
    const path = `/planer/${planId}/rapporter/2025/rapport.pdf`;
    const pdf = async (session: Session | null) => {
      const res = await t.request(path, { session });
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        text: res.status === 200 ? await pdfText(new Uint8Array(await res.arrayBuffer())) : '',
      };
    };
    const first = await pdf(staff);
    expect(first).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(first.text).toContain('Læsemodelplanen');
    expect(fileCacheOf(t.db).size).toBeGreaterThan(0);
    // Served from the read model: a write the triggers do not see is not in the kept PDF …
    await sql`ALTER TABLE plan DISABLE TRIGGER helhed_data_version`.execute(t.db);
    await t.db.updateTable('plan').set({ name: 'Skjult rapportnavn' }).where('id', '=', planId).execute();
    await sql`ALTER TABLE plan ENABLE TRIGGER helhed_data_version`.execute(t.db);
    const kept = await pdf(staff);
    expect(kept.text).toContain('Læsemodelplanen');
    expect(kept.text).not.toContain('Skjult rapportnavn');
    // … the public, who may not read a draft report, is refused even though the staff's PDF is kept …
    expect((await pdf(null)).status).not.toBe(200);
    // … and a committed write shows in the next PDF.
    await t.db.updateTable('plan').set({ name: 'Læsemodelplanen' }).where('id', '=', planId).execute();
    const after = await pdf(staff);
    expect(after.text).toContain('Læsemodelplanen');
    expect(after.text).not.toContain('Skjult rapportnavn');
  });

  it('R10 — the front page and a body’s page follow writes to the registry and the meetings', async () => {
    const front = await html('/', staff);
    await html('/', staff);
    const n = Number(front.match(/Boligafdelinger<\/a><\/td><td[^>]*>([\d.]+)</)?.[1]?.replace(/\./g, '') ?? Number.NaN);
    expect(n).toBeGreaterThan(0);
    await makeOrganisation(t.db, { shortName: 'NYORG' });
    await makePlan(t.db, { name: 'Endnu en plan', state: 'active' });
    const again = await html('/', staff);
    expect(again).toMatch(new RegExp(`Boligafdelinger</a></td><td[^>]*>${(n + 1).toLocaleString('da-DK')}<`));

    const body = `/styring/organer/${bodyId}`;
    await html(body);
    await t.db.updateTable('body').set({ description: 'Ny beskrivelse af organet' }).where('id', '=', bodyId).execute();
    expect(await html(body)).toContain('Ny beskrivelse af organet');
  });

  it('R5 — the plan’s history shows a logged read and a change at once, and only to those who may read it', async () => {
    const path = `/historik/plan/${planId}`;
    const first = await html(path, staff);
    await html(`/planer/${planId}`, party);
    const second = await html(path, staff);
    expect(second).not.toBe(first);
    expect(second).toContain('Så kontaktpersonerne i beredskabsplanen');
    const anonymous = await t.request(path);
    expect(anonymous.status).not.toBe(200);
    expect(await anonymous.text()).not.toContain('Så kontaktpersonerne');
  });

  it('R7 — the economy overview follows a new budget and a changed frame', async () => {
    const path = '/oekonomi';
    const { plan } = await makePlan(t.db, { name: 'Økonomiplanen', state: 'active' });
    const before = await html(path, staff);
    expect(before).not.toContain('Økonomiplanen');
    await t.db.insertInto('budget').values({ plan_id: plan.id, frame_ore: 123_456_700 }).execute();
    const after = await html(path, staff);
    expect(after).toContain('Økonomiplanen');
    expect(after).toContain('1.234.567,00 kr.');
    await html(path, staff);
    await t.db.updateTable('budget').set({ frame_ore: 765_432_100 }).where('plan_id', '=', plan.id).execute();
    expect(await html(path, staff)).toContain('7.654.321,00 kr.');
  });
  it('R5 — the API’s plan list: each viewer sees only the plans they may, kept until a write', async () => {
    const own = (await makeOrganisation(t.db, { shortName: 'APILISTE' })).id;
    const { plan } = await makePlan(t.db, { name: 'Kladdeplanen i listen', organisationIds: [own], state: 'draft' });
    const owner = await t.as([{ role: 'organisation', organisationId: own }]);
    const other = await t.as([{ role: 'organisation', organisationId: (await makeOrganisation(t.db, { shortName: 'ANDEN' })).id }]);
    const path = '/api/v1/plans?q=Kladdeplanen&pageSize=50';
    const names = async (session: Session) => {
      const res = await t.request(path, { session });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.headers.get('cache-control')).toBe('no-store');
      return ((await res.json()) as { items: { name: string }[] }).items.map((x) => x.name);
    };
    // Twice each, in turn: the second answers come from the read model, and never cross between the two.
    for (let i = 0; i < 2; i++) {
      expect(await names(owner)).toContain('Kladdeplanen i listen');
      expect(await names(other)).not.toContain('Kladdeplanen i listen');
    }
    expect(pageCacheOf(t.db).size).toBeGreaterThan(0);
    // Kept: a write the triggers do not see is not shown …
    await sql`ALTER TABLE plan DISABLE TRIGGER helhed_data_version`.execute(t.db);
    await t.db.updateTable('plan').set({ name: 'Kladdeplanen skjult' }).where('id', '=', plan.id).execute();
    await sql`ALTER TABLE plan ENABLE TRIGGER helhed_data_version`.execute(t.db);
    expect(await names(owner)).toContain('Kladdeplanen i listen');
    // … and a committed write is, on the next read.
    await t.db.updateTable('plan').set({ name: 'Kladdeplanen omdøbt' }).where('id', '=', plan.id).execute();
    expect(await names(owner)).toEqual(['Kladdeplanen omdøbt']);
    expect(await names(other)).toEqual([]);
  });
});
