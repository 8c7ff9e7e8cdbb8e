import { cityBoardOn } from '../governance/competence.ts';
import type { Executor } from '../../db/database.ts';
import { type ChangeKind, changeKinds, type Edit } from '../../domain/changes/edits.ts';
import { availableActions, isOpen, type RequestAction, type RequestState, requestStateLabels } from '../../domain/changes/lifecycle.ts';
import { NotFound } from '../../errors.ts';
import type { AgendaRefResolver, AuditOwner } from '../context.ts';
import { authorize, can } from '../../policy/index.ts';
import { today, type Page, pageBounds, type ServiceContext, toPage } from '../context.ts';
import { visiblePlans, planHeader } from '../plans/access.ts';
import { checkBudgetRules, planFinance } from '../money/index.ts';
import { budgetAfter, type PartyAnswers, partyAnswersOf, requestSubject } from './requests.ts';
import {
  type PartyAnswer,
  partyAnswerLabels,
  type PartyDecisionRule,
  partyDecisionRuleLabels,
} from '../../domain/changes/party-decision.ts';
import { describeEdits, type EditLine } from './describe.ts';
import { requestBudgetProblems } from './budget.ts';
import { budgetAfterEdits, changesBudgetShape, isBudgetEdit } from '../../domain/changes/budget.ts';
import { basisPoints } from '../../domain/money/amount.ts';
import { withoutRuleCodes } from '../../domain/text.ts';

export { describeEdits, type EditLine };

export interface ChangeRequestDetail {
  id: number;
  planId: number;
  planName: string;
  number: number;
  kind: ChangeKind;
  kindLabel: string;
  title: string;
  justification: string;
  state: RequestState;
  stateLabel: string;
  version: number;
  edits: Edit[];
  lines: EditLine[];
  basedOnVersion: number;
  appliedVersion: number | null;
  body: { id: number; name: string } | null;
  routingReason: string;
  routingRule: string;
  decisionMode: string | null;
  meetingId: number | null;
  writtenDeadline: string | null;
  proposedBy: string;
  decidedBy: string;
  decisionNote: string;
  lbf: { date: string; reference: string } | null;
  events: { at: Date; kind: string; actor: string; mayVote: boolean | null; text: string }[];
  actions: RequestAction[];
  /** Why the actor may not decide, when they are a member without the deciding voice (R11). */
  voteRefusal: string | null;
  /** For an open budget move: the funding split and whether R1 holds once it is applied. */
  funding: FundingAfter | null;
  /** R11 — once submitted: every party organisation's answer, who is awaited, and for whom the actor may answer. */
  parties: PartiesView | null;
}

export interface PartiesView {
  rule: PartyDecisionRule;
  ruleLabel: string;
  organisations: {
    id: number;
    name: string;
    answer: { answer: PartyAnswer; label: string; reason: string; by: string; at: Date } | null;
  }[];
  /** Answers of organisations that are no longer party representatives on the body (kept, not counted). */
  earlier: { name: string; answer: PartyAnswer; label: string; reason: string; by: string; at: Date }[];
  awaited: string[];
  /** The party organisations the actor represents on the body (they answer for one of them). */
  mine: { id: number; name: string }[];
}

/** R11 — the parties' answers as the page and the API show them. */
async function partiesView(db: Executor, r: { id: number; plan_id: number }, day: string, me: number): Promise<PartiesView> {
  const p = await partyAnswersOf(db, r, day);
  const byOrg = new Map(p.answers.map((a) => [a.organisationId, a]));
  const view = (a: PartyAnswers['answers'][number]) => ({
    answer: a.answer,
    label: partyAnswerLabels[a.answer],
    reason: a.reason,
    by: a.by,
    at: a.at,
  });
  return {
    rule: p.rule,
    ruleLabel: partyDecisionRuleLabels[p.rule],
    organisations: p.required.map((o) => {
      const a = byOrg.get(o.id);
      return { id: o.id, name: o.name, answer: a ? view(a) : null };
    }),
    earlier: p.answers.filter((a) => !p.required.some((o) => o.id === a.organisationId)).map((a) => ({ name: a.organisation, ...view(a) })),
    awaited: p.required.filter((o) => p.decision.awaited.includes(o.id)).map((o) => o.name),
    mine: p.required.filter((o) => (p.votersByOrganisation.get(o.id) ?? []).includes(me)),
  };
}

export interface FundingAfter {
  frameOre: number;
  /** Whether the request changes the frame or the funders (else it only moves money between lines). */
  frameChanged: boolean;
  funders: { name: string; amountOre: number; shareBp: number | null }[];
  lbfMaxPct: number;
  localMinPct: number;
  violations: string[];
}

