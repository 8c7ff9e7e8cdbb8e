import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Trx } from '../../db/database.ts';
import { assertVersion } from '../../db/versioned.ts';
import {
  checkTransition,
  isFrozen,
  type PlanAction,
  type PlanFacts,
  type PlanState,
  stateLabels,
  targetState,
  type TransitionInput,
} from '../../domain/plan-lifecycle.ts';
import { checkPlanPeriod, estateOverlaps, leadIsParty } from '../../domain/plan-rules.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../errors.ts';
import { actorLabel, actorUserId, authorize } from '../../policy/index.ts';
import { inTransaction, today, type ServiceContext, type ServiceHooks } from '../context.ts';
import { partyOrganisationIds } from './access.ts';
import { loadPlan } from './read.ts';
import { whoDecides } from '../governance/competence.ts';
import { planFinance } from '../money/finance.ts';
import { freezeSnapshot } from './snapshot.ts';

export interface PlanInput {
  name: string;
  districtId: number | null;
  fundingPeriodId: number;
  startsOn: string;
  endsOn: string;
  leadOrganisationId: number;
  estateIds: number[];
  approvalChain: 'council' | 'committee_and_council';
  problemDescription: string;
}

/** R2, R5, R11 — the plan frame: dates, estates (no overlapping plans), lead organisation among the parties. */
async function validateFrame(trx: Trx, input: PlanInput, planId: number | null): Promise<string[]> {
  const errors: Record<string, string> = {};
  const period = await trx
    .selectFrom('funding_period')
    .select(['code', 'starts_on', 'ends_on', 'extended_to', 'extension_note'])
    .where('id', '=', input.fundingPeriodId)
    .executeTakeFirst();
  if (!period) throw new Invalid({ fundingPeriodId: 'Vælg en bevillingsperiode.' });
  const frame = checkPlanPeriod(input, {
    code: period.code,
    startsOn: period.starts_on,
    endsOn: period.ends_on,
    extendedTo: period.extended_to,
    extensionNote: period.extension_note,
  });
  for (const e of frame.errors) errors[e.field ?? 'endsOn'] = e.message;
  if (input.estateIds.length === 0) errors.estateIds = 'Vælg mindst én boligafdeling.';
  const estates = input.estateIds.length
    ? await trx.selectFrom('estate').select(['id', 'name', 'organisation_id']).where('id', 'in', input.estateIds).execute()
    : [];
  if (estates.length !== input.estateIds.length) errors.estateIds = 'En eller flere afdelinger findes ikke.';
  // Every overlapping estate in one answer (R2), not one per submit.
  const clashes: string[] = [];
  for (const e of estates) {
    const others = await trx
      .selectFrom('plan_estate as pe')
      .innerJoin('plan as p', 'p.id', 'pe.plan_id')
      .select(['p.name', 'p.starts_on as startsOn', 'p.ends_on as endsOn'])
      .where('pe.estate_id', '=', e.id)
      .where('p.state', 'not in', ['rejected', 'withdrawn'])
      .$if(planId !== null, (q) => q.where('p.id', '<>', planId!))
      .execute();
    clashes.push(...estateOverlaps(input, e.name, others).map((w) => w.message));
  }
  if (clashes.length) errors.estateIds = [errors.estateIds, ...clashes].filter(Boolean).join(' ');
  const lead = leadIsParty(input.leadOrganisationId, [...new Set(estates.map((e) => e.organisation_id))])[0];
  if (lead && estates.length) errors.leadOrganisationId = lead.message;
  if (Object.keys(errors).length) throw new Invalid(errors);
  return frame.warnings.map((w) => w.message);
}

const planRow = (i: PlanInput) => ({
  name: i.name,
  district_id: i.districtId,
  funding_period_id: i.fundingPeriodId,
  starts_on: i.startsOn,
  ends_on: i.endsOn,
  lead_organisation_id: i.leadOrganisationId,
  approval_chain: i.approvalChain,
  problem_description: i.problemDescription,
});

async function setEstates(trx: Trx, planId: number, estateIds: number[]) {
  await trx.deleteFrom('plan_estate').where('plan_id', '=', planId).execute();
  if (estateIds.length)
    await trx
      .insertInto('plan_estate')
      .values(estateIds.map((estate_id) => ({ plan_id: planId, estate_id })))
      .execute();
}

