import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Executor, Trx } from '../../db/database.ts';
import { assertVersion } from '../../db/versioned.ts';
import { changesBudgetShape } from '../../domain/changes/budget.ts';
import { type ChangeKind, changeKinds, checkEdits, type Edit, informsCityBoard, staleEdits } from '../../domain/changes/edits.ts';
import { nextState, type RequestAction, type RequestState, requestStateLabels } from '../../domain/changes/lifecycle.ts';
import { Conflict, Invalid, NotFound } from '../../errors.ts';
import {
  type PartyAnswer,
  partyAnswerLabels,
  type PartyDecision,
  type PartyDecisionRule,
  partyDecision,
} from '../../domain/changes/party-decision.ts';
import type { AuditChange } from '../../db/tables/foundation.ts';
import { type Actor, actorLabel, actorUserId, authorize } from '../../policy/index.ts';
import { inTransaction, today as todayIn, type ServiceContext } from '../context.ts';
import { addAgendaItem, cityBoardOn, nextMeeting, whoDecides } from '../governance/competence.ts';
import { checkBudgetRules, planFinance } from '../money/index.ts';
import { markTaskMessagesDone, notify, usersWithRole } from '../notifications.ts';
import { partyOrganisationIds } from '../plans/access.ts';
import { freezeSnapshot } from '../plans/snapshot.ts';
import { applyEdits, currentValues } from './apply.ts';
import { applyBudgetEdits, requestBudgetProblems } from './budget.ts';
import { describeEdits, editField } from './describe.ts';
import { foreignIds, foreignIdsText } from './ids.ts';

export interface ProposalInput {
  kind: ChangeKind;
  title: string;
  justification: string;
  edits: Edit[];
}

const requestLink = (planId: number, id: number) => `/planer/${planId}/aendringer/${id}`;
const userId = (a: Actor) => (a.kind === 'user' ? a.id : null);

/** The policy subject of a request: who may vote and comment comes from the competence function (R11, R12). */
export async function requestSubject(
  db: Executor,
  r: { id?: number; plan_id: number; state: string; proposed_by: number | null; body_id: number | null },
  today: string,
) {
  const plan = await db.selectFrom('plan').select('state').where('id', '=', r.plan_id).executeTakeFirstOrThrow();
  const parties = await partyOrganisationIds(db, r.plan_id);
  let voterUserIds: number[] = [];
  let memberUserIds: number[] = [];
  if (r.state !== 'draft') {
    const who = await whoDecides(db, r.plan_id, today);
    voterUserIds = who.voters.flatMap((m) => (m.userId ? [m.userId] : []));
    memberUserIds = [...voterUserIds, ...who.others.flatMap((m) => (m.userId ? [m.userId] : []))];
  }
  return {
    type: 'changeRequest' as const,
    planId: r.plan_id,
    state: r.state,
    planState: plan.state,
    partyOrganisationIds: parties,
    proposedBy: r.proposed_by,
    voterUserIds,
    memberUserIds,
  };
}

/** R1, R3 — the edits must fit the request's kind, start from the plan as it is, and keep the funding rules. */
async function validateProposal(trx: Trx, planId: number, input: ProposalInput): Promise<void> {
  const problems = checkEdits(input.kind, input.edits);
  if (problems.length) throw new Invalid({ edits: problems.map((p) => p.message).join(' ') });
  const foreign = await foreignIds(trx, planId, input.edits);
  if (Object.keys(foreign).length)
    throw new Invalid(foreign, `Ændringen nævner noget, der ikke hører til planen: ${foreignIdsText(foreign)}`);
  const stale = staleEdits(input.edits, await currentValues(trx, planId, input.edits));
  if (stale.length)
    throw new Invalid({
      edits: `Ændringen passer ikke til planen, som den er nu: ${stale.map((s) => s.what).join(', ')} er ændret. Hent siden igen.`,
    });
  // R1, R5 — a new frame, line or year: the budget it leads to must keep the funding rules (every breach at once).
  const budgetProblems = await requestBudgetProblems(trx, planId, input.edits);
  if (budgetProblems.length)
    throw new Invalid({ edits: budgetProblems.map((v) => v.message).join(' ') }, 'Ændringen bryder reglerne for finansiering.');
  const moves = input.edits.filter((e) => e.op === 'moveBudget');
  if (moves.length && !changesBudgetShape(input.edits)) {
    const finance = await planFinance(trx, planId);
    const lineIds = new Set(finance.lines.map((l) => l.id));
    if (moves.some((m) => !lineIds.has(m.fromLineId) || !lineIds.has(m.toLineId)))
      throw new Invalid({ edits: 'Budgetlinjen hører ikke til planen.' });
    const violations = checkBudgetRules(budgetAfter(finance, moves), finance.limits);
    if (violations.length) throw new Invalid({ edits: violations.map((v) => v.message).join(' ') });
  }
}