/**
 * R1 — the plan's funding once the request's budget edits are applied: moves keep the frame and the funders; a frame
 * change brings its own funders. Violations as the funding rules word them (without rule codes), also for an open request.
 */
async function fundingAfter(db: Executor, planId: number, edits: Edit[]): Promise<FundingAfter | null> {
  if (!edits.some(isBudgetEdit)) return null;
  const finance = await planFinance(db, planId);
  const after = budgetAfterEdits(finance.draft, edits);
  const violations = changesBudgetShape(edits)
    ? await requestBudgetProblems(db, planId, edits)
    : checkBudgetRules(
        budgetAfter(
          finance,
          edits.filter((e) => e.op === 'moveBudget'),
        ),
        finance.limits,
      );
  return {
    frameOre: after.frameOre,
    frameChanged: after.frameOre !== finance.frameOre || JSON.stringify(after.funders) !== JSON.stringify(finance.draft.funders),
    funders: after.funders.map((f) => ({ name: f.name, amountOre: f.amountOre, shareBp: basisPoints(f.amountOre, after.frameOre) })),
    lbfMaxPct: finance.limits.lbfMaxPct,
    localMinPct: finance.limits.localMinPct,
    violations: violations.map((v) => withoutRuleCodes(v.message).replace(/^R\d+: /, '')),
  };
}

