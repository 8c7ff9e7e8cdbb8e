import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation } from '../../support/factories.ts';
import { activePlan, bodyId, moveEdit, seat } from './support.ts';

/**
 * R11 — "only the housing organisations that are party to the concrete grant decide on changes to it" (seed 002):
 * with several party organisations on the deciding body, each answers for itself and the body's rule (every party,
 * or a majority) decides — one representative's click no longer decides for the others.
 */
describeDb('Change requests decided by every party organisation (R11)', () => {
  let t: TestApp;
  const orgs: Record<'A' | 'B' | 'C', number> = { A: 0, B: 0, C: 0 };
  let leader: Session;
  let memberA: Session;
  let secondA: Session;
  let memberB: Session;
  let memberC: Session;
  let valbyA: Session;
  let valbyB: Session;
  let valbyC: Session;
  let twoHats: Session;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  const uid = (s: Session) => (s.actor as { id: number }).id;
  const budget = async (lineId: number, year = 2026) =>
    (
      await t.db
        .selectFrom('budget_amount')
        .select('amount_ore')
        .where('line_id', '=', lineId)
        .where('year', '=', year)
        .executeTakeFirstOrThrow()
    ).amount_ore;
  const state = async (id: number) =>
    (await t.db.selectFrom('change_request').select(['state', 'version']).where('id', '=', id).executeTakeFirstOrThrow()) as {
      state: string;
      version: number;
    };
  const answers = (id: number) =>
    t.db
      .selectFrom('change_request_answer')
      .select(['organisation_id', 'answer', 'reason', 'version'])
      .where('request_id', '=', id)
      .orderBy('organisation_id')
      .execute();

  /** A plan of these parties in a district, and a submitted budget move on it (written procedure). */
  async function submittedMove(parties: number[], districtNumber: number) {
    const p = await activePlan(t.db, { organisationIds: parties, districtNumber });
    const res = await api(`/plans/${p.plan.id}/change-requests`, leader, {
      kind: 'budget_reallocation',
      title: 'Flyt 100.000 kr.',
      justification: 'Lektiecaféen vokser',
      edits: [await moveEdit(t.db, p, 10_000_000)],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const sub = await api(`/change-requests/${id}/submit`, leader, { version: 1, mode: 'written', writtenDeadline: '2026-12-15' });
    expect(sub.status, await sub.clone().text()).toBe(200);
    return { ...p, id };
  }

  beforeAll(async () => {
    t = await createTestApp();
    for (const k of ['A', 'B', 'C'] as const) orgs[k] = (await makeOrganisation(t.db, { shortName: `PART-${k}` })).id;
    const noerrebro = await bodyId(t.db, 'bydel-noerrebro');
    const valby = await bodyId(t.db, 'bydel-valby');
    await t.db.updateTable('body').set({ party_decision_rule: 'majority' }).where('id', '=', valby).execute();
    // The project leader works for all three parties (so may propose on every test plan).
    leader = await t.as(
      (['A', 'B', 'C'] as const).map((k) => ({ role: 'organisation' as const, organisationId: orgs[k] })),
      'Projektleder',
    );
    const member = async (name: string, org: 'A' | 'B' | 'C', body: number) => {
      const s = await t.as([{ role: 'organisation', organisationId: orgs[org] }], name);
      await seat(t.db, body, { userId: uid(s), organisationId: orgs[org] });
      return s;
    };
    memberA = await member('Anna fra A', 'A', noerrebro);
    secondA = await member('Aksel fra A', 'A', noerrebro);
    memberB = await member('Bo fra B', 'B', noerrebro);
    memberC = await member('Carl fra C', 'C', noerrebro);
    valbyA = await member('Vera fra A', 'A', valby);
    valbyB = await member('Vagn fra B', 'B', valby);
    valbyC = await member('Viggo fra C', 'C', valby);
    // One person who sits on the Nørrebro board for two parties (two seats).
    twoHats = await t.as([{ role: 'organisation', organisationId: orgs.B }], 'Dobbelt');
    await seat(t.db, noerrebro, { userId: uid(twoHats), organisationId: orgs.B });
  });
  afterAll(() => t.close());

  it('R11 one party answering does not decide; the request waits and says for whom; the second party decides it and the change is applied', async () => {
    const p = await submittedMove([orgs.A, orgs.B], 3);
    const staff = await budget(p.lines.staff);

    const first = await api(`/change-requests/${p.id}/approve`, memberA, { version: 2, note: 'A er enig' });
    expect(first.status, await first.clone().text()).toBe(200);
    expect((await first.json()).state).toBe('submitted');
    expect(await budget(p.lines.staff)).toBe(staff);
    const detail = await (await api(`/change-requests/${p.id}`, leader, undefined, 'GET')).json();
    expect(detail.state).toBe('submitted');
    expect(detail.parties.rule).toBe('all');
    expect(detail.parties.awaited).toEqual(['PART-B']);
    expect(detail.parties.organisations).toEqual([
      { id: orgs.A, name: 'PART-A', answer: expect.objectContaining({ answer: 'approve', reason: 'A er enig', by: 'Anna fra A' }) },
      { id: orgs.B, name: 'PART-B', answer: null },
    ]);
    // The page shows who has answered and who is awaited.
    const page = await (await t.request(`/planer/${p.plan.id}/aendringer/${p.id}`, { session: memberB })).text();
    expect(page).toMatch(/Afventer svar fra:<\/strong> PART-B/);
    expect(page).toContain('A er enig');
    // A party that has answered no longer has the decision on its desk; the awaited party still has.
    const tasks = async (s: Session) => ((await (await api('/me/tasks', s, undefined, 'GET')).json()) as { items: { id: string }[] }).items;
    expect((await tasks(memberA)).map((x) => x.id)).not.toContain(`decideChange:${p.id}`);
    expect((await tasks(memberB)).map((x) => x.id)).toContain(`decideChange:${p.id}`);

    const second = await api(`/change-requests/${p.id}/approve`, memberB, { version: 3, note: 'B er enig' });
    expect(second.status, await second.clone().text()).toBe(200);
    expect((await second.json()).state).toBe('applied');
    expect(await budget(p.lines.staff)).toBe(staff - 10_000_000);
    const after = await (await api(`/change-requests/${p.id}`, leader, undefined, 'GET')).json();
    expect(after.events.map((e: { kind: string }) => e.kind)).toEqual([
      'proposed',
      'submitted',
      'answered',
      'answered',
      'approved',
      'applied',
    ]);
    expect(after.decisionNote).toBe('PART-A: godkender — A er enig; PART-B: godkender — B er enig');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_type', '=', 'change_request')
      .where('entity_id', '=', String(p.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'submit', 'answer', 'approve']);
    expect(audit[2]!.changes).toEqual([{ field: 'Svar fra PART-A', before: null, after: 'Godkender (A er enig)' }]);
  });

  it('R11 under "all" one party rejecting rejects at once, and nothing is applied', async () => {
    const p = await submittedMove([orgs.A, orgs.B], 3);
    const staff = await budget(p.lines.staff);
    const res = await api(`/change-requests/${p.id}/reject`, memberB, { version: 2, note: 'B kan ikke støtte flytningen' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).state).toBe('rejected');
    expect(await budget(p.lines.staff)).toBe(staff);
    expect(await answers(p.id)).toEqual([
      { organisation_id: orgs.B, answer: 'reject', reason: 'B kan ikke støtte flytningen', version: 1 },
    ]);
    // Decided: no party can answer any more.
    const late = await api(`/change-requests/${p.id}/approve`, memberA, { version: 3 });
    expect(late.status).toBe(400);
  });

  it('R11 a second answer for the same organisation on a stale version is refused; on the current version it changes the answer', async () => {
    const p = await submittedMove([orgs.A, orgs.B], 3);
    expect((await api(`/change-requests/${p.id}/approve`, memberA, { version: 2 })).status).toBe(200);
    // Aksel, also for A, answers from the page he loaded before Anna's answer: refused, and nothing changes.
    const stale = await api(`/change-requests/${p.id}/reject`, secondA, { version: 2, note: 'Nej' });
    expect(stale.status).toBe(409);
    expect(await answers(p.id)).toEqual([{ organisation_id: orgs.A, answer: 'approve', reason: '', version: 1 }]);
    expect(await state(p.id)).toEqual({ state: 'submitted', version: 3 });
    // On the current version A's answer is changed (one answer per organisation; the trail keeps both).
    const changed = await api(`/change-requests/${p.id}/abstain`, secondA, { version: 3, note: 'A overlader det til B' });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect((await changed.json()).state).toBe('submitted');
    expect(await answers(p.id)).toEqual([{ organisation_id: orgs.A, answer: 'abstain', reason: 'A overlader det til B', version: 2 }]);
    const events = await t.db
      .selectFrom('change_request_event')
      .select('text')
      .where('request_id', '=', p.id)
      .where('kind', '=', 'answered')
      .execute();
    expect(events.map((e) => e.text)).toEqual(['PART-A: godkender', 'PART-A: undlader at stemme — A overlader det til B']);
    // A abstains, B approves: decided by B.
    const last = await api(`/change-requests/${p.id}/approve`, memberB, { version: 4 });
    expect((await last.json()).state).toBe('applied');
  });

  it('R11 a member who sits for two parties names the one they answer for; a party not on the plan is not asked', async () => {
    const p = await submittedMove([orgs.A, orgs.B], 3);
    // Carl (C) sits on the board, but C is not party to this plan: he may not answer.
    expect((await api(`/change-requests/${p.id}/approve`, memberC, { version: 2 })).status).toBe(403);
    await seat(t.db, await bodyId(t.db, 'bydel-noerrebro'), { userId: uid(twoHats), organisationId: orgs.A });
    const unnamed = await api(`/change-requests/${p.id}/approve`, twoHats, { version: 2 });
    expect(unnamed.status).toBe(400);
    expect((await unnamed.json()).errors.organisationId).toBe('Vælg, hvilken boligorganisation du svarer for.');
    const wrong = await api(`/change-requests/${p.id}/approve`, twoHats, { version: 2, organisationId: orgs.C });
    expect(wrong.status).toBe(400);
    expect(await answers(p.id)).toEqual([]);
    const named = await api(`/change-requests/${p.id}/approve`, twoHats, { version: 2, organisationId: orgs.B });
    expect((await named.json()).state).toBe('submitted');
    expect((await answers(p.id)).map((a) => a.organisation_id)).toEqual([orgs.B]);
  });

  describe('a body whose rules of procedure say a majority', () => {
    it('R11 two of three parties approving decide; the third is not awaited any more', async () => {
      const p = await submittedMove([orgs.A, orgs.B, orgs.C], 5);
      const one = await api(`/change-requests/${p.id}/approve`, valbyA, { version: 2 });
      expect((await one.json()).state).toBe('submitted');
      const detail = await (await api(`/change-requests/${p.id}`, leader, undefined, 'GET')).json();
      expect(detail.parties).toMatchObject({ rule: 'majority', ruleLabel: 'Flertal blandt parterne', awaited: ['PART-B', 'PART-C'] });
      const two = await api(`/change-requests/${p.id}/approve`, valbyC, { version: 3 });
      expect((await two.json()).state).toBe('applied');
      expect((await api(`/change-requests/${p.id}/approve`, valbyB, { version: 4 })).status).toBe(400);
    });

    it('R11 a tie is not a majority: one approval and one rejection wait for the third party, whose rejection decides', async () => {
      const p = await submittedMove([orgs.A, orgs.B, orgs.C], 5);
      await api(`/change-requests/${p.id}/approve`, valbyA, { version: 2 });
      const tie = await api(`/change-requests/${p.id}/reject`, valbyB, { version: 3 });
      expect((await tie.json()).state).toBe('submitted');
      const last = await api(`/change-requests/${p.id}/reject`, valbyC, { version: 4 });
      expect((await last.json()).state).toBe('rejected');
    });
  });

  it('R11 the page form records the answer and shows it, and who is awaited', async () => {
    const p = await submittedMove([orgs.A, orgs.B], 3);
    const res = await t.request(`/planer/${p.plan.id}/aendringer/${p.id}/beslut`, {
      session: memberA,
      form: { version: '2', decision: 'approve', note: 'Fra formularen' },
    });
    expect(res.status).toBe(303);
    const html = await (await t.request(res.headers.get('location')!, { session: memberA })).text();
    expect(html).toContain('PART-A har svaret: godkender.');
    expect(html).toMatch(/Afventer svar fra:<\/strong> PART-B/);
  });
});