/** The plan's budget as it would be after the moves (R1 must still hold, or the change can't be proposed). */
export function budgetAfter(finance: Awaited<ReturnType<typeof planFinance>>, moves: Extract<Edit, { op: 'moveBudget' }>[]) {
  const draft = structuredClone(finance.draft);
  for (const m of moves) {
    const from = draft.lines.find((l) => l.id === m.fromLineId)!;
    const to = draft.lines.find((l) => l.id === m.toLineId)!;
    from.perYear[m.year] = (from.perYear[m.year] ?? 0) - m.amountOre;
    to.perYear[m.year] = (to.perYear[m.year] ?? 0) + m.amountOre;
  }
  return draft;
}

/** R3 — a project leader (or a party organisation) proposes a change to an active plan, as a draft. */
export async function proposeChange(ctx: ServiceContext, planId: number, input: ProposalInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const plan = await trx
      .selectFrom('plan')
      .select(['id', 'state', 'current_version'])
      .where('id', '=', planId)
      .forUpdate()
      .executeTakeFirst();
    if (!plan) throw new NotFound('Planen findes ikke.');
    authorize(
      ctx.actor,
      'create',
      await requestSubject(trx, { plan_id: planId, state: 'draft', proposed_by: userId(ctx.actor), body_id: null }, todayIn(ctx)),
    );
    await validateProposal(trx, planId, input);
    const n = await trx
      .selectFrom('change_request')
      .select((eb) => eb.fn.coalesce(eb.fn.max('number'), sql<number>`0`).as('n'))
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('change_request')
      .values({
        plan_id: planId,
        number: Number(n.n) + 1,
        kind: input.kind,
        title: input.title,
        justification: input.justification,
        edits: JSON.stringify(input.edits),
        based_on_version: plan.current_version,
        proposed_by: userId(ctx.actor),
        proposed_by_label: actorLabel(ctx.actor),
        body_id: null,
        decision_mode: null,
        meeting_id: null,
        written_deadline: null,
        submitted_at: null,
        decided_at: null,
        decided_by: null,
        lbf_decision_date: null,
        applied_at: null,
        applied_version: null,
        updated_at: ctx.now(),
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    await event(trx, ctx.actor, row.id, 'proposed', input.justification);
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'change_request',
      entityId: row.id,
      planId,
      version: 1,
      summary: `Ændringsanmodning nr. ${row.number}: ${input.title}`,
      after: { kind: input.kind, title: input.title, edits: input.edits },
    });
    return row.id;
  });
}

export interface SubmitInput {
  mode: 'meeting' | 'written';
  writtenDeadline?: string | null;
}

