import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copenhagenInstant } from '../../../src/domain/governance/time.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation } from '../../support/factories.ts';
import { activePlan, bodyId, moveEdit, seat } from './support.ts';

describeDb('Change requests over HTTP (R3, R6, R10–R12)', () => {
  let t: TestApp;
  let party: number;
  let other: number;
  let leader: Session;
  let partyMember: Session;
  let nonPartyMember: Session;
  let cityMember: Session;
  let lbf: Session;
  let secretariat: Session;
  let noerrebro: number;
  let cityBoard: number;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  const budget = async (lineId: number, year = 2026) =>
    (
      await t.db
        .selectFrom('budget_amount')
        .select('amount_ore')
        .where('line_id', '=', lineId)
        .where('year', '=', year)
        .executeTakeFirstOrThrow()
    ).amount_ore;
  const planVersion = async (planId: number) =>
    (await t.db.selectFrom('plan').select('current_version').where('id', '=', planId).executeTakeFirstOrThrow()).current_version;

  /** Proposes and submits (written procedure); returns the request's id and version. */
  async function submitted(planId: number, json: unknown, by = leader) {
    const res = await api(`/plans/${planId}/change-requests`, by, json);
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = await res.json();
    const sub = await api(`/change-requests/${id}/submit`, by, { version: 1, mode: 'written', writtenDeadline: '2026-12-15' });
    expect(sub.status, await sub.clone().text()).toBe(200);
    return { id: id as number, version: 2 };
  }

  beforeAll(async () => {
    t = await createTestApp();
    party = (await makeOrganisation(t.db, { shortName: 'PARTEN' })).id;
    other = (await makeOrganisation(t.db, { shortName: 'ANDEN' })).id;
    noerrebro = await bodyId(t.db, 'bydel-noerrebro');
    cityBoard = await bodyId(t.db, 'boligsocial-bestyrelse');
    leader = await t.as([{ role: 'organisation', organisationId: party }], 'Projektleder Parten');
    partyMember = await t.as([{ role: 'organisation', organisationId: party }], 'Medlem for parten');
    nonPartyMember = await t.as([{ role: 'organisation', organisationId: other }], 'Medlem for en anden');
    cityMember = await t.as([{ role: 'organisation', organisationId: party }], 'Medlem af Boligsocial Bestyrelse');
    lbf = await t.as([{ role: 'lbf' }], 'Landsbyggefonden');
    secretariat = await t.as([{ role: 'secretariat' }], 'Sekretariatet');
    for (const [s, org, body] of [
      [partyMember, party, noerrebro],
      [nonPartyMember, other, noerrebro],
      [cityMember, party, cityBoard],
    ] as const) {
      await seat(t.db, body, { userId: s.actor.kind === 'user' ? s.actor.id : null, organisationId: org });
    }
  });
  afterAll(() => t.close());

  it('R3 R11 a budget move is routed to the district board; a non-party member is refused naming R11; a party member approves and version 2 exists', async () => {
    const p = await activePlan(t.db, { organisationIds: [party], districtNumber: 3 });
    const [staff, activity] = [await budget(p.lines.staff), await budget(p.lines.activity)];
    const edit = await moveEdit(t.db, p, 20_000_000);
    const { id, version } = await submitted(p.plan.id, {
      kind: 'budget_reallocation',
      title: 'Flyt 200.000 kr.',
      justification: 'Lektiecaféen vokser',
      edits: [edit],
    });

    const detail = await (await api(`/change-requests/${id}`, leader, undefined, 'GET')).json();
    expect(detail.body).toMatchObject({ id: noerrebro, name: 'Bydelsbestyrelse Nørrebro' });
    expect(detail.routingRule).toBe('R11');
    expect(detail.lines.map((l: { before: string; after: string }) => [l.before, l.after])).toEqual([
      ['500.000,00 kr.', '300.000,00 kr.'],
      ['500.000,00 kr.', '700.000,00 kr.'],
    ]);

    // R1 still holds once applied: the move is between lines, the funders' shares are unchanged.
    expect(detail.funding).toMatchObject({ frameOre: 400_000_000, lbfMaxPct: 75, localMinPct: 25, violations: [] });
    expect(detail.funding.funders.map((f: { shareBp: number }) => f.shareBp)).toEqual([7500, 1250, 1250]);
    const refused = await api(`/change-requests/${id}/approve`, nonPartyMember, { version });
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toMatch(/part i planens bevilling(?!.*\(R11\))/);
    // The member without the deciding voice may comment; the page tells them why they cannot decide.
    expect((await api(`/change-requests/${id}/comments`, nonPartyMember, { text: 'Vi støtter forslaget.' })).status).toBe(201);
    const page = await (await t.request(`/planer/${p.plan.id}/aendringer/${id}`, { session: nonPartyMember })).text();
    expect(page).toContain('Du kan ikke træffe beslutningen');
    expect(page).toContain('(uden stemmeret)');

    const approved = await api(`/change-requests/${id}/approve`, partyMember, { version, note: 'Godkendt' });
    expect(approved.status, await approved.clone().text()).toBe(200);
    expect((await approved.json()).state).toBe('applied');
    expect(await budget(p.lines.staff)).toBe(staff - 20_000_000);
    expect(await budget(p.lines.activity)).toBe(activity + 20_000_000);
    expect(await planVersion(p.plan.id)).toBe(2);
    const v2 = await t.db
      .selectFrom('plan_version')
      .select(['reason'])
      .where('plan_id', '=', p.plan.id)
      .where('number', '=', 2)
      .executeTakeFirstOrThrow();
    expect(v2.reason).toContain('Flyt 200.000 kr.');

    // The version diff shows the budget difference; the trail and the plan's history show every step.
    const diff = await (await t.request(`/planer/${p.plan.id}/versioner?a=1&b=2`, { session: leader })).text();
    expect(diff).toContain('700.000,00 kr.');
    const after = await (await api(`/change-requests/${id}`, leader, undefined, 'GET')).json();
    // R11 — the party's answer, then the decision it made (the only party on the board decides alone).
    expect(after.events.map((e: { kind: string }) => e.kind)).toEqual([
      'proposed',
      'submitted',
      'comment',
      'answered',
      'approved',
      'applied',
    ]);
    expect(after.appliedVersion).toBe(2);
    const audit = await t.db.selectFrom('audit_log').select('action').where('plan_id', '=', p.plan.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'submit', 'comment', 'approve', 'applyChange']));

    // Everyone who must act was told in the inbox, and the proposer got an e-mail.
    const inbox = await t.db.selectFrom('notification').select(['user_id', 'kind']).execute();
    expect(inbox).toEqual(
      expect.arrayContaining([
        { user_id: (partyMember.actor as { id: number }).id, kind: 'change_request_submitted' },
        { user_id: (leader.actor as { id: number }).id, kind: 'change_request_decided' },
      ]),
    );
    expect(
      t.mails.some((m) => m.to === (leader.actor as { email: string }).email && m.subject === 'Helhed: Godkendt: Flyt 200.000 kr.'),
    ).toBe(true);
  });

  it('R1 a move that breaks the funding rules or starts from stale amounts cannot be proposed; the message says why', async () => {
    const p = await activePlan(t.db, { organisationIds: [party], districtNumber: 3 });
    const tooMuch = await moveEdit(t.db, p, 60_000_000);
    const res = await api(`/plans/${p.plan.id}/change-requests`, leader, {
      kind: 'budget_reallocation',
      title: 'For meget',
      justification: 'x',
      edits: [tooMuch],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('Der kan højst flyttes 500.000,00 kr. fra linjen');
    const stale = { ...(await moveEdit(t.db, p, 100)), before: { fromOre: 60_000_000, toOre: 2 } };
    const res2 = await api(`/plans/${p.plan.id}/change-requests`, leader, {
      kind: 'budget_reallocation',
      title: 'Gammel',
      justification: 'x',
      edits: [stale],
    });
    expect(res2.status).toBe(400);
    expect((await res2.json()).errors.edits).toContain('passer ikke til planen');
    const wrongKind = await api(`/plans/${p.plan.id}/change-requests`, leader, {
      kind: 'activity_content',
      title: 'Forkert art',
      justification: 'x',
      edits: [await moveEdit(t.db, p, 100)],
    });
    expect(wrongKind.status).toBe(400);
    expect(await t.db.selectFrom('change_request').select('id').where('plan_id', '=', p.plan.id).execute()).toEqual([]);
  });

  it('R3 two approvals of conflicting requests, at the same time, apply one and refuse the other with the conflict', async () => {
    const p = await activePlan(t.db, { organisationIds: [party], districtNumber: 3 });
    const staff = await budget(p.lines.staff);
    const a = await submitted(p.plan.id, {
      kind: 'budget_reallocation',
      title: 'Flyt A',
      justification: 'x',
      edits: [await moveEdit(t.db, p, 10_000_000)],
    });
    const b = await submitted(p.plan.id, {
      kind: 'budget_reallocation',
      title: 'Flyt B',
      justification: 'x',
      edits: [await moveEdit(t.db, p, 5_000_000)],
    });
    const results = await Promise.all([a, b].map((r) => api(`/change-requests/${r.id}/approve`, partyMember, { version: r.version })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect((await refused.json()).detail).toContain('passer ikke længere til planen');
    const states = await t.db
      .selectFrom('change_request')
      .select(['title', 'state', 'applied_version'])
      .where('plan_id', '=', p.plan.id)
      .orderBy('title')
      .execute();
    const applied = states.filter((s) => s.state === 'applied');
    expect(applied).toHaveLength(1);
    expect(states.filter((s) => s.state === 'submitted')).toHaveLength(1);
    expect(await planVersion(p.plan.id)).toBe(2);
    expect(await budget(p.lines.staff)).toBe(staff - (applied[0]!.title === 'Flyt A' ? 10_000_000 : 5_000_000));
    const refusedId = [a, b].find((_, i) => results[i]!.status === 409)!.id;
    const events = await t.db.selectFrom('change_request_event').select('kind').where('request_id', '=', refusedId).execute();
    expect(events.map((e) => e.kind)).toContain('refused_conflict');
  });

  it('R12 after a recorded transfer the city board decides; R6 R11 a strategic agreement change tells the city board and waits for LBF', async () => {
    const p = await activePlan(t.db, { organisationIds: [party], districtNumber: 3 });
    await t.db
      .insertInto('competence_transfer')
      .values({ plan_id: p.plan.id, decided_on: '2025-01-01', reference: 'Beslutning', recorded_by_label: 'test' })
      .execute();
    const meeting = await t.db
      .insertInto('meeting')
      .values({
        body_id: cityBoard,
        starts_at: copenhagenInstant('2026-12-10', '14:00'),
        ends_at: copenhagenInstant('2026-12-10', '16:00'),
        place: 'Rådhuset',
        state: 'planned',
        agenda_sent_at: null,
        held_at: null,
        minutes_sent_at: null,
        minutes_approved_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const goal = await t.db
      .insertInto('goal')
      .values({ plan_id: p.plan.id, title: 'Flere i job', description: 'Beskæftigelse', sort: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await api(`/plans/${p.plan.id}/change-requests`, leader, {
      kind: 'strategic_agreement',
      title: 'Skarpere mål',
      justification: 'Ny viden',
      edits: [
        {
          op: 'updateGoal',
          goalId: goal.id,
          before: { title: 'Flere i job', description: 'Beskæftigelse' },
          after: { title: 'Flere i job og uddannelse', description: 'Beskæftigelse og uddannelse' },
        },
      ],
    });
    const { id } = await res.json();
    // Decided at the city board's next meeting: the request becomes an agenda item there.
    expect((await api(`/change-requests/${id}/submit`, leader, { version: 1, mode: 'meeting' })).status).toBe(200);
    const detail = await (await api(`/change-requests/${id}`, leader, undefined, 'GET')).json();
    expect(detail.routingRule).toBe('R12');
    expect(detail.body.id).toBe(cityBoard);
    // The district board's party member has no say any more; the city board's has.
    expect((await api(`/change-requests/${id}/approve`, partyMember, { version: 2 })).status).toBe(403);
    const ok = await api(`/change-requests/${id}/approve`, cityMember, { version: 2 });
    expect((await ok.json()).state).toBe('awaiting_lbf');
    expect(await planVersion(p.plan.id)).toBe(1);

    const notices = await (await api('/city-board-notices', secretariat, undefined, 'GET')).json();
    expect(notices.find((n: { request_id: number }) => n.request_id === id)).toMatchObject({ noted_at: null });
    const items = await t.db
      .selectFrom('agenda_item')
      .select(['title', 'kind', 'ref_id'])
      .where('meeting_id', '=', meeting.id)
      .orderBy('sort')
      .execute();
    expect(items.map((i) => i.title)).toEqual([
      'Ændringsanmodning: Skarpere mål',
      expect.stringMatching(/^Orientering: Den strategiske samarbejdsaftale .* er ændret/),
    ]);
    // The public agenda links each item to its request.
    expect(await (await t.request(`/styring/moeder/${meeting.id}`)).text()).toContain(`href="/planer/${p.plan.id}/aendringer/${id}"`);
    expect(
      await t.db
        .selectFrom('notification')
        .select('id')
        .where('user_id', '=', (cityMember.actor as { id: number }).id)
        .where('kind', '=', 'city_board_notice')
        .execute(),
    ).toHaveLength(1);

    // Only LBF records its approval (R6); then the change is applied as version 2.
    expect(
      (await api(`/change-requests/${id}/lbf-approval`, secretariat, { version: 3, decisionDate: '2026-11-20', reference: 'LBF 2026-77' }))
        .status,
    ).toBe(403);
    const applied = await api(`/change-requests/${id}/lbf-approval`, lbf, {
      version: 3,
      decisionDate: '2026-11-20',
      reference: 'LBF 2026-77',
    });
    expect(applied.status, await applied.clone().text()).toBe(200);
    expect(await planVersion(p.plan.id)).toBe(2);
    expect((await t.db.selectFrom('goal').select('title').where('id', '=', goal.id).executeTakeFirstOrThrow()).title).toBe(
      'Flere i job og uddannelse',
    );

    // The city board notes the notice; then it leaves the open list.
    const notice = notices.find((n: { request_id: number }) => n.request_id === id);
    expect((await api(`/city-board-notices/${notice.id}/note`, cityMember, { meetingId: meeting.id })).status).toBe(200);
    const again = await (await api('/city-board-notices', secretariat, undefined, 'GET')).json();
    expect(again.find((n: { id: number }) => n.id === notice.id).noted_at).not.toBeNull();
  });

  describe('pages', () => {
    it('R3 the proposal form refuses a bad amount in Danish next to the field and keeps the input; a stale version gets a conflict', async () => {
      const p = await activePlan(t.db, { organisationIds: [party], districtNumber: 3 });
      const form = {
        kind: 'budget_reallocation',
        requestTitle: 'Flyt',
        justification: 'Fordi',
        fromLineId: String(p.lines.staff),
        toLineId: String(p.lines.activity),
        year: '2026',
        amount: 'tohundrede',
      };
      const res = await t.request(`/planer/${p.plan.id}/aendringer/ny`, { session: leader, form });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('value="tohundrede"');
      expect(html).toMatch(/beløb/i);
      const ok = await t.request(`/planer/${p.plan.id}/aendringer/ny`, { session: leader, form: { ...form, amount: '200.000' } });
      expect(ok.status, (await ok.clone().text()).match(/error-message[^<]*<[^>]*>[^<]*|<li><a href="#[^"]*">[^<]*/g)?.join(' | ')).toBe(
        303,
      );
      const id = Number(ok.headers.get('location')!.split('/').at(-1));
      const send = await t.request(`/planer/${p.plan.id}/aendringer/${id}/send`, {
        session: leader,
        form: { version: '1', mode: 'written', writtenDeadline: '2026-12-01' },
      });
      expect(send.status).toBe(303);
      const stale = await t.request(`/planer/${p.plan.id}/aendringer/${id}/send`, {
        session: leader,
        form: { version: '1', mode: 'written', writtenDeadline: '2026-12-01' },
      });
      expect([400, 409]).toContain(stale.status);
      const withdrawn = await t.request(`/planer/${p.plan.id}/aendringer/${id}/traek-tilbage`, {
        session: leader,
        form: { version: '2', reason: 'Ikke længere nødvendig' },
      });
      expect(withdrawn.status).toBe(303);
      const list = await (await t.request(`/planer/${p.plan.id}/aendringer`, { session: leader })).text();
      expect(list).toContain('Trukket tilbage');
    });
  });
});