export async function getChangeRequest(ctx: ServiceContext, id: number): Promise<ChangeRequestDetail> {
  const r = await ctx.db
    .selectFrom('change_request as r')
    .innerJoin('plan as p', 'p.id', 'r.plan_id')
    .selectAll('r')
    .select('p.name as plan_name')
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r) throw new NotFound('Ændringsanmodningen findes ikke.');
  const subject = await requestSubject(ctx.db, r, today(ctx));
  authorize(ctx.actor, 'read', subject);
  const [events, body] = await Promise.all([
    ctx.db
      .selectFrom('change_request_event')
      .select(['at', 'kind', 'actor_label', 'may_vote', 'text'])
      .where('request_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    r.body_id
      ? ctx.db.selectFrom('body').select(['id', 'name']).where('id', '=', r.body_id).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const state = r.state as RequestState;
  const actions = availableActions(state).filter((a) => can(ctx.actor, a, subject));
  const me = ctx.actor.kind === 'user' ? ctx.actor.id : -1;
  const isMember = subject.memberUserIds.includes(me);
  const voteRefusal =
    state === 'submitted' && isMember && !actions.includes('approve')
      ? 'Du er medlem af bestyrelsen, men repræsenterer ikke en boligorganisation, der er part i planens bevilling. Kun de boligorganisationer, der er part, træffer beslutning om ændringer. Du kan kommentere.'
      : null;
  return {
    id: r.id,
    planId: r.plan_id,
    planName: r.plan_name,
    number: r.number,
    kind: r.kind as ChangeKind,
    kindLabel: changeKinds[r.kind as ChangeKind],
    title: r.title,
    justification: r.justification,
    state,
    stateLabel: requestStateLabels[state],
    version: r.version,
    edits: r.edits,
    lines: await describeEdits(ctx.db, r.edits),
    basedOnVersion: r.based_on_version,
    appliedVersion: r.applied_version,
    body: body ?? null,
    routingReason: r.routing_reason,
    routingRule: r.routing_rule,
    decisionMode: r.decision_mode,
    meetingId: r.meeting_id,
    writtenDeadline: r.written_deadline,
    proposedBy: r.proposed_by_label,
    decidedBy: r.decided_by_label,
    decisionNote: r.decision_note,
    lbf: r.lbf_decision_date ? { date: r.lbf_decision_date, reference: r.lbf_reference } : null,
    events: events.map((e) => ({ at: e.at, kind: e.kind, actor: e.actor_label, mayVote: e.may_vote, text: e.text })),
    actions,
    voteRefusal,
    funding: isOpen(state) ? await fundingAfter(ctx.db, r.plan_id, r.edits as Edit[]) : null,
    parties: state === 'draft' || (state === 'withdrawn' && !r.submitted_at) ? null : await partiesView(ctx.db, r, today(ctx), me),
  };
}

export interface ChangeRequestItem {
  id: number;
  planId: number;
  planName: string;
  number: number;
  kindLabel: string;
  title: string;
  state: RequestState;
  stateLabel: string;
  bodyName: string | null;
  proposedBy: string;
  createdAt: Date;
  appliedVersion: number | null;
}

/** Requests the actor may see: of one plan, or across the city (open first, newest first). */
export async function listChangeRequests(
  ctx: ServiceContext,
  q: { planId?: number; state?: RequestState; openOnly?: boolean; page?: number } = {},
): Promise<Page<ChangeRequestItem>> {
  const { page, pageSize, offset } = pageBounds({ page: q.page, pageSize: 50 });
  let base = ctx.db
    .selectFrom('change_request as r')
    .innerJoin('plan as p', 'p.id', 'r.plan_id')
    .leftJoin('body as b', 'b.id', 'r.body_id')
    .where(visiblePlans(ctx.actor));
  if (q.planId) base = base.where('r.plan_id', '=', q.planId);
  if (q.state) base = base.where('r.state', '=', q.state);
  if (q.openOnly) base = base.where('r.state', 'in', ['draft', 'submitted', 'awaiting_lbf']);
  if (ctx.actor.kind === 'anonymous') base = base.where('r.state', '<>', 'draft');
  const [rows, total] = await Promise.all([
    base
      .select([
        'r.id',
        'r.plan_id',
        'p.name as plan_name',
        'r.number',
        'r.kind',
        'r.title',
        'r.state',
        'b.name as body_name',
        'r.proposed_by_label',
        'r.created_at',
        'r.applied_version',
      ])
      .orderBy((eb) => eb.case().when('r.state', 'in', ['submitted', 'awaiting_lbf']).then(0).else(1).end())
      .orderBy('r.created_at', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return toPage(
    rows.map((r) => ({
      id: r.id,
      planId: r.plan_id,
      planName: r.plan_name,
      number: r.number,
      kindLabel: changeKinds[r.kind as ChangeKind],
      title: r.title,
      state: r.state as RequestState,
      stateLabel: requestStateLabels[r.state as RequestState],
      bodyName: r.body_name,
      proposedBy: r.proposed_by_label,
      createdAt: r.created_at,
      appliedVersion: r.applied_version,
    })),
    Number(total.n),
    page,
    pageSize,
  );
}

export async function listCityBoardNotices(ctx: ServiceContext) {
  authorize(ctx.actor, 'list', { type: 'plan', state: 'active', partyOrganisationIds: [] });
  return ctx.db
    .selectFrom('city_board_notice as n')
    .innerJoin('plan as p', 'p.id', 'n.plan_id')
    .select(['n.id', 'n.plan_id', 'p.name as plan_name', 'n.request_id', 'n.text', 'n.created_at', 'n.noted_at', 'n.noted_by_label'])
    .where(visiblePlans(ctx.actor))
    .orderBy((eb) => eb.case().when('n.noted_at', 'is', null).then(0).else(1).end())
    .orderBy('n.created_at', 'desc')
    .limit(200)
    .execute();
}

/** A change request's history is readable by the lead organisation of its plan. */
export const changeRequestAuditOwner: AuditOwner = async (ctx, id) =>
  (
    await ctx.db
      .selectFrom('change_request as r')
      .innerJoin('plan as p', 'p.id', 'r.plan_id')
      .select('p.lead_organisation_id')
      .where('r.id', '=', Number(id))
      .executeTakeFirst()
  )?.lead_organisation_id ?? null;

/** An agenda item about a change request: its number, plan and title, and its page. */
export const changeRequestAgendaRef: AgendaRefResolver = async (db, ids) =>
  (
    await db
      .selectFrom('change_request as r')
      .innerJoin('plan as p', 'p.id', 'r.plan_id')
      .select(['r.id', 'r.plan_id', 'r.number', 'r.title', 'p.name'])
      .where('r.id', 'in', ids)
      .execute()
  ).map((r) => ({
    id: r.id,
    label: `Ændringsanmodning nr. ${r.number} til ${r.name}: ${r.title}`,
    href: `/planer/${r.plan_id}/aendringer/${r.id}`,
  }));

/** The plan's version and whether the actor may propose a change to it now — the rule `proposeChange` checks. */
export async function planChangeAbilities(ctx: ServiceContext, planId: number) {
  const plan = await planHeader(ctx, planId);
  const subject = await requestSubject(ctx.db, { plan_id: planId, state: 'draft', proposed_by: null, body_id: null }, today(ctx));
  return { state: plan.state, currentVersion: plan.currentVersion, mayCreate: can(ctx.actor, 'create', subject) };
}

/** Whether the actor may note the city board's notices — the rule `noteCityBoardNotice` checks. */
export async function mayNoteNotices(ctx: ServiceContext): Promise<boolean> {
  const board = await cityBoardOn(ctx.db, today(ctx));
  return can(ctx.actor, 'note', { type: 'cityBoardNotice', cityBoardMemberUserIds: board?.memberUserIds ?? [] });
}