/** R10–R12 — routes the request to the competent body: an item on its next meeting, or a written procedure. */
export async function submitChange(ctx: ServiceContext, id: number, expectedVersion: number, input: SubmitInput): Promise<void> {
  await withRequest(ctx, id, expectedVersion, 'submit', async (trx, r, today) => {
    const who = await whoDecides(trx, r.plan_id, today);
    let meetingId: number | null = null;
    if (input.mode === 'meeting') {
      const meeting = await nextMeeting(trx, who.body.id);
      if (!meeting)
        throw new Invalid({
          mode: `${who.body.name} har intet planlagt møde. Vælg skriftlig behandling med en frist, eller bed sekretariatet planlægge et møde.`,
        });
      meetingId = meeting.id;
      await addAgendaItem(trx, meeting.id, { title: `Ændringsanmodning: ${r.title}`, kind: 'change_request', refId: r.id, closed: false });
    } else if (!input.writtenDeadline || input.writtenDeadline <= today) {
      throw new Invalid({ writtenDeadline: 'Skriv en frist for den skriftlige behandling, efter i dag.' });
    }
    await trx
      .updateTable('change_request')
      .set({
        body_id: who.body.id,
        routing_reason: who.reason,
        routing_rule: who.rule,
        decision_mode: input.mode,
        meeting_id: meetingId,
        written_deadline: input.mode === 'written' ? input.writtenDeadline! : null,
        submitted_at: ctx.now(),
      })
      .where('id', '=', r.id)
      .execute();
    await event(trx, ctx.actor, r.id, 'submitted', `Sendt til ${who.body.name}: ${who.reason}.`);
    // R11 — only the members who may vote are asked to decide; the others and the secretariat are told.
    const voters = who.voters.flatMap((m) => (m.userId ? [m.userId] : []));
    const others = who.others.flatMap((m) => (m.userId && !voters.includes(m.userId) ? [m.userId] : []));
    const when =
      input.mode === 'meeting' ? 'på det næste møde' : `skriftligt senest ${input.writtenDeadline!.split('-').reverse().join('.')}`;
    await notify(trx, {
      userIds: voters,
      kind: 'change_request_submitted',
      title: `Ændringsanmodning til beslutning: ${r.title}`,
      body: `Du kan beslutte ændringen ${when} som medlem af ${who.body.name}. Den står under «Mine opgaver», til den er besluttet.`,
      link: requestLink(r.plan_id, r.id),
      planId: r.plan_id,
    });
    await notify(trx, {
      userIds: [...others, ...(await usersWithRole(trx, 'secretariat')).filter((u) => !voters.includes(u) && !others.includes(u))],
      kind: 'change_request_routed',
      title: `Ændringsanmodning sendt til ${who.body.name}: ${r.title}`,
      body: `${who.body.name} beslutter ${when}. Kun medlemmer, der repræsenterer en boligorganisation, som er part i bevillingen, kan beslutte; de øvrige kan kommentere.`,
      link: requestLink(r.plan_id, r.id),
      planId: r.plan_id,
    });
    return { summary: `Sendt til beslutning i ${who.body.name}` };
  });
}

export interface DecisionInput {
  note: string;
  meetingId?: number | null;
  /** The party organisation the member answers for; needed only when they represent more than one on the body. */
  organisationId?: number | null;
}

/** R11 — the parties' answers to a request so far, by the deciding body's rule, and who is still awaited. */
export interface PartyAnswers {
  rule: PartyDecisionRule;
  /** The party organisations represented on the deciding body by a member who may vote. */
  required: { id: number; name: string }[];
  answers: {
    organisationId: number;
    organisation: string;
    answer: PartyAnswer;
    reason: string;
    by: string;
    at: Date;
    version: number;
  }[];
  decision: PartyDecision;
  /** Voting members (user ids) by the organisation they represent. */
  votersByOrganisation: Map<number, number[]>;
}

/** R11 — who must answer (the competent body's party representatives, as of `today`) and what they have answered. */
export async function partyAnswersOf(db: Executor, r: { id: number; plan_id: number }, today: string): Promise<PartyAnswers> {
  const who = await whoDecides(db, r.plan_id, today);
  const votersByOrganisation = new Map<number, number[]>();
  for (const m of who.voters) {
    if (m.organisationId === null) continue;
    const list = votersByOrganisation.get(m.organisationId) ?? [];
    if (m.userId && !list.includes(m.userId)) list.push(m.userId);
    votersByOrganisation.set(m.organisationId, list);
  }
  const requiredIds = [...votersByOrganisation.keys()];
  const [body, orgs, rows] = await Promise.all([
    db.selectFrom('body').select('party_decision_rule').where('id', '=', who.body.id).executeTakeFirstOrThrow(),
    requiredIds.length
      ? db.selectFrom('organisation').select(['id', 'short_name']).where('id', 'in', requiredIds).orderBy('short_name').execute()
      : Promise.resolve([]),
    db
      .selectFrom('change_request_answer as a')
      .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
      .select(['a.organisation_id', 'o.short_name', 'a.answer', 'a.reason', 'a.answered_by_label', 'a.answered_at', 'a.version'])
      .where('a.request_id', '=', r.id)
      .orderBy('a.answered_at')
      .execute(),
  ]);
  const rule = body.party_decision_rule;
  const answers = rows.map((a) => ({
    organisationId: a.organisation_id,
    organisation: a.short_name,
    answer: a.answer,
    reason: a.reason,
    by: a.answered_by_label,
    at: a.answered_at,
    version: a.version,
  }));
  return {
    rule,
    required: orgs.map((o) => ({ id: o.id, name: o.short_name })),
    answers,
    decision: partyDecision({ rule, required: requiredIds, answers }),
    votersByOrganisation,
  };
}