/** R5 — a housing organisation starts a plan as a draft; returns the id and the frame's warnings. */
export async function createPlan(ctx: ServiceContext, input: PlanInput): Promise<{ id: number; warnings: string[] }> {
  return inTransaction(ctx, async (trx) => {
    const owners = input.estateIds.length
      ? (await trx.selectFrom('estate').select('organisation_id').distinct().where('id', 'in', input.estateIds).execute()).map(
          (r) => r.organisation_id,
        )
      : [input.leadOrganisationId];
    authorize(ctx.actor, 'create', { type: 'plan', state: 'draft', partyOrganisationIds: [input.leadOrganisationId, ...owners] });
    const warnings = await validateFrame(trx, input, null);
    const row = await trx.insertInto('plan').values(planRow(input)).returning(['id', 'version']).executeTakeFirstOrThrow();
    await setEstates(trx, row.id, input.estateIds);
    await trx.insertInto('strategic_agreement').values({ plan_id: row.id }).execute();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'plan',
      entityId: row.id,
      planId: row.id,
      version: row.version,
      summary: `Oprettede planen ${input.name}`,
      after: planRow(input),
    });
    return { id: row.id, warnings };
  });
}

/**
 * Runs an edit of a plan's content under the plan's version: authorize `update` (only until the
 * municipal approval freezes it), refuse a stale version, bump the version, audit — one transaction.
 */
/** What an edit of a plan's content wrote, part by part: each is audited with its before and after. */
export type NotePart = (
  entityType: string,
  id: number,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) => void;

export async function editPlan<T>(
  ctx: ServiceContext,
  planId: number,
  expectedVersion: number,
  summary: string,
  fn: (trx: Trx, note: NotePart) => Promise<T>,
  action = 'update',
): Promise<T> {
  return writePlan(
    ctx,
    planId,
    expectedVersion,
    summary,
    (current, subject) => {
      if (action === 'update' && isFrozen(current.state as PlanState)) {
        throw new Forbidden(
          `Planen er godkendt og låst (version ${current.current_version}). Indholdet kan kun ændres gennem en ændringsanmodning.`,
        );
      }
      authorize(ctx.actor, action, subject);
    },
    fn,
    action,
  );
}

/**
 * R3 — a write to the contingency plan's call list: personal data that those with a part in the plan keep current
 * directly, also on an approved or active plan (no change request); under the plan's version, audited part by part.
 */
export async function editCallList<T>(
  ctx: ServiceContext,
  planId: number,
  expectedVersion: number,
  summary: string,
  fn: (trx: Trx, note: NotePart) => Promise<T>,
): Promise<T> {
  return writePlan(
    ctx,
    planId,
    expectedVersion,
    summary,
    (current, subject) =>
      authorize(ctx.actor, 'update', {
        type: 'planContacts',
        planId,
        state: current.state,
        partyOrganisationIds: subject.partyOrganisationIds,
      }),
    fn,
    'update',
  );
}

type PlanRow = { id: number; version: number; state: string; current_version: number };

/** The parts of a plan's content audited beside the plan (`NotePart`). */
const partTypes = ['challenge', 'goal', 'success_criterion', 'sub_agreement', 'activity', 'contingency_plan', 'contingency_contact'];

/**
 * Refuses a write under a stale plan version with what changed since: the plan's own fields and the parts written in
 * the same transactions (same audit time), named `part.field` (e.g. `goal.title`).
 */
async function assertPlanVersion(trx: Trx, current: PlanRow, expected: number): Promise<void> {
  if (current.version === expected) return;
  const plans = await trx
    .selectFrom('audit_log')
    .select(['at', 'actor_label', 'changes'])
    .where('entity_type', '=', 'plan')
    .where('entity_id', '=', String(current.id))
    .where('entity_version', '>', expected)
    .orderBy('at')
    .execute();
  const parts = plans.length
    ? await trx
        .selectFrom('audit_log')
        .select(['at', 'actor_label', 'changes', 'entity_type'])
        .where('plan_id', '=', current.id)
        .where('entity_type', 'in', partTypes)
        // In SQL: a timestamp keeps microseconds that a JavaScript Date would lose.
        .where(
          'at',
          'in',
          trx
            .selectFrom('audit_log as p')
            .select('p.at')
            .where('p.entity_type', '=', 'plan')
            .where('p.entity_id', '=', String(current.id))
            .where('p.entity_version', '>', expected),
        )
        .orderBy('at')
        .orderBy('id')
        .execute()
    : [];
  const changes = [
    ...plans.flatMap((e) => e.changes.map((c) => ({ field: c.field, theirs: c.after, before: c.before, by: e.actor_label, at: e.at }))),
    ...parts.flatMap((e) =>
      e.changes.map((c) => ({ field: `${e.entity_type}.${c.field}`, theirs: c.after, before: c.before, by: e.actor_label, at: e.at })),
    ),
  ];
  throw new Conflict(current, changes);
}
type PlanSubjectOf = { type: 'plan'; id: number; state: string; partyOrganisationIds: number[] };

