import { checkPlanPeriod } from '../../domain/plan-rules.ts';
import { logContactRead } from '../persons.ts';
import type { Executor } from '../../db/database.ts';
import { danishSortKey, likeEscape } from '../../db/sql.ts';
import { type PlanState, stateLabels } from '../../domain/plan-lifecycle.ts';
import { contingencyReviewWarning, type ProgressStatus, progressStatus } from '../../domain/plan-rules.ts';
import { authorize, can } from '../../policy/index.ts';
import { today, type Page, type PageQuery, pageBounds, type ServiceContext, toPage } from '../context.ts';
import { planSubject, visiblePlans } from './access.ts';

export interface PlanListItem {
  id: number;
  name: string;
  state: PlanState;
  stateLabel: string;
  districtName: string | null;
  periodCode: string;
  startsOn: string;
  endsOn: string;
  leadOrganisation: string;
  isDemo: boolean;
}

export interface PlanQuery extends PageQuery {
  q?: string;
  districtId?: number;
  state?: string;
  periodId?: number;
  organisationId?: number;
}

/** Plans the actor may see, filtered and paged. */
export async function listPlans(ctx: ServiceContext, q: PlanQuery = {}): Promise<Page<PlanListItem>> {
  authorize(ctx.actor, 'list', { type: 'plan', state: 'draft', partyOrganisationIds: [] });
  const { page, pageSize, offset } = pageBounds(q);
  let base = ctx.db
    .selectFrom('plan as p')
    .innerJoin('funding_period as f', 'f.id', 'p.funding_period_id')
    .innerJoin('organisation as o', 'o.id', 'p.lead_organisation_id')
    .leftJoin('district as d', 'd.id', 'p.district_id')
    .where(visiblePlans(ctx.actor));
  if (q.q) base = base.where('p.name', 'ilike', likeEscape(q.q));
  if (q.districtId) base = base.where('p.district_id', '=', q.districtId);
  if (q.state) base = base.where('p.state', '=', q.state);
  if (q.periodId) base = base.where('p.funding_period_id', '=', q.periodId);
  if (q.organisationId) {
    const org = q.organisationId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('plan_estate as pe')
          .innerJoin('estate as e', 'e.id', 'pe.estate_id')
          .select('pe.plan_id')
          .whereRef('pe.plan_id', '=', 'p.id')
          .where('e.organisation_id', '=', org),
      ),
    );
  }
  const [rows, n] = await Promise.all([
    base
      .select([
        'p.id',
        'p.name',
        'p.state',
        'd.name as districtName',
        'f.code as periodCode',
        'p.starts_on as startsOn',
        'p.ends_on as endsOn',
        'o.short_name as leadOrganisation',
        'p.is_demo as isDemo',
      ])
      .orderBy(danishSortKey('p.name'))
      .orderBy('p.id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return toPage(
    rows.map((r) => ({ ...r, state: r.state as PlanState, stateLabel: stateLabels[r.state as PlanState] ?? r.state })),
    Number(n.n),
    page,
    pageSize,
  );
}

export interface Criterion {
  id: number;
  goalId: number;
  indicatorName: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baselineValue: number;
  baselineDate: string;
  baselineSource: string;
  targetValue: number;
  targetDate: string;
  measurements: { id: number; version: number; value: number; measuredOn: string; source: string; recordedBy: string }[];
  status: ProgressStatus;
  expected: number | null;
}

export interface Goal {
  id: number;
  challengeId: number | null;
  title: string;
  description: string;
  criteria: Criterion[];
}

export interface Activity {
  id: number;
  subAgreementId: number;
  title: string;
  description: string;
  targetGroup: string;
  startsOn: string | null;
  endsOn: string | null;
  status: string;
  goalIds: number[];
  parties: { id: number; kind: string; organisationId: number | null; administration: string | null; name: string; part: string }[];
}

export interface PlanDetail {
  id: number;
  name: string;
  state: PlanState;
  stateLabel: string;
  version: number;
  currentVersion: number;
  isDemo: boolean;
  sourceUrl: string | null;
  /** Danish: which facts are public (from `sourceUrl`); the rest is demo data. Empty for a real plan. */
  publicFacts: string;
  district: { id: number; name: string } | null;
  period: { id: number; code: string; name: string; startsOn: string; endsOn: string; lbfCapBp: number; localFloorBp: number };
  /**
   * R2 — the plan's dates against its funding period: `explanations` say why a plan may run past an extended period
   * (shown as a note, not flagged), `warnings` that it lies outside a period that was not extended.
   */
  periodNotes: { explanations: string[]; warnings: string[] };
  focusAreaOptions: { id: number; name: string }[];
  startsOn: string;
  endsOn: string;
  approvalChain: string;
  problemDescription: string;
  grantReference: string | null;
  grantDate: string | null;
  lead: { id: number; shortName: string };
  estates: { id: number; name: string; organisationId: number; organisationName: string; residents: number }[];
  partyOrganisations: { id: number; shortName: string }[];
  projectLeaders: { userId: number; name: string; email: string }[];
  challenges: { id: number; title: string; description: string }[];
  goals: Goal[];
  subAgreements: { id: number; focusAreaId: number; focusArea: string; summary: string; activities: Activity[] }[];
  contingency: {
    steps: string;
    policeCooperation: string;
    lastReviewed: string | null;
    reviewWarning: string | null;
    contacts: { id: number; callOrder: number; role: string; organisation: string; name: string; phone: string; email: string }[] | null;
  } | null;
  transitions: {
    fromState: string;
    toState: string;
    stepKey: string | null;
    body: string;
    decisionDate: string | null;
    caseNumber: string;
    amountOre: number | null;
    note: string;
    actorLabel: string;
    at: Date;
  }[];
  versions: { number: number; reason: string; createdAt: Date; createdBy: string }[];
}

/** The whole plan as the actor may see it (contact details only for those with a part in the plan). */
export async function getPlan(ctx: ServiceContext, id: number): Promise<PlanDetail> {
  const subject = await planSubject(ctx.db, id);
  authorize(ctx.actor, 'read', subject);
  const plan = await loadPlan(
    ctx.db,
    id,
    can(ctx.actor, 'read', { type: 'planContacts', planId: id, partyOrganisationIds: subject.partyOrganisationIds }),
    today(ctx),
  );
  // Who read the contingency plan's contact persons is logged (an audit 'read' record per contact).
  const contacts = (plan.contingency?.contacts ?? []).map((c) => ({ id: c.id, planId: id }));
  await logContactRead(ctx.db, ctx, contacts, 'Så kontaktpersonerne i beredskabsplanen');
  return plan;
}

/**
 * What reading the plan page does besides reading, for a page served from its read model (`getPlan` unchanged since):
 * whoever sees the contingency plan's contact persons is logged, one audit 'read' record per contact.
 */
export async function logPlanContactView(ctx: ServiceContext, id: number): Promise<void> {
  if (ctx.actor.kind !== 'user') return;
  const subject = await planSubject(ctx.db, id);
  authorize(ctx.actor, 'read', subject);
  if (!can(ctx.actor, 'read', { type: 'planContacts', planId: id, partyOrganisationIds: subject.partyOrganisationIds })) return;
  const contacts = await ctx.db
    .selectFrom('contingency_contact as c')
    .innerJoin('contingency_plan as p', 'p.plan_id', 'c.plan_id')
    .select('c.id')
    .where('c.plan_id', '=', id)
    .orderBy('c.call_order')
    .execute();
  await logContactRead(
    ctx.db,
    ctx,
    contacts.map((c) => ({ id: c.id, planId: id })),
    'Så kontaktpersonerne i beredskabsplanen',
  );
}

/** R2 — the period notes of a plan's page (the R5 length warning is the plan form's, not the page's). */
function periodNotes(p: {
  starts_on: string;
  ends_on: string;
  f_code: string;
  f_start: string;
  f_end: string;
  f_extended_to: string | null;
  f_extension_note: string;
}): PlanDetail['periodNotes'] {
  const r = checkPlanPeriod(
    { startsOn: p.starts_on, endsOn: p.ends_on },
    { code: p.f_code, startsOn: p.f_start, endsOn: p.f_end, extendedTo: p.f_extended_to, extensionNote: p.f_extension_note },
  );
  return {
    explanations: r.explanations.map((w) => w.message),
    warnings: r.warnings.filter((w) => w.rule === 'R2').map((w) => w.message),
  };
}

/** Loads the plan without access checks (the snapshot and exports use it after their own check). */
export async function loadPlan(db: Executor, id: number, withContacts: boolean, today: string): Promise<PlanDetail> {
  const p = await db
    .selectFrom('plan as p')
    .innerJoin('funding_period as f', 'f.id', 'p.funding_period_id')
    .innerJoin('organisation as o', 'o.id', 'p.lead_organisation_id')
    .leftJoin('district as d', 'd.id', 'p.district_id')
    .select([
      'p.id',
      'p.name',
      'p.state',
      'p.version',
      'p.current_version',
      'p.is_demo',
      'p.source_url',
      'p.public_facts',
      'p.starts_on',
      'p.ends_on',
      'p.approval_chain',
      'p.problem_description',
      'p.grant_reference',
      'p.grant_date',
      'p.district_id',
      'd.name as district_name',
      'p.lead_organisation_id',
      'o.short_name as lead_short',
      'f.id as f_id',
      'f.code as f_code',
      'f.name as f_name',
      'f.starts_on as f_start',
      'f.ends_on as f_end',
      'f.extended_to as f_extended_to',
      'f.extension_note as f_extension_note',
      'f.lbf_cap_bp',
      'f.local_floor_bp',
    ])
    .where('p.id', '=', id)
    .executeTakeFirstOrThrow();
  const [
    focusAreas,
    estates,
    leaders,
    challenges,
    goals,
    criteria,
    measurements,
    subs,
    activities,
    activityGoals,
    parties,
    contingency,
    contacts,
    transitions,
    versions,
  ] = await Promise.all([
    db.selectFrom('focus_area').select(['id', 'name']).where('funding_period_id', '=', p.f_id).orderBy('sort').execute(),
    db
      .selectFrom('plan_estate as pe')
      .innerJoin('estate as e', 'e.id', 'pe.estate_id')
      .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
      .select(['e.id', 'e.name', 'e.organisation_id as organisationId', 'o.short_name as organisationName', 'e.residents'])
      .where('pe.plan_id', '=', id)
      .orderBy('e.name')
      .execute(),
    db
      .selectFrom('role_grant as g')
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .select(['u.id as userId', 'u.name', 'u.email'])
      .where('g.plan_id', '=', id)
      .where('g.role', '=', 'project_leader')
      .orderBy('u.name')
      .execute(),
    db.selectFrom('challenge').select(['id', 'title', 'description']).where('plan_id', '=', id).orderBy('sort').orderBy('id').execute(),
    db
      .selectFrom('goal')
      .select(['id', 'challenge_id as challengeId', 'title', 'description'])
      .where('plan_id', '=', id)
      .orderBy('sort')
      .orderBy('id')
      .execute(),
    db.selectFrom('success_criterion').selectAll().where('plan_id', '=', id).orderBy('sort').orderBy('id').execute(),
    db
      .selectFrom('measurement')
      .select(['id', 'version', 'criterion_id', 'value', 'measured_on', 'source', 'recorded_by_label'])
      .where('plan_id', '=', id)
      .orderBy('measured_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('sub_agreement as s')
      .innerJoin('focus_area as f', 'f.id', 's.focus_area_id')
      .select(['s.id', 's.focus_area_id', 'f.name', 's.summary'])
      .where('s.plan_id', '=', id)
      .orderBy('f.sort')
      .execute(),
    db.selectFrom('activity').selectAll().where('plan_id', '=', id).orderBy('sort').orderBy('id').execute(),
    db
      .selectFrom('activity_goal as ag')
      .innerJoin('activity as a', 'a.id', 'ag.activity_id')
      .select(['ag.activity_id', 'ag.goal_id'])
      .where('a.plan_id', '=', id)
      .execute(),
    db
      .selectFrom('activity_party as ap')
      .innerJoin('activity as a', 'a.id', 'ap.activity_id')
      .select(['ap.id', 'ap.activity_id', 'ap.party_kind', 'ap.organisation_id', 'ap.administration', 'ap.name', 'ap.part'])
      .where('a.plan_id', '=', id)
      .orderBy('ap.id')
      .execute(),
    db.selectFrom('contingency_plan').selectAll().where('plan_id', '=', id).executeTakeFirst(),
    withContacts
      ? db.selectFrom('contingency_contact').selectAll().where('plan_id', '=', id).orderBy('call_order').execute()
      : Promise.resolve(null),
    db.selectFrom('plan_transition').selectAll().where('plan_id', '=', id).orderBy('at').orderBy('id').execute(),
    db
      .selectFrom('plan_version')
      .select(['number', 'reason', 'created_at', 'created_by_label'])
      .where('plan_id', '=', id)
      .orderBy('number')
      .execute(),
  ]);
  const byCriterion = new Map<number, typeof measurements>();
  for (const m of measurements) byCriterion.set(m.criterion_id, [...(byCriterion.get(m.criterion_id) ?? []), m]);
  const crit = criteria.map((c): Criterion => {
    const ms = (byCriterion.get(c.id) ?? []).map((m) => ({
      id: m.id,
      version: m.version,
      value: Number(m.value),
      measuredOn: m.measured_on,
      source: m.source,
      recordedBy: m.recorded_by_label,
    }));
    const c2 = {
      direction: c.direction,
      baselineValue: Number(c.baseline_value),
      baselineDate: c.baseline_date,
      targetValue: Number(c.target_value),
      targetDate: c.target_date,
    };
    const s = progressStatus(c2, ms);
    return {
      id: c.id,
      goalId: c.goal_id,
      indicatorName: c.indicator_name,
      unit: c.unit,
      ...c2,
      baselineSource: c.baseline_source,
      measurements: ms,
      status: s.status,
      expected: s.expected,
    };
  });
  const partyMap = new Map<number, string>();
  for (const e of estates) partyMap.set(e.organisationId, e.organisationName);
  return {
    id: p.id,
    name: p.name,
    state: p.state as PlanState,
    stateLabel: stateLabels[p.state as PlanState] ?? p.state,
    version: p.version,
    currentVersion: p.current_version,
    isDemo: p.is_demo,
    sourceUrl: p.source_url,
    publicFacts: p.public_facts,
    district: p.district_id ? { id: p.district_id, name: p.district_name ?? '' } : null,
    period: {
      id: p.f_id,
      code: p.f_code,
      name: p.f_name,
      startsOn: p.f_start,
      endsOn: p.f_end,
      lbfCapBp: p.lbf_cap_bp,
      localFloorBp: p.local_floor_bp,
    },
    periodNotes: periodNotes(p),
    focusAreaOptions: focusAreas,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    approvalChain: p.approval_chain,
    problemDescription: p.problem_description,
    grantReference: p.grant_reference,
    grantDate: p.grant_date,
    lead: { id: p.lead_organisation_id, shortName: p.lead_short },
    estates,
    partyOrganisations: [...partyMap.entries()]
      .map(([pid, shortName]) => ({ id: pid, shortName }))
      .sort((a, b) => a.shortName.localeCompare(b.shortName, 'da')),
    projectLeaders: leaders,
    challenges,
    goals: goals.map((g) => ({ ...g, criteria: crit.filter((c) => c.goalId === g.id) })),
    subAgreements: subs.map((s) => ({
      id: s.id,
      focusAreaId: s.focus_area_id,
      focusArea: s.name,
      summary: s.summary,
      activities: activities
        .filter((a) => a.sub_agreement_id === s.id)
        .map((a) => ({
          id: a.id,
          subAgreementId: a.sub_agreement_id,
          title: a.title,
          description: a.description,
          targetGroup: a.target_group,
          startsOn: a.starts_on,
          endsOn: a.ends_on,
          status: a.status,
          goalIds: activityGoals.filter((g) => g.activity_id === a.id).map((g) => g.goal_id),
          parties: parties
            .filter((x) => x.activity_id === a.id)
            .map((x) => ({
              id: x.id,
              kind: x.party_kind,
              organisationId: x.organisation_id,
              administration: x.administration,
              name: x.name,
              part: x.part,
            })),
        })),
    })),
    contingency: contingency
      ? {
          steps: contingency.steps,
          policeCooperation: contingency.police_cooperation,
          lastReviewed: contingency.last_reviewed,
          reviewWarning: contingencyReviewWarning(contingency.last_reviewed, today)?.message ?? null,
          contacts:
            contacts?.map((c) => ({
              id: c.id,
              callOrder: c.call_order,
              role: c.role,
              organisation: c.organisation,
              name: c.name,
              phone: c.phone,
              email: c.email,
            })) ?? null,
        }
      : null,
    transitions: transitions.map((t) => ({
      fromState: t.from_state,
      toState: t.to_state,
      stepKey: t.step_key,
      body: t.body,
      decisionDate: t.decision_date,
      caseNumber: t.case_number,
      amountOre: t.amount_ore,
      note: t.note,
      actorLabel: t.actor_label,
      at: t.at,
    })),
    versions: versions.map((v) => ({ number: v.number, reason: v.reason, createdAt: v.created_at, createdBy: v.created_by_label })),
  };
}