/** R11 — the organisation a voting member answers for: the one they represent, or the one they chose among theirs. */
function answeringOrganisation(parties: PartyAnswers, actor: Actor, chosen: number | null | undefined): number {
  const me = userId(actor) ?? -1;
  const mine = [...parties.votersByOrganisation.entries()].filter(([, users]) => users.includes(me)).map(([org]) => org);
  if (chosen) {
    if (!mine.includes(chosen)) throw new Invalid({ organisationId: 'Du repræsenterer ikke den boligorganisation i bestyrelsen.' });
    return chosen;
  }
  if (mine.length === 1) return mine[0]!;
  throw new Invalid({ organisationId: 'Vælg, hvilken boligorganisation du svarer for.' });
}

const answerText = (org: string, a: PartyAnswer, reason: string) =>
  `${org}: ${partyAnswerLabels[a].toLowerCase()}${reason ? ` — ${reason}` : ''}`;

/**
 * R11 — a party organisation's answer, given by a member of the competent body who represents it. The request is
 * decided only when the parties' answers together decide it by the body's rule (every party, or a majority);
 * until then each answer is recorded (and may be changed, version-checked) and the request waits for the others.
 * The deciding answer approves — applying the change as the plan's next version in the same transaction, or, for a
 * strategic agreement (R6), sending it to LBF and telling the city board — or rejects. A change that no longer
 * fits the plan is refused with the conflict, and nothing is written. A rejection after the parties' approval,
 * while LBF's answer is awaited, rejects at once.
 */
export async function decideChange(
  ctx: ServiceContext,
  id: number,
  expectedVersion: number,
  answer: PartyAnswer,
  input: DecisionInput,
): Promise<RequestState> {
  try {
    return await inTransaction(ctx, async (trx) => {
      const { r, today } = await lockForAction(ctx, trx, id, expectedVersion, answer);
      if (r.state === 'awaiting_lbf') {
        await finishDecision(ctx, trx, r, today, 'reject', input, input.note);
        return transition(ctx, trx, r, 'reject', 'Afvist');
      }
      const before = await partyAnswersOf(trx, r, today);
      const org = answeringOrganisation(before, ctx.actor, input.organisationId);
      const orgName = before.required.find((o) => o.id === org)!.name;
      const previous = before.answers.find((a) => a.organisationId === org);
      if (previous) {
        await trx
          .updateTable('change_request_answer')
          .set({
            answer,
            reason: input.note,
            answered_by: userId(ctx.actor),
            answered_by_label: actorLabel(ctx.actor),
            answered_at: ctx.now(),
            version: sql`version + 1`,
            updated_at: ctx.now(),
          })
          .where('request_id', '=', r.id)
          .where('organisation_id', '=', org)
          .execute();
      } else {
        await trx
          .insertInto('change_request_answer')
          .values({
            request_id: r.id,
            organisation_id: org,
            answer,
            reason: input.note,
            answered_by: userId(ctx.actor),
            answered_by_label: actorLabel(ctx.actor),
            answered_at: ctx.now(),
            updated_at: ctx.now(),
          })
          .execute();
      }
      await event(trx, ctx.actor, r.id, 'answered', answerText(orgName, answer, input.note), true, { organisationId: org, answer });
      // The organisation has answered: its representatives' «til beslutning» messages are done.
      await markTaskMessagesDone(
        trx,
        { link: requestLink(r.plan_id, r.id), kinds: ['change_request_submitted'], userIds: before.votersByOrganisation.get(org) ?? [] },
        ctx.now(),
      );
      const after = await partyAnswersOf(trx, r, today);
      const answerChange = {
        field: `Svar fra ${orgName}`,
        before: previous ? partyAnswerLabels[previous.answer] : null,
        after: `${partyAnswerLabels[answer]}${input.note ? ` (${input.note})` : ''}`,
      };
      const outcome = after.decision.outcome;
      if (!outcome) {
        const row = await trx
          .updateTable('change_request')
          .set({ version: sql`version + 1`, updated_at: ctx.now() })
          .where('id', '=', r.id)
          .returning('version')
          .executeTakeFirstOrThrow();
        const awaited = after.required.filter((o) => after.decision.awaited.includes(o.id)).map((o) => o.name);
        await recordAudit(trx, ctx.actor, {
          action: 'answer',
          entityType: 'change_request',
          entityId: r.id,
          planId: r.plan_id,
          version: row.version,
          summary: `Ændringsanmodning nr. ${r.number}: ${answerText(orgName, answer, '')}; afventer ${awaited.join(', ')}`,
          changes: [answerChange],
        });
        return r.state as RequestState;
      }
      const summary = decisionSummary(after);
      await finishDecision(ctx, trx, r, today, outcome, input, summary);
      return transition(ctx, trx, r, outcome, outcome === 'approve' ? 'Godkendt af parterne' : 'Afvist af parterne', [answerChange]);
    });
  } catch (err) {
    if (err instanceof ChangeDoesNotFit) await recordRefusal(ctx, id, err);
    throw err;
  }
}