/** The one shape of a write under the plan's version: lock, check (authorize), refuse a stale version, write, bump, audit. */
async function writePlan<T>(
  ctx: ServiceContext,
  planId: number,
  expectedVersion: number,
  summary: string,
  check: (current: PlanRow, subject: PlanSubjectOf) => void,
  fn: (trx: Trx, note: NotePart) => Promise<T>,
  action: string,
): Promise<T> {
  return inTransaction(ctx, async (trx) => {
    const current = await trx.selectFrom('plan').selectAll().where('id', '=', planId).forUpdate().executeTakeFirst();
    if (!current) throw new NotFound('Planen findes ikke.');
    const subject = {
      type: 'plan' as const,
      id: planId,
      state: current.state,
      partyOrganisationIds: await partyOrganisationIds(trx, planId),
    };
    check(current, subject);
    await assertPlanVersion(trx, current, expectedVersion);
    const parts: Parameters<NotePart>[] = [];
    const result = await fn(trx, (...p) => parts.push(p));
    const after = await trx
      .updateTable('plan')
      .set({ version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', planId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action,
      entityType: 'plan',
      entityId: planId,
      planId,
      version: after.version,
      summary,
      before: current,
      after,
    });
    // The content itself: every part written, with what it was and what it became (removals keep what was removed).
    for (const [entityType, id, before, afterPart] of parts) {
      await recordAudit(trx, ctx.actor, {
        action: before && afterPart ? 'update' : before ? 'delete' : 'create',
        entityType,
        entityId: id,
        planId,
        summary,
        before,
        after: afterPart,
      });
    }
    return result;
  });
}

export async function updatePlan(ctx: ServiceContext, id: number, version: number, input: PlanInput): Promise<string[]> {
  return editPlan(ctx, id, version, `Rettede planens stamdata`, async (trx) => {
    const warnings = await validateFrame(trx, input, id);
    await trx.updateTable('plan').set(planRow(input)).where('id', '=', id).execute();
    await setEstates(trx, id, input.estateIds);
    return warnings;
  });
}

/** The facts the life-cycle rules need, read inside the transaction. */
async function factsOf(
  trx: Trx,
  planId: number,
  hooks: ServiceHooks | undefined,
  on: string | undefined,
  todayIs: string,
): Promise<PlanFacts & { name: string }> {
  const p = await loadPlan(trx, planId, true, '9999-12-31');
  // R1, R5 — the budget as it stands: the Council approves it with the co-financing; no grant or start without it.
  const finance = await planFinance(trx, planId, todayIs);
  const budget = finance.hasBudget
    ? {
        frameOre: finance.frameOre,
        municipalOre: finance.funders.filter((f) => f.kind === 'municipality').reduce((s, f) => s + f.amountOre, 0),
        breaches: finance.violations.map((v) => v.message),
      }
    : null;
  // R5 — the dated decisions so far, keyed by their place in the chain.
  const decisions = p.transitions.flatMap((t) => {
    if (!t.decisionDate || t.toState === 'rejected') return [];
    const key = t.stepKey ?? (t.toState === 'prequalified' ? 'prequalification' : t.toState === 'granted' ? 'grant' : null);
    return key ? [{ key, date: t.decisionDate }] : [];
  });
  const responsibleBoard = await responsibleBoardOf(trx, planId, on);
  const recorded = p.transitions.filter((t) => t.stepKey && t.toState !== 'rejected').map((t) => t.stepKey!);
  // Steps other areas add to the chain (R17), with those already done elsewhere (a contract approved with another plan).
  const extra = await Promise.all((hooks?.approvalSteps ?? []).map((s) => s.steps(trx, planId)));
  for (const e of extra) recorded.push(...e.done.filter((k) => !recorded.includes(k)));
  return {
    name: p.name,
    state: p.state,
    approvalChain: p.approvalChain,
    estateCount: p.estates.length,
    problemDescription: p.problemDescription,
    goalCount: p.goals.length,
    goalsWithoutCriteria: p.goals.filter((g) => g.criteria.length === 0).map((g) => g.title),
    chosenFocusAreas: p.subAgreements.map((s) => s.focusArea),
    subAgreementsWithoutActivities: p.subAgreements.filter((s) => s.activities.length === 0).map((s) => s.focusArea),
    hasContingencyPlan: !!p.contingency && p.contingency.steps.trim().length > 0,
    contingencyContacts: p.contingency?.contacts?.length ?? 0,
    recordedSteps: recorded,
    extraSteps: extra.flatMap((e) => e.steps),
    responsibleBoard,
    grantReference: p.grantReference,
    grantDate: p.grantDate,
    budget,
    decisions,
    today: todayIs,
  };
}

