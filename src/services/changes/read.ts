import { cityBoardOn } from '../governance/competence.ts';
import type { Executor } from '../../db/database.ts';
import { type ChangeKind, changeKinds, type Edit } from '../../domain/changes/edits.ts';
import { availableActions, isOpen, type RequestAction, type RequestState, requestStateLabels } from '../../domain/changes/lifecycle.ts';
import { kr } from '../../domain/money/amount.ts';
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

export interface EditLine {
  what: string;
  field: string;
  before: string;
  after: string;
}

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
  funders: { name: string; amountOre: number; shareBp: number | null }[];
  lbfMaxPct: number;
  localMinPct: number;
  violations: string[];
}

/** R1 — the plan's funding once the request's budget moves are applied (they move money between lines, never between funders). */
async function fundingAfter(db: Executor, planId: number, edits: Edit[]): Promise<FundingAfter | null> {
  const moves = edits.filter((e) => e.op === 'moveBudget');
  if (!moves.length) return null;
  const finance = await planFinance(db, planId);
  const violations = checkBudgetRules(budgetAfter(finance, moves), finance.limits).map((v) => v.message);
  return {
    frameOre: finance.frameOre,
    funders: finance.funders.map((f) => ({ name: f.name, amountOre: f.amountOre, shareBp: f.shareBp })),
    lbfMaxPct: finance.limits.lbfMaxPct,
    localMinPct: finance.limits.localMinPct,
    violations,
  };
}

const dateText = (d: string | null) => (d ? d.split('-').reverse().join('.') : '—');

/** Each edit as readable Danish before/after rows (the page shows them as a difference). */
export async function describeEdits(db: Executor, edits: Edit[]): Promise<EditLine[]> {
  const lineIds = edits.flatMap((e) => (e.op === 'moveBudget' ? [e.fromLineId, e.toLineId] : []));
  const lineNames = new Map<number, string>();
  if (lineIds.length)
    for (const l of await db.selectFrom('budget_line').select(['id', 'name']).where('id', 'in', lineIds).execute())
      lineNames.set(l.id, l.name);
  const out: EditLine[] = [];
  for (const e of edits) {
    switch (e.op) {
      case 'updateActivity': {
        const labels = { title: 'Navn', description: 'Beskrivelse', targetGroup: 'Målgruppe', startsOn: 'Start', endsOn: 'Slut' } as const;
        for (const k of Object.keys(labels) as (keyof typeof labels)[]) {
          if (e.before[k] !== e.after[k])
            out.push({
              what: `Aktivitet «${e.before.title}»`,
              field: labels[k],
              before: k.endsWith('On') ? dateText(e.before[k]) : (e.before[k] ?? ''),
              after: k.endsWith('On') ? dateText(e.after[k]) : (e.after[k] ?? ''),
            });
        }
        break;
      }
      case 'addActivity':
        out.push({ what: 'Ny aktivitet', field: 'Navn', before: '', after: e.activity.title });
        if (e.activity.description) out.push({ what: 'Ny aktivitet', field: 'Beskrivelse', before: '', after: e.activity.description });
        out.push({
          what: 'Ny aktivitet',
          field: 'Periode',
          before: '',
          after: `${dateText(e.activity.startsOn)} – ${dateText(e.activity.endsOn)}`,
        });
        break;
      case 'endActivity':
        out.push({
          what: 'Aktivitet',
          field: 'Status',
          before: e.before.status,
          after: e.after.status === 'ended' ? 'Afsluttet' : 'Aflyst',
        });
        out.push({ what: 'Aktivitet', field: 'Slut', before: dateText(e.before.endsOn), after: dateText(e.after.endsOn) });
        break;
      case 'moveBudget': {
        const from = lineNames.get(e.fromLineId) ?? `linje ${e.fromLineId}`;
        const to = lineNames.get(e.toLineId) ?? `linje ${e.toLineId}`;
        out.push({
          what: `Budget ${e.year}: ${from}`,
          field: 'Beløb',
          before: kr(e.before.fromOre),
          after: kr(e.before.fromOre - e.amountOre),
        });
        out.push({ what: `Budget ${e.year}: ${to}`, field: 'Beløb', before: kr(e.before.toOre), after: kr(e.before.toOre + e.amountOre) });
        break;
      }
      case 'updateGoal':
        if (e.before.title !== e.after.title)
          out.push({ what: `Mål «${e.before.title}»`, field: 'Mål', before: e.before.title, after: e.after.title });
        if (e.before.description !== e.after.description)
          out.push({ what: `Mål «${e.before.title}»`, field: 'Beskrivelse', before: e.before.description, after: e.after.description });
        break;
      case 'updateCriterion':
        if (e.before.targetValue !== e.after.targetValue)
          out.push({
            what: 'Succeskriterium',
            field: 'Målværdi',
            before: e.before.targetValue.toLocaleString('da-DK'),
            after: e.after.targetValue.toLocaleString('da-DK'),
          });
        if (e.before.targetDate !== e.after.targetDate)
          out.push({
            what: 'Succeskriterium',
            field: 'Måldato',
            before: dateText(e.before.targetDate),
            after: dateText(e.after.targetDate),
          });
        break;
      case 'updateContingency':
        if (e.before.steps !== e.after.steps)
          out.push({ what: 'Beredskabsplan', field: 'Trin', before: e.before.steps, after: e.after.steps });
        if (e.before.policeCooperation !== e.after.policeCooperation)
          out.push({
            what: 'Beredskabsplan',
            field: 'Samarbejde med politiet',
            before: e.before.policeCooperation,
            after: e.after.policeCooperation,
          });
        out.push({ what: 'Beredskabsplan', field: 'Sidst gennemgået', before: '', after: dateText(e.after.lastReviewed) });
        break;
    }
  }
  return out;
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