/** The parties' answers in one line, for the decision's note: "KAB: godkender; Bo-Vita: godkender — fint". */
function decisionSummary(p: PartyAnswers): string {
  return p.answers
    .filter((a) => p.required.some((o) => o.id === a.organisationId))
    .map((a) => answerText(a.organisation, a.answer, a.reason))
    .join('; ');
}

/** R11 — the decision is made: recorded, the tasks closed, the change applied (or sent to LBF), the interested told. */
async function finishDecision(
  ctx: ServiceContext,
  trx: Trx,
  r: RequestRow & { plan_id: number },
  today: string,
  outcome: 'approve' | 'reject',
  input: DecisionInput,
  note: string,
): Promise<void> {
  const next = nextState(r.kind as ChangeKind, r.state as RequestState, outcome);
  if ('error' in next) throw new Invalid({ action: next.error });
  await trx
    .updateTable('change_request')
    .set({
      decided_at: ctx.now(),
      decided_by: userId(ctx.actor),
      decided_by_label: actorLabel(ctx.actor),
      decision_note: note,
      meeting_id: input.meetingId ?? r.meeting_id,
    })
    .where('id', '=', r.id)
    .execute();
  await event(trx, ctx.actor, r.id, outcome === 'approve' ? 'approved' : 'rejected', note, true);
  // The decision was everyone's task: the «til beslutning» messages are done with it.
  await markTaskMessagesDone(trx, { link: requestLink(r.plan_id, r.id), kinds: ['change_request_submitted'] }, ctx.now());
  if (next.applies) await applyRequest(ctx, trx, r, today);
  if (next.to === 'awaiting_lbf') await awaitLbf(ctx, trx, r, today);
  await notify(trx, {
    userIds: await interested(trx, r),
    kind: 'change_request_decided',
    title: `${outcome === 'approve' ? 'Godkendt' : 'Afvist'}: ${r.title}`,
    body: `${note || (outcome === 'approve' ? 'Ændringen er godkendt.' : 'Ændringen er afvist.')} Status: ${requestStateLabels[next.to]}.`,
    link: requestLink(r.plan_id, r.id),
    planId: r.plan_id,
  });
}

/** Moves a locked request to the state its decision leads to, and audits it (the caller has checked the version). */
async function transition(
  ctx: ServiceContext,
  trx: Trx,
  r: RequestRow,
  action: RequestAction,
  summary: string,
  extra: AuditChange[] = [],
): Promise<RequestState> {
  const next = nextState(r.kind as ChangeKind, r.state as RequestState, action);
  if ('error' in next) throw new Invalid({ action: next.error });
  const after = await trx
    .updateTable('change_request')
    .set({ state: next.to, version: sql`version + 1`, updated_at: ctx.now() })
    .where('id', '=', r.id)
    .returning('version')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx.actor, {
    action,
    entityType: 'change_request',
    entityId: r.id,
    planId: r.plan_id,
    version: after.version,
    summary: `Ændringsanmodning nr. ${r.number}: ${summary}`,
    changes: [...extra, { field: 'state', before: r.state, after: next.to }],
  });
  return next.to;
}

