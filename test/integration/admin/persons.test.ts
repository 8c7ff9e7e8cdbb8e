import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeUser } from '../../support/factories.ts';

describeDb("A person's data (GDPR): search, see, export, erase", () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await t.as([{ role: 'admin' }], 'Ada Admin');
  });
  afterAll(() => t?.close());

  /** Whether a value still appears anywhere in the audit trail. */
  const inAudit = async (v: string) =>
    Number(
      (
        await sql<{
          n: string;
        }>`SELECT count(*) AS n FROM audit_log WHERE strpos(changes::text, ${v}) > 0 OR strpos(summary, ${v}) > 0`.execute(t.db)
      ).rows[0]?.n,
    );

  it("logs who read a contingency plan's contact persons on the plan page", async () => {
    const contact = await t.db
      .selectFrom('contingency_contact')
      .selectAll()
      .where('name', '!=', '')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const reader = await t.as([{ role: 'secretariat' }], 'Sigrid Sekretariat');
    const before = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'read')
      .where('entity_type', '=', 'contingency_contact')
      .execute();
    const res = await t.request(`/planer/${contact.plan_id}`, { session: reader });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(contact.phone);
    const after = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'read')
      .where('entity_type', '=', 'contingency_contact')
      .where('entity_id', '=', String(contact.id))
      .execute();
    expect(after.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(before.length + after.length);
    expect(after.at(-1)?.actor_user_id).toBe(reader.actor.kind === 'user' ? reader.actor.id : -1);
  });

  it('finds a contact person, shows and exports everything, logs the read, and erases them without leaving the values in the audit', async () => {
    // A contact person who is no user: found by name.
    const contact = await t.db
      .selectFrom('contingency_contact')
      .selectAll()
      .where('email', '=', '')
      .where('phone', '!=', '')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const all = await t.db.selectFrom('contingency_contact').selectAll().where('name', '=', contact.name).execute();
    const list = await t.request(`/admin/personer?q=${encodeURIComponent(contact.name.slice(0, 8))}`, { session: admin });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(contact.name);

    const key = `email=&navn=${encodeURIComponent(contact.name)}`;
    const view = await t.request(`/admin/personer/vis?${key}`, { session: admin });
    expect(view.status).toBe(200);
    const html = await view.text();
    expect(html).toContain(contact.phone);
    expect(html).toContain('Slet og pseudonymisér');
    const reads = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'read')
      .where('entity_type', '=', 'contingency_contact')
      .where('entity_id', '=', String(contact.id))
      .where('actor_user_id', '=', admin.actor.kind === 'user' ? admin.actor.id : -1)
      .execute();
    expect(reads.length).toBeGreaterThan(0);

    const json = await t.request(`/admin/personer/vis?${key}&format=json`, { session: admin });
    expect(json.headers.get('content-disposition')).toContain('attachment');
    const data = (await json.json()) as { contingencyContacts: { phone: string }[] };
    expect(data.contingencyContacts.map((c) => c.phone)).toContain(contact.phone);
    const xlsx = await t.request(`/admin/personer/vis?${key}&format=xlsx`, { session: admin });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const unconfirmed = await t.request('/admin/personer/slet', {
      session: admin,
      form: { email: contact.email, navn: contact.name, confirm: '' },
    });
    expect(unconfirmed.status).toBe(400);
    const erased = await t.request('/admin/personer/slet', {
      session: admin,
      form: { email: contact.email, navn: contact.name, confirm: 'SLET' },
    });
    expect(erased.status).toBe(303);
    const now = await t.db.selectFrom('contingency_contact').selectAll().where('id', '=', contact.id).executeTakeFirstOrThrow();
    expect(now).toMatchObject({ name: 'Slettet kontaktperson', phone: '', email: '', role: contact.role });
    for (const c of all) expect(await inAudit(c.phone)).toBe(0);
    expect(await inAudit(contact.name)).toBe(0);
    const fact = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'erase')
      .where('entity_type', '=', 'contingency_contact')
      .where('entity_id', '=', String(contact.id))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(fact.changes)).toContain('[slettet]');
  });

  it('pseudonymises a user and their board seats: disabled, signed out, roles gone, labels and audit without the name', async () => {
    const u = await makeUser(t.db, {
      email: 'bent.bestyrelse@example.dk',
      name: 'Bent Bestyrelsesen',
      grants: [{ role: 'organisation', organisationId: 1 }],
    });
    const s = await t.as([], 'x');
    await t.db
      .insertInto('session')
      .values({ id: 'h'.repeat(64), user_id: u.id, csrf_token: 'c', expires_at: new Date(Date.now() + 3600_000) })
      .execute();
    const body = await t.db.selectFrom('body').select('id').orderBy('id').executeTakeFirstOrThrow();
    const member = await t.db
      .insertInto('body_member')
      .values({
        body_id: body.id,
        person_name: 'Bent Bestyrelsesen',
        user_id: u.id,
        email: 'bent.bestyrelse@example.dk',
        represents_kind: 'other',
        represents_other: 'Beboerne',
        level: 'resident',
        role: 'member',
        starts_on: '2025-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('audit_log')
      .values({
        actor_user_id: u.id,
        actor_label: 'Bent Bestyrelsesen',
        action: 'update',
        entity_type: 'estate',
        entity_id: '1',
        summary: 'Bent Bestyrelsesen rettede',
        changes: JSON.stringify([{ field: 'note', before: 'ring til bent.bestyrelse@example.dk', after: 'x' }]),
      })
      .execute();
    expect(s).toBeTruthy();

    const view = await (
      await t.request('/admin/personer/vis?email=bent.bestyrelse%40example.dk&navn=Bent+Bestyrelsesen', { session: admin })
    ).text();
    expect(view).toContain('Bent Bestyrelsesen');
    expect(view).toContain('Medarbejder i boligorganisation');
    const res = await t.request('/admin/personer/slet', {
      session: admin,
      form: { email: 'bent.bestyrelse@example.dk', navn: 'Bent Bestyrelsesen', confirm: 'slet' },
    });
    expect(res.status).toBe(303);
    const user = await t.db.selectFrom('app_user').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ name: `Slettet bruger ${u.id}`, disabled: true, password_hash: null });
    expect(user.email).not.toContain('bent');
    expect(await t.db.selectFrom('session').select('id').where('user_id', '=', u.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('role_grant').select('id').where('user_id', '=', u.id).execute()).toEqual([]);
    const m = await t.db.selectFrom('body_member').selectAll().where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ person_name: `Slettet person (medlem ${member.id})`, email: '', user_id: null });
    expect(await inAudit('Bent Bestyrelsesen')).toBe(0);
    expect(await inAudit('bent.bestyrelse@example.dk')).toBe(0);
    const labels = await t.db.selectFrom('audit_log').select('actor_label').where('actor_user_id', '=', u.id).execute();
    expect(new Set(labels.map((l) => l.actor_label))).toEqual(new Set([`Slettet bruger ${u.id}`]));
  });

  it('is for the system administrator only, and an administrator cannot erase themself', async () => {
    const other = await t.as([{ role: 'secretariat' }]);
    expect((await t.request('/admin/personer?q=ab', { session: other })).status).toBe(403);
    expect((await t.request('/admin/personer/slet', { session: other, form: { email: 'x@y.dk', navn: '', confirm: 'SLET' } })).status).toBe(
      403,
    );
    const self = admin.actor.kind === 'user' ? admin.actor.email : '';
    const res = await t.request('/admin/personer/slet', { session: admin, form: { email: self, navn: '', confirm: 'SLET' } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('egne oplysninger');
    const nav = await (await t.request('/', { session: admin })).text();
    expect(nav).toContain('href="/admin"');
  });
});
