import { afterAll, beforeAll, expect, it } from 'vitest';
import { copenhagenInstant } from '../../../src/domain/governance/time.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

describeDb('Edit, not only add: agenda items and papers (HTTP)', () => {
  let t: TestApp;
  let secretariat: Session;
  let member: Session;
  let itemId: number;
  let paperId: number;
  let meetingId: number;
  const api = (path: string, session: Session | null, json: unknown) => t.request(`/api/v1${path}`, { method: 'PUT', session, json });
  const audit = (type: string, id: number) =>
    t.db
      .selectFrom('audit_log')
      .select('changes')
      .where('entity_type', '=', type)
      .where('entity_id', '=', String(id))
      .where('action', '=', 'update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  const itemTitle = async () =>
    (await t.db.selectFrom('agenda_item').select('title').where('id', '=', itemId).executeTakeFirstOrThrow()).title;

  beforeAll(async () => {
    t = await createTestApp();
    const body = await t.db
      .insertInto('body')
      .values({
        code: 'lokal-test',
        name: 'Følgegruppe Test',
        type: 'local_group',
        parent_id: null,
        valid_from: '2016-02-01',
        valid_to: null,
        meetings_per_year_min: null,
        meetings_per_year_max: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    meetingId = (
      await t.db
        .insertInto('meeting')
        .values({
          body_id: body.id,
          starts_at: copenhagenInstant('2026-12-10', '14:00'),
          ends_at: copenhagenInstant('2026-12-10', '16:00'),
          place: 'Beboerhuset',
          state: 'agenda_sent',
          agenda_sent_at: new Date(),
          held_at: null,
          minutes_sent_at: null,
          minutes_approved_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    itemId = (
      await t.db
        .insertInto('agenda_item')
        .values({
          body_id: body.id,
          meeting_id: meetingId,
          title: 'Budgt 2027',
          kind: 'free',
          ref_id: null,
          outcome_kind: null,
          decision: null,
          task_due: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    paperId = (
      await t.db
        .insertInto('meeting_paper')
        .values({
          meeting_id: meetingId,
          agenda_item_id: itemId,
          title: 'bilag_v2_final.pdf',
          file_name: 'bilag.pdf',
          content_type: 'application/pdf',
          size_bytes: 8,
          content: Buffer.from('%PDF-1.4'),
          uploaded_by_label: 'test',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    secretariat = await t.as([{ role: 'secretariat' }]);
    member = await t.as([{ role: 'board_member', bodyId: body.id }]);
  });
  afterAll(() => t.close());

  it('R10 the secretariat corrects an agenda item’s title; the audit has before and after; the meeting page shows it', async () => {
    const res = await api(`/agenda-items/${itemId}`, secretariat, { version: 1, title: 'Budget 2027', description: 'Forslag til budget.' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ version: 2 });
    expect((await audit('agenda_item', itemId)).changes).toContainEqual({ field: 'title', before: 'Budgt 2027', after: 'Budget 2027' });
    expect(await (await t.request(`/styring/moeder/${meetingId}`)).text()).toContain('Budget 2027');
  });

  it('R10 a stale edit gets 409 with what changed; a member gets 403; an unknown item 404; nothing is written', async () => {
    const stale = await api(`/agenda-items/${itemId}`, secretariat, { version: 1, title: 'For sent' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).changes).toContainEqual(expect.objectContaining({ field: 'title', theirs: 'Budget 2027' }));
    expect((await api(`/agenda-items/${itemId}`, member, { version: 2, title: 'Medlemmets titel' })).status).toBe(403);
    expect((await api(`/agenda-items/999999`, secretariat, { version: 1, title: 'Findes ikke' })).status).toBe(404);
    const page = await t.request(`/styring/punkter/${itemId}/ret`, {
      session: secretariat,
      form: { version: '1', title: 'Side for sent' },
    });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('value="Side for sent"');
    expect(await itemTitle()).toBe('Budget 2027');
  });

  it('R10 a paper’s title is corrected on the page; an empty title is refused with the input kept', async () => {
    const refused = await t.request(`/styring/bilag/${paperId}/ret`, { session: secretariat, form: { version: '1', title: '' } });
    expect(refused.status).toBe(400);
    const ok = await t.request(`/styring/bilag/${paperId}/ret`, {
      session: secretariat,
      form: { version: '1', title: 'Budgetforslag 2027' },
    });
    expect(ok.status).toBe(303);
    expect((await audit('meeting_paper', paperId)).changes).toEqual([
      { field: 'title', before: 'bilag_v2_final.pdf', after: 'Budgetforslag 2027' },
    ]);
    expect((await api(`/papers/${paperId}`, member, { version: 2, title: 'Kapret' })).status).toBe(403);
    expect((await api(`/papers/${paperId}`, secretariat, { version: 1, title: 'Gammel version' })).status).toBe(409);
  });

  it('R10 once the minutes are approved, items and papers are a closed record (403)', async () => {
    await t.db
      .updateTable('meeting')
      .set({ state: 'minutes_approved', minutes_approved_at: new Date() })
      .where('id', '=', meetingId)
      .execute();
    expect((await api(`/agenda-items/${itemId}`, secretariat, { version: 2, title: 'Efter godkendelsen' })).status).toBe(403);
    expect((await api(`/papers/${paperId}`, secretariat, { version: 2, title: 'Efter godkendelsen' })).status).toBe(403);
    expect((await t.request(`/styring/punkter/${itemId}/ret`, { session: secretariat })).status).toBe(403);
    expect(await itemTitle()).toBe('Budget 2027');
  });

  it('R10 the secretariat corrects a member’s seat under its version; others get 403; the audit has before and after', async () => {
    const bodyId = (await t.db.selectFrom('body').select('id').where('code', '=', 'lokal-test').executeTakeFirstOrThrow()).id;
    const m = await t.db
      .insertInto('body_member')
      .values({
        body_id: bodyId,
        person_name: 'Jens Jensn',
        represents_kind: 'other',
        represents_other: 'Beboerne',
        organisation_id: null,
        administration: null,
        level: 'resident',
        role: 'member',
        starts_on: '2020-01-01',
        ends_on: null,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    const seat = {
      personName: 'Jens Jensen',
      representsKind: 'other',
      representsOther: 'Beboerne',
      level: 'resident',
      role: 'member',
      startsOn: '2020-01-01',
    };
    expect((await api(`/members/${m.id}`, member, { version: m.version, ...seat })).status).toBe(403);
    const bad = await api(`/members/${m.id}`, secretariat, { version: m.version, ...seat, endsOn: '2019-01-01' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.endsOn).toContain('før startdatoen');
    expect((await api(`/members/${m.id}`, secretariat, { version: m.version, ...seat })).status).toBe(200);
    expect((await audit('body_member', m.id)).changes).toContainEqual({ field: 'person_name', before: 'Jens Jensn', after: 'Jens Jensen' });
    const stale = await t.request(`/styring/medlemmer/${m.id}/ret`, {
      session: secretariat,
      form: { version: String(m.version), ...seat, personName: 'For sent' },
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('value="For sent"');
    expect((await api(`/members/999999`, secretariat, { version: 1, ...seat })).status).toBe(404);
    expect((await t.db.selectFrom('body_member').select('person_name').where('id', '=', m.id).executeTakeFirstOrThrow()).person_name).toBe(
      'Jens Jensen',
    );
  });
});