/** R6 — LBF's approval of a changed strategic agreement, after which it is applied. */
export async function recordLbfApproval(
  ctx: ServiceContext,
  id: number,
  expectedVersion: number,
  input: { decisionDate: string; reference: string },
): Promise<void> {
  try {
    await withRequest(ctx, id, expectedVersion, 'recordLbfApproval', async (trx, r, today) => {
      if (!input.reference.trim()) throw new Invalid({ reference: 'Skriv Landsbyggefondens reference (sagsnummer).' });
      await trx
        .updateTable('change_request')
        .set({ lbf_decision_date: input.decisionDate, lbf_reference: input.reference })
        .where('id', '=', r.id)
        .execute();
      await event(trx, ctx.actor, r.id, 'lbf_approved', `Landsbyggefonden har godkendt ${input.decisionDate} (${input.reference}).`);
      await applyRequest(ctx, trx, r, today);
      await notify(trx, {
        userIds: await interested(trx, r),
        kind: 'change_request_applied',
        title: `Landsbyggefonden har godkendt: ${r.title}`,
        body: 'Ændringen er nu en del af planen.',
        link: requestLink(r.plan_id, r.id),
        planId: r.plan_id,
      });
      return { summary: 'Landsbyggefondens godkendelse registreret' };
    });
  } catch (err) {
    if (err instanceof ChangeDoesNotFit) await recordRefusal(ctx, id, err);
    throw err;
  }
}

export async function withdrawChange(ctx: ServiceContext, id: number, expectedVersion: number, reason: string): Promise<void> {
  await withRequest(ctx, id, expectedVersion, 'withdraw', async (trx, r) => {
    await event(trx, ctx.actor, r.id, 'withdrawn', reason);
    await markTaskMessagesDone(trx, { link: requestLink(r.plan_id, r.id), kinds: ['change_request_submitted'] }, ctx.now());
    return { summary: 'Trukket tilbage' };
  });
}

/** R11 — members without the deciding voice, the parties and the municipality may comment. */
export async function commentOnChange(ctx: ServiceContext, id: number, text: string): Promise<void> {
  if (!text.trim()) throw new Invalid({ text: 'Skriv en kommentar.' });
  await inTransaction(ctx, async (trx) => {
    const r = await trx.selectFrom('change_request').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw new NotFound('Ændringsanmodningen findes ikke.');
    const subject = await requestSubject(trx, r, todayIn(ctx));
    authorize(ctx.actor, 'comment', subject);
    const mayVote = subject.voterUserIds.includes(userId(ctx.actor) ?? -1);
    await event(trx, ctx.actor, id, 'comment', text.trim(), mayVote);
    await recordAudit(trx, ctx.actor, {
      action: 'comment',
      entityType: 'change_request',
      entityId: id,
      planId: r.plan_id,
      summary: 'Kommentar',
      after: { text },
    });
  });
}

/**
 * The request, locked, for one of its actions: it exists, the actor may take the action (R11, R12), the version the
 * user saw is current, and the life cycle allows the action — or the action is refused before anything is written.
 */