/**
 * R2 — whether the plan's funding period requires a responsible board, and the board that answers for the plan on
 * the day (the district board, or the city board after a transfer) with its number of chairs.
 */
async function responsibleBoardOf(trx: Trx, planId: number, on?: string): Promise<NonNullable<PlanFacts['responsibleBoard']>> {
  const period = await trx
    .selectFrom('plan as p')
    .innerJoin('funding_period as f', 'f.id', 'p.funding_period_id')
    .select(['f.code', 'f.requires_board'])
    .where('p.id', '=', planId)
    .executeTakeFirstOrThrow();
  if (!period.requires_board) return { required: false, periodCode: period.code, board: null };
  try {
    const d = await whoDecides(trx, planId, on);
    const chairs = [...d.voters, ...d.others].filter((m) => m.role === 'chair').length;
    return { required: true, periodCode: period.code, board: { name: d.body.name, chairs } };
  } catch (err) {
    if (err instanceof Invalid) return { required: true, periodCode: period.code, board: null };
    throw err;
  }
}

/** R5 — the life-cycle preconditions of every action for the plan page, without changing anything. */
export async function transitionChecks(ctx: ServiceContext, planId: number) {
  return ctx.db.transaction().execute(async (trx) => factsOf(trx, planId, ctx.hooks, today(ctx), today(ctx)));
}

/**
 * R5 — moves a plan one step: checks the preconditions, records who/when/decision, and freezes version 1
 * when the municipal approval chain is complete.
 */
export async function transitionPlan(
  ctx: ServiceContext,
  planId: number,
  expectedVersion: number,
  action: PlanAction,
  input: TransitionInput,
): Promise<PlanState> {
  return inTransaction(ctx, async (trx) => {
    const current = await trx.selectFrom('plan').selectAll().where('id', '=', planId).forUpdate().executeTakeFirst();
    if (!current) throw new NotFound('Planen findes ikke.');
    authorize(ctx.actor, action, {
      type: 'plan',
      id: planId,
      state: current.state,
      partyOrganisationIds: await partyOrganisationIds(trx, planId),
    });
    await assertVersion(trx, current as never, expectedVersion, 'plan');
    const facts = await factsOf(trx, planId, ctx.hooks, input.decisionDate ?? today(ctx), today(ctx));
    const check = checkTransition(facts, action, input);
    if (!check.ok) {
      // Every unmet precondition at once; several on one field are joined.
      const fields: Record<string, string> = {};
      for (const v of check.violations) {
        const k = v.field ?? `rule_${v.code}`;
        fields[k] = fields[k] ? `${fields[k]} ${v.message}` : v.message;
      }
      throw new Invalid(fields, 'Handlingen kan ikke gennemføres endnu.');
    }
    const to = targetState(facts, action, input);
    const grant = action === 'recordGrant' ? { grant_reference: input.caseNumber ?? null, grant_date: input.decisionDate ?? null } : {};
    const step = action === 'recordApprovalStep' ? (input.stepKey ?? null) : null;
    await trx
      .insertInto('plan_transition')
      .values({
        plan_id: planId,
        from_state: current.state,
        to_state: to,
        step_key: step,
        body: action === 'recordApprovalStep' ? ((input as { body?: string }).body ?? '') : '',
        decision_date: input.decisionDate ?? null,
        case_number: input.caseNumber ?? '',
        amount_ore: input.amountOre ?? null,
        note: input.note ?? '',
        actor_user_id: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        actor_label: actorLabel(ctx.actor),
      })
      .execute();
    if (step) for (const source of ctx.hooks.approvalSteps ?? []) await source.recorded(trx, ctx, planId, step, input);
    let currentVersion = current.current_version;
    if (to === 'municipal_approval' && current.current_version === 0) {
      const snapshot = await freezeSnapshot(trx, ctx.hooks, planId, today(ctx));
      await trx
        .insertInto('plan_version')
        .values({
          plan_id: planId,
          number: 1,
          snapshot: JSON.stringify(snapshot),
          reason: 'Godkendt af kommunen',
          created_by_label: actorLabel(ctx.actor),
          created_by_user_id: actorUserId(ctx.actor),
        })
        .execute();
      currentVersion = 1;
    }
    const after = await trx
      .updateTable('plan')
      .set({ state: to, ...grant, current_version: currentVersion, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', planId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action,
      entityType: 'plan',
      entityId: planId,
      planId,
      version: after.version,
      summary: `${stateLabels[current.state as PlanState]} → ${stateLabels[to]}${step ? ` (${step})` : ''}`,
      before: current,
      after,
    });
    return to;
  });
}