async function lockForAction(ctx: ServiceContext, trx: Trx, id: number, expectedVersion: number, action: RequestAction) {
  const r = await trx.selectFrom('change_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!r) throw new NotFound('Ændringsanmodningen findes ikke.');
  const today = todayIn(ctx);
  authorize(ctx.actor, action, await requestSubject(trx, r, today));
  await assertVersion(trx, r as never, expectedVersion, 'change_request');
  const next = nextState(r.kind as ChangeKind, r.state as RequestState, action);
  if ('error' in next) throw new Invalid({ action: next.error });
  return { r, today, next };
}

/** Loads, authorizes, checks the version and the life cycle, runs `fn`, moves the state and audits — one transaction. */
async function withRequest(
  ctx: ServiceContext,
  id: number,
  expectedVersion: number,
  action: RequestAction,
  fn: (trx: Trx, r: RequestRow, today: string, to: RequestState, applies: boolean) => Promise<{ summary: string }>,
): Promise<RequestState> {
  return inTransaction(ctx, async (trx) => {
    const { r, today, next } = await lockForAction(ctx, trx, id, expectedVersion, action);
    const { summary } = await fn(trx, r, today, next.to, next.applies);
    const after = await trx
      .updateTable('change_request')
      .set({ state: next.to, version: sql`version + 1`, updated_at: ctx.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action,
      entityType: 'change_request',
      entityId: id,
      planId: r.plan_id,
      version: after.version,
      summary: `Ændringsanmodning nr. ${r.number}: ${summary}`,
      before: { state: r.state },
      after: { state: next.to },
    });
    return next.to;
  });
}

/** R3 — an approved change that no longer fits the plan (or names another plan's parts): refused, and the refusal recorded. */
class ChangeDoesNotFit extends Conflict {}

type RequestRow = {
  id: number;
  plan_id: number;
  number: number;
  kind: string;
  title: string;
  edits: Edit[];
  state: string;
  proposed_by: number | null;
  body_id: number | null;
  meeting_id: number | null;
};

/** R3 — the approved change becomes the plan's next version, or nothing happens (the plan row is locked first). */
async function applyRequest(ctx: ServiceContext, trx: Trx, r: RequestRow, today: string): Promise<void> {
  const plan = await trx
    .selectFrom('plan')
    .select(['id', 'current_version', 'version'])
    .where('id', '=', r.plan_id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  // Defence in depth: a request stored before ids were checked at proposal must not write into another plan.
  const foreign = await foreignIds(trx, r.plan_id, r.edits);
  if (Object.keys(foreign).length) {
    throw new ChangeDoesNotFit(
      null,
      [],
      `Ændringen passer ikke til planen: ${foreignIdsText(foreign)} Intet er ændret; stil en ny anmodning ud fra planen, som den er nu.`,
    );
  }
  const stale = staleEdits(r.edits, await currentValues(trx, r.plan_id, r.edits));
  if (stale.length) {
    throw new ChangeDoesNotFit(
      null,
      stale.map((s) => ({ field: s.what, theirs: s.now, yours: s.proposedAgainst })),
      `Ændringen passer ikke længere til planen: ${stale.map((s) => s.what).join(', ')} er ændret, efter at anmodningen blev stillet. Intet er ændret; stil en ny anmodning ud fra planen, som den er nu.`,
    );
  }
  // R1, R5 — re-checked at approval: the budget, the limits or the municipality's settings may have changed since.
  const budgetProblems = await requestBudgetProblems(trx, r.plan_id, r.edits);
  if (budgetProblems.length) {
    throw new ChangeDoesNotFit(
      null,
      [],
      `Ændringen kan ikke gennemføres, fordi budgettet så ikke overholder reglerne for finansiering: ${budgetProblems.map((v) => v.message).join(' ')} Intet er ændret.`,
    );
  }
  // What changes, as the request page words it, for the plan's history (read before the plan is written).
  const described = await describeEdits(trx, r.edits);
  await applyEdits(trx, r.plan_id, r.edits);
  if (changesBudgetShape(r.edits)) {
    try {
      await applyBudgetEdits(trx, ctx.actor, r.plan_id, r.edits, r, today);
    } catch (err) {
      // R8 — the co-financing pool cannot follow the change: refused as a whole, and the refusal recorded.
      if (err instanceof Invalid) throw new ChangeDoesNotFit(null, [], `${Object.values(err.fields).join(' ')} Intet er ændret.`);
      throw err;
    }
  }
  const number = plan.current_version + 1;
  const snapshot = await freezeSnapshot(trx, ctx.hooks, r.plan_id, today);
  await trx
    .insertInto('plan_version')
    .values({
      plan_id: r.plan_id,
      number,
      snapshot: JSON.stringify(snapshot),
      reason: `Ændringsanmodning nr. ${r.number}: ${r.title}`,
      created_by_label: actorLabel(ctx.actor),
      created_by_user_id: actorUserId(ctx.actor),
    })
    .execute();
  const after = await trx
    .updateTable('plan')
    .set({ current_version: number, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', r.plan_id)
    .returning('version')
    .executeTakeFirstOrThrow();
  await trx.updateTable('change_request').set({ applied_at: ctx.now(), applied_version: number }).where('id', '=', r.id).execute();
  await event(trx, ctx.actor, r.id, 'applied', `Planens version ${number} er oprettet.`);
  await recordAudit(trx, ctx.actor, {
    action: 'applyChange',
    entityType: 'plan',
    entityId: r.plan_id,
    planId: r.plan_id,
    version: after.version,
    summary: `Version ${number}: ${changeKinds[r.kind as ChangeKind]} (ændringsanmodning nr. ${r.number})`,
    changes: [
      { field: 'current_version', before: plan.current_version, after: number },
      ...described.map((l) => ({ field: `${editField}${l.what} – ${l.field}`, before: l.before, after: l.after })),
    ],
  });
}

/** R11, R6 — a changed strategic agreement: the city board is told (a notice on its next agenda until noted), LBF must approve. */
async function awaitLbf(ctx: ServiceContext, trx: Trx, r: RequestRow, today: string): Promise<void> {
  if (!informsCityBoard(r.kind as ChangeKind)) return;
  const cityBoard = await cityBoardOn(trx, today);
  const planName = (await trx.selectFrom('plan').select('name').where('id', '=', r.plan_id).executeTakeFirstOrThrow()).name;
  const text = `Den strategiske samarbejdsaftale for ${planName} er ændret (ændringsanmodning nr. ${r.number}: ${r.title}). Til orientering.`;
  await trx
    .insertInto('city_board_notice')
    .values({ plan_id: r.plan_id, request_id: r.id, body_id: cityBoard?.id ?? null, text, noted_at: null, noted_meeting_id: null })
    .execute();
  if (cityBoard) {
    const meeting = await nextMeeting(trx, cityBoard.id);
    if (meeting)
      await addAgendaItem(trx, meeting.id, { title: `Orientering: ${text}`, kind: 'change_request', refId: r.id, closed: false });
    await notify(trx, {
      userIds: cityBoard.memberUserIds,
      kind: 'city_board_notice',
      title: `Orientering: ændret strategisk samarbejdsaftale (${planName})`,
      body: text,
      link: '/aendringer/orienteringer',
      planId: r.plan_id,
    });
  }
  await notify(trx, {
    userIds: await usersWithRole(trx, 'lbf'),
    kind: 'lbf_approval',
    title: `Til godkendelse i Landsbyggefonden: ${r.title}`,
    body: `Ændringen af den strategiske samarbejdsaftale for ${planName} afventer Landsbyggefondens godkendelse.`,
    link: requestLink(r.plan_id, r.id),
    planId: r.plan_id,
  });
}

/** A refused application is kept in the trail, in its own transaction (the refused one wrote nothing). */
async function recordRefusal(ctx: ServiceContext, id: number, err: Conflict): Promise<void> {
  await inTransaction(ctx, (trx) => event(trx, ctx.actor, id, 'refused_conflict', err.message, null, err.changes));
}

async function interested(trx: Trx, r: RequestRow): Promise<number[]> {
  const orgs = await partyOrganisationIds(trx, r.plan_id);
  return [
    ...(r.proposed_by ? [r.proposed_by] : []),
    ...(await usersWithRole(trx, 'project_leader', { planId: r.plan_id })),
    ...(await usersWithRole(trx, 'organisation', { organisationIds: orgs })),
  ];
}

async function event(
  trx: Trx,
  actor: Actor,
  requestId: number,
  kind: string,
  text: string,
  mayVote: boolean | null = null,
  data: unknown = null,
): Promise<void> {
  await trx
    .insertInto('change_request_event')
    .values({
      request_id: requestId,
      kind,
      actor_user_id: userId(actor),
      actor_label: actorLabel(actor),
      may_vote: mayVote,
      text,
      data: data === null ? null : JSON.stringify(data),
    })
    .execute();
}

/** R11 — the city board notes a notice (at a meeting, or the secretariat on its behalf). */
export async function noteCityBoardNotice(ctx: ServiceContext, noticeId: number, meetingId: number | null): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const n = await trx.selectFrom('city_board_notice').selectAll().where('id', '=', noticeId).forUpdate().executeTakeFirst();
    if (!n) throw new NotFound('Orienteringen findes ikke.');
    const board = await cityBoardOn(trx, todayIn(ctx));
    authorize(ctx.actor, 'note', { type: 'cityBoardNotice', cityBoardMemberUserIds: board?.memberUserIds ?? [] });
    if (n.noted_at) throw new Invalid({ notice: 'Orienteringen er allerede noteret.' });
    await trx
      .updateTable('city_board_notice')
      .set({
        noted_at: ctx.now(),
        noted_by_label: actorLabel(ctx.actor),
        noted_by_user_id: actorUserId(ctx.actor),
        noted_meeting_id: meetingId,
      })
      .where('id', '=', noticeId)
      .execute();
    await recordAudit(trx, ctx.actor, {
      action: 'note',
      entityType: 'city_board_notice',
      entityId: noticeId,
      planId: n.plan_id,
      summary: 'Orientering noteret af Boligsocial Bestyrelse',
      changes: [
        { field: 'noted_meeting_id', before: null, after: meetingId },
        { field: 'noted', before: false, after: true },
      ],
    });
  });
}
