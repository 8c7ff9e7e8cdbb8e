import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Executor, Trx } from '../../db/database.ts';
import { assertVersion } from '../../db/versioned.ts';
import {
  type ContractGoal,
  type ContractRole,
  type ContractSnapshot,
  type ContractStatus,
  contractApprovalStep,
  contractStatusLabels,
  contractStepKey,
  contractThemes,
  diffContract,
  parseRoles,
  revisionViolations,
} from '../../domain/cooperation/index.ts';
import { copenhagenParts } from '../../domain/governance/time.ts';
import type { TransitionInput } from '../../domain/plan-lifecycle.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { actorLabel, actorUserId, administrations, authorize, can } from '../../policy/index.ts';
import { partyOrganisationIds } from '../plans/access.ts';
import { type ApprovalStepSource, inTransaction, type ServiceContext } from '../context.ts';

/** The urban-area names a plan lies in: the current areas' group ("Nørrebro") and the 2011 policy's area names. */
async function planAreaNames(db: Executor, planId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('plan_estate as pe')
    .innerJoin('estate as e', 'e.id', 'pe.estate_id')
    .innerJoin('urban_area as u', 'u.id', 'e.urban_area_id')
    .select(['u.name', 'u.area_group'])
    .where('pe.plan_id', '=', planId)
    .execute();
  return [...new Set(rows.flatMap((r) => [r.name, r.area_group ?? '']).filter(Boolean))];
}

/** R17 — the cooperation contract of the vulnerable urban area a plan lies in, if any. */
export async function contractOfPlan(db: Executor, planId: number) {
  const names = await planAreaNames(db, planId);
  if (!names.length) return null;
  return (await db.selectFrom('cooperation_contract').selectAll().where('area_name', 'in', names).orderBy('id').executeTakeFirst()) ?? null;
}

/** R17 — the plans that lie in a contract's area (by their estates' urban areas). */
async function plansInArea(db: Executor, areaName: string) {
  return db
    .selectFrom('plan as p')
    .select(['p.id', 'p.name', 'p.state', 'p.starts_on', 'p.ends_on'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('plan_estate as pe')
          .innerJoin('estate as e', 'e.id', 'pe.estate_id')
          .innerJoin('urban_area as u', 'u.id', 'e.urban_area_id')
          .select('pe.plan_id')
          .whereRef('pe.plan_id', '=', 'p.id')
          .where((w) => w.or([w('u.area_group', '=', areaName), w('u.name', '=', areaName)])),
      ),
    )
    .orderBy('p.starts_on')
    .orderBy('p.id')
    .execute();
}

const rolesOf = (x: unknown): ContractRole[] =>
  Array.isArray(x) ? (x as ContractRole[]) : typeof x === 'string' ? (JSON.parse(x) as ContractRole[]) : [];

async function goalsOf(db: Executor, contractId: number): Promise<ContractGoal[]> {
  const rows = await db
    .selectFrom('cooperation_goal')
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const order = (t: string) => {
    const i = (contractThemes as readonly string[]).indexOf(t);
    return i < 0 ? 99 : i;
  };
  return rows
    .map((g) => ({
      id: g.id,
      theme: g.theme,
      title: g.title,
      description: g.description,
      successCriteria: g.success_criteria,
      roles: rolesOf(g.roles),
      sort: g.sort,
    }))
    .sort((a, b) => order(a.theme) - order(b.theme) || a.sort - b.sort || a.id - b.id)
    .map(({ sort: _s, ...g }) => g);
}

async function snapshotOf(db: Executor, contractId: number): Promise<ContractSnapshot> {
  const c = await db.selectFrom('cooperation_contract').select('title').where('id', '=', contractId).executeTakeFirstOrThrow();
  return { title: c.title, goals: await goalsOf(db, contractId) };
}

const subjectOf = (c: { id: number; status: string; body_id: number | null }) => ({
  type: 'cooperationContract' as const,
  id: c.id,
  status: c.status,
  bodyId: c.body_id,
});

export interface ContractSummary {
  id: number;
  areaName: string;
  title: string;
  status: ContractStatus;
  statusLabel: string;
  bodyId: number | null;
  bodyName: string | null;
  approvedOn: string | null;
  currentVersion: number;
  goalCount: number;
  isDemo: boolean;
}

/** R17 — the contracts the actor may read, one per vulnerable urban area. */
export async function listContracts(ctx: ServiceContext): Promise<ContractSummary[]> {
  authorize(ctx.actor, 'list', { type: 'cooperationContract' });
  const rows = await ctx.db
    .selectFrom('cooperation_contract as c')
    .leftJoin('body as b', 'b.id', 'c.body_id')
    .select((eb) => [
      'c.id',
      'c.area_name',
      'c.title',
      'c.status',
      'c.body_id',
      'b.name as body_name',
      'c.approved_on',
      'c.current_version',
      'c.is_demo',
      eb
        .selectFrom('cooperation_goal as g')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('g.contract_id', '=', 'c.id')
        .as('goal_count'),
    ])
    .orderBy('c.area_name')
    .execute();
  return rows
    .filter((r) => can(ctx.actor, 'read', subjectOf(r)))
    .map((r) => ({
      id: r.id,
      areaName: r.area_name,
      title: r.title,
      status: r.status as ContractStatus,
      statusLabel: contractStatusLabels[r.status as ContractStatus],
      bodyId: r.body_id,
      bodyName: r.body_name,
      approvedOn: r.approved_on,
      currentVersion: r.current_version,
      goalCount: Number(r.goal_count ?? 0),
      isDemo: r.is_demo,
    }));
}

export interface ContractVersionView {
  number: number;
  kind: 'approval' | 'revision';
  decidedOn: string;
  reference: string;
  note: string;
  meeting: { id: number; startsAt: Date; bodyName: string } | null;
  createdBy: string;
  diff: ReturnType<typeof diffContract>;
}

export interface ContractView extends ContractSummary {
  version: number;
  approvalReference: string;
  approvedWithPlan: { id: number; name: string } | null;
  source: string;
  goals: (ContractGoal & { activities: { id: number; title: string; status: string; planId: number; planName: string }[] })[];
  versions: ContractVersionView[];
  plans: { id: number; name: string; state: string }[];
  abilities: { revise: boolean; linkPlanIds: number[] };
}

/** R17 — one contract: goals by theme with roles and success criteria, the plan activities behind each goal, its versions. */
export async function getContract(ctx: ServiceContext, id: number): Promise<ContractView> {
  const c = await ctx.db
    .selectFrom('cooperation_contract as c')
    .leftJoin('body as b', 'b.id', 'c.body_id')
    .leftJoin('plan as p', 'p.id', 'c.approved_with_plan_id')
    .selectAll('c')
    .select(['b.name as body_name', 'p.name as plan_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!c) throw new NotFound('Kontrakten findes ikke.');
  authorize(ctx.actor, 'read', subjectOf(c));
  const [goals, links, versions, plans] = await Promise.all([
    goalsOf(ctx.db, id),
    ctx.db
      .selectFrom('activity_contract_goal as l')
      .innerJoin('cooperation_goal as g', 'g.id', 'l.goal_id')
      .innerJoin('activity as a', 'a.id', 'l.activity_id')
      .innerJoin('plan as p', 'p.id', 'a.plan_id')
      .select(['l.goal_id', 'a.id', 'a.title', 'a.status', 'p.id as plan_id', 'p.name as plan_name'])
      .where('g.contract_id', '=', id)
      .orderBy('p.name')
      .orderBy('a.sort')
      .execute(),
    ctx.db
      .selectFrom('cooperation_contract_version as v')
      .leftJoin('meeting as m', 'm.id', 'v.meeting_id')
      .leftJoin('body as b', 'b.id', 'm.body_id')
      .select([
        'v.number',
        'v.kind',
        'v.decided_on',
        'v.reference',
        'v.note',
        'v.diff',
        'v.created_by_label',
        'v.meeting_id',
        'm.starts_at',
        'b.name as meeting_body',
      ])
      .where('v.contract_id', '=', id)
      .orderBy('v.number', 'desc')
      .execute(),
    plansInArea(ctx.db, c.area_name),
  ]);
  const plansIds = await Promise.all(plans.map(async (p) => ({ id: p.id, parties: await partyOrganisationIds(ctx.db, p.id) })));
  const linkPlanIds = plansIds
    .filter((p) => can(ctx.actor, 'create', { type: 'contractGoalLink', planId: p.id, partyOrganisationIds: p.parties }))
    .map((p) => p.id);
  return {
    id: c.id,
    areaName: c.area_name,
    title: c.title,
    status: c.status as ContractStatus,
    statusLabel: contractStatusLabels[c.status as ContractStatus],
    bodyId: c.body_id,
    bodyName: c.body_name,
    approvedOn: c.approved_on,
    currentVersion: c.current_version,
    goalCount: goals.length,
    isDemo: c.is_demo,
    version: c.version,
    approvalReference: c.approval_reference,
    approvedWithPlan: c.approved_with_plan_id && c.plan_name ? { id: c.approved_with_plan_id, name: c.plan_name } : null,
    source: c.source,
    goals: goals.map((g) => ({
      ...g,
      activities: links
        .filter((l) => l.goal_id === g.id)
        .map((l) => ({ id: l.id, title: l.title, status: l.status, planId: l.plan_id, planName: l.plan_name })),
    })),
    versions: versions.map((v) => ({
      number: v.number,
      kind: v.kind,
      decidedOn: v.decided_on,
      reference: v.reference,
      note: v.note,
      meeting: v.meeting_id && v.starts_at ? { id: v.meeting_id, startsAt: v.starts_at, bodyName: v.meeting_body ?? '' } : null,
      createdBy: v.created_by_label,
      diff: (typeof v.diff === 'string' ? JSON.parse(v.diff) : v.diff) as ReturnType<typeof diffContract>,
    })),
    plans: plans.map((p) => ({ id: p.id, name: p.name, state: p.state })),
    abilities: { revise: can(ctx.actor, 'revise', subjectOf(c)), linkPlanIds },
  };
}

/** The meetings of the contract's forum/board (not cancelled), newest first: where a revision can be decided. */
export async function contractMeetings(ctx: ServiceContext, id: number) {
  const c = await ctx.db.selectFrom('cooperation_contract').select(['body_id']).where('id', '=', id).executeTakeFirst();
  if (!c?.body_id) return [];
  return ctx.db
    .selectFrom('meeting')
    .select(['id', 'starts_at', 'place', 'state'])
    .where('body_id', '=', c.body_id)
    .where('state', '!=', 'cancelled')
    .orderBy('starts_at', 'desc')
    .limit(50)
    .execute();
}

/** The activities of the area's plans that the actor may link to a goal. */
export async function linkableActivities(ctx: ServiceContext, contractId: number, planIds: number[]) {
  if (!planIds.length) return [];
  void contractId;
  return ctx.db
    .selectFrom('activity as a')
    .innerJoin('plan as p', 'p.id', 'a.plan_id')
    .select(['a.id', 'a.title', 'p.name as plan_name'])
    .where('a.plan_id', 'in', planIds)
    .orderBy('p.name')
    .orderBy('a.sort')
    .execute();
}

export interface CreateContractInput {
  areaName: string;
  bodyId: number | null;
  title: string;
  source: string;
}

/** The vulnerable urban areas a contract can be made for (current area groups and the 2011 policy's areas). */
export async function contractAreas(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('urban_area').select(['name', 'area_group', 'valid_to']).execute();
  return [...new Set(rows.map((r) => (r.valid_to === null ? (r.area_group ?? r.name) : r.name)))].sort((a, b) => a.localeCompare(b, 'da'));
}

/** R17 — a draft contract for a vulnerable urban area, written in working groups under the area's forum/board. */
export async function createContract(ctx: ServiceContext, input: CreateContractInput): Promise<number> {
  authorize(ctx.actor, 'create', { type: 'cooperationContract' });
  return inTransaction(ctx, async (trx) => {
    if (!(await contractAreas(trx)).includes(input.areaName)) throw new Invalid({ areaName: 'Vælg et udsat byområde.' });
    const exists = await trx.selectFrom('cooperation_contract').select('id').where('area_name', '=', input.areaName).executeTakeFirst();
    if (exists) throw new Invalid({ areaName: `${input.areaName} har allerede en kontrakt om boligsocialt samarbejde.` });
    if (input.bodyId !== null) {
      const b = await trx.selectFrom('body').select(['type']).where('id', '=', input.bodyId).executeTakeFirst();
      if (!b || !['forum', 'district_board'].includes(b.type))
        throw new Invalid({ bodyId: 'Vælg områdets boligsociale forum eller bydelsbestyrelse.' });
    }
    const row = await trx
      .insertInto('cooperation_contract')
      .values({
        area_name: input.areaName,
        body_id: input.bodyId,
        title: input.title,
        source: input.source,
        approved_on: null,
        approved_with_plan_id: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'cooperation_contract',
      entityId: row.id,
      version: row.version,
      summary: `Oprettede ${row.title}`,
      after: { area_name: row.area_name, body_id: row.body_id, title: row.title, status: row.status },
    });
    return row.id;
  });
}

export interface GoalInput {
  theme: string;
  title: string;
  description: string;
  successCriteria: string;
  roles: string;
  /** The forum/board meeting that decided a revision (an approved contract). */
  meetingId: number | null;
  note: string;
}

/**
 * R17 — writes a goal (new when `goalId` is null). A draft is edited by its working groups; an approved contract is
 * revised by its forum/board at a meeting without a new political approval: the revision becomes the next version,
 * with the snapshot, the diff against the previous version and the meeting that decided it.
 */
export async function saveGoal(
  ctx: ServiceContext,
  contractId: number,
  expectedVersion: number,
  goalId: number | null,
  input: GoalInput,
): Promise<{ version: number; contractVersion: number; goalId: number }> {
  return inTransaction(ctx, async (trx) => {
    const c = await trx.selectFrom('cooperation_contract').selectAll().where('id', '=', contractId).forUpdate().executeTakeFirst();
    if (!c) throw new NotFound('Kontrakten findes ikke.');
    authorize(ctx.actor, 'revise', subjectOf(c));
    await assertVersion(trx, c, expectedVersion, 'cooperation_contract');
    if (!(contractThemes as readonly string[]).includes(input.theme)) throw new Invalid({ theme: 'Vælg et af kontraktens temaer.' });
    const parsed = parseRoles(input.roles, administrations);
    if (parsed.errors.length) throw new Invalid({ roles: parsed.errors[0]! });
    const before = await snapshotOf(trx, contractId);
    const old = goalId === null ? null : before.goals.find((g) => g.id === goalId);
    if (goalId !== null && !old) throw new NotFound('Målet findes ikke i kontrakten.');
    const meeting =
      input.meetingId === null
        ? null
        : await trx.selectFrom('meeting').select(['body_id', 'state', 'starts_at']).where('id', '=', input.meetingId).executeTakeFirst();
    if (input.meetingId !== null && !meeting) throw new Invalid({ meetingId: 'Mødet findes ikke.' });
    const values = {
      theme: input.theme,
      title: input.title.trim(),
      description: input.description.trim(),
      success_criteria: input.successCriteria.trim(),
      roles: JSON.stringify(parsed.roles),
    };
    const next: ContractGoal = {
      id: goalId ?? -1,
      theme: values.theme,
      title: values.title,
      description: values.description,
      successCriteria: values.success_criteria,
      roles: parsed.roles,
    };
    const changed = !old || JSON.stringify({ ...old }) !== JSON.stringify(next);
    const violations = revisionViolations({
      status: c.status as ContractStatus,
      contractBodyId: c.body_id,
      meeting: meeting ? { bodyId: meeting.body_id, state: meeting.state, date: copenhagenParts(meeting.starts_at).date } : null,
      approvedOn: c.approved_on,
      changed,
    });
    if (Object.keys(violations).length) throw new Invalid(violations, violations._form);
    let id = goalId;
    if (id === null) {
      const sort = await trx
        .selectFrom('cooperation_goal')
        .select((eb) => eb.fn.max('sort').as('m'))
        .where('contract_id', '=', contractId)
        .executeTakeFirst();
      id = (
        await trx
          .insertInto('cooperation_goal')
          .values({ contract_id: contractId, ...values, sort: Number(sort?.m ?? 0) + 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      await trx
        .updateTable('cooperation_goal')
        .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    }
    const after = await snapshotOf(trx, contractId);
    let contractVersion = c.current_version;
    if (c.status === 'approved') {
      contractVersion = c.current_version + 1;
      await trx
        .insertInto('cooperation_contract_version')
        .values({
          contract_id: contractId,
          number: contractVersion,
          snapshot: JSON.stringify(after),
          diff: JSON.stringify(diffContract(await versionSnapshot(trx, contractId, c.current_version), after)),
          kind: 'revision',
          decided_on: copenhagenParts(meeting!.starts_at).date,
          meeting_id: input.meetingId,
          note: input.note.trim(),
          created_by_label: actorLabel(ctx.actor),
          created_by_user_id: actorUserId(ctx.actor),
        })
        .execute();
    }
    const updated = await trx
      .updateTable('cooperation_contract')
      .set({ current_version: contractVersion, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', contractId)
      .returning('version')
      .executeTakeFirstOrThrow();
    const goalBefore = old
      ? { theme: old.theme, title: old.title, description: old.description, success_criteria: old.successCriteria, roles: old.roles }
      : null;
    await recordAudit(trx, ctx.actor, {
      action: c.status === 'approved' ? 'revise' : goalId === null ? 'create' : 'update',
      entityType: 'cooperation_contract',
      entityId: contractId,
      version: updated.version,
      summary:
        c.status === 'approved'
          ? `${c.title}: version ${contractVersion} besluttet på mødet`
          : `${c.title}: ${goalId === null ? 'nyt mål' : 'rettede målet'} «${values.title}»`,
      before: { goal: goalBefore, current_version: c.current_version },
      after: { goal: { ...values, roles: parsed.roles }, current_version: contractVersion, meeting_id: input.meetingId },
    });
    return { version: updated.version, contractVersion, goalId: id };
  });
}

async function versionSnapshot(db: Executor, contractId: number, number: number): Promise<ContractSnapshot | null> {
  const v = await db
    .selectFrom('cooperation_contract_version')
    .select('snapshot')
    .where('contract_id', '=', contractId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!v) return null;
  return (typeof v.snapshot === 'string' ? JSON.parse(v.snapshot) : v.snapshot) as ContractSnapshot;
}

/**
 * R17 — the political approval of a draft contract together with a plan of its area (a step of the plan's approval
 * chain): version 1, frozen with its decision date and reference. Runs in the plan's transaction.
 */
export async function approveWithPlan(
  trx: Trx,
  ctx: ServiceContext,
  contractId: number,
  planId: number | null,
  input: { decisionDate: string; reference: string },
): Promise<void> {
  const c = await trx.selectFrom('cooperation_contract').selectAll().where('id', '=', contractId).forUpdate().executeTakeFirst();
  if (!c) throw new NotFound('Kontrakten findes ikke.');
  if (c.status !== 'draft') return;
  const snapshot = await snapshotOf(trx, contractId);
  if (!snapshot.goals.length)
    throw new Invalid({ stepKey: `Kontrakten om boligsocialt samarbejde for ${c.area_name} har endnu ingen mål og kan ikke godkendes.` });
  await trx
    .insertInto('cooperation_contract_version')
    .values({
      contract_id: contractId,
      number: 1,
      snapshot: JSON.stringify(snapshot),
      diff: JSON.stringify(diffContract(null, snapshot)),
      kind: 'approval',
      decided_on: input.decisionDate,
      meeting_id: null,
      reference: input.reference,
      created_by_label: actorLabel(ctx.actor),
      created_by_user_id: actorUserId(ctx.actor),
    })
    .execute();
  const after = await trx
    .updateTable('cooperation_contract')
    .set({
      status: 'approved',
      approved_on: input.decisionDate,
      approval_reference: input.reference,
      approved_with_plan_id: planId,
      current_version: 1,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', contractId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx.actor, {
    action: 'approve',
    entityType: 'cooperation_contract',
    entityId: contractId,
    version: after.version,
    planId,
    summary: `${c.title}: politisk godkendt sammen med planen`,
    before: { status: c.status, approved_on: c.approved_on, approval_reference: c.approval_reference },
    after: {
      status: after.status,
      approved_on: after.approved_on,
      approval_reference: after.approval_reference,
      approved_with_plan_id: planId,
    },
  });
}

/** R17 — the contract's step in a plan's approval chain: present when the plan's area has a contract, done once it is approved. */
export const contractApprovalSteps: ApprovalStepSource = {
  steps: async (db, planId) => {
    const c = await contractOfPlan(db, planId);
    if (!c) return { steps: [], done: [] };
    return { steps: [contractApprovalStep(c.area_name)], done: c.status === 'approved' ? [contractStepKey] : [] };
  },
  recorded: async (trx, ctx, planId, stepKey, input: TransitionInput) => {
    if (stepKey !== contractStepKey) return;
    const c = await contractOfPlan(trx, planId);
    if (c) await approveWithPlan(trx, ctx, c.id, planId, { decisionDate: input.decisionDate ?? '', reference: input.caseNumber ?? '' });
  },
};

/** R17 — links a plan activity to a contract goal it serves (the activity's plan must lie in the contract's area). */
export async function linkActivity(ctx: ServiceContext, goalId: number, activityId: number, link = true): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const g = await trx
      .selectFrom('cooperation_goal as g')
      .innerJoin('cooperation_contract as c', 'c.id', 'g.contract_id')
      .select(['g.id', 'g.title', 'c.id as contract_id', 'c.area_name', 'c.status', 'c.body_id'])
      .where('g.id', '=', goalId)
      .executeTakeFirst();
    if (!g) throw new NotFound('Målet findes ikke.');
    authorize(ctx.actor, 'read', { type: 'cooperationContract', id: g.contract_id, status: g.status, bodyId: g.body_id });
    const a = await trx.selectFrom('activity').select(['id', 'plan_id', 'title']).where('id', '=', activityId).executeTakeFirst();
    if (!a) throw new Invalid({ activityId: 'Vælg en aktivitet.' });
    authorize(ctx.actor, link ? 'create' : 'delete', {
      type: 'contractGoalLink',
      planId: a.plan_id,
      partyOrganisationIds: await partyOrganisationIds(trx, a.plan_id),
    });
    if (!(await plansInArea(trx, g.area_name)).some((p) => p.id === a.plan_id)) {
      throw new Invalid({ activityId: `Aktiviteten hører til en plan uden for ${g.area_name} og kan ikke knyttes til kontraktens mål.` });
    }
    const exists = await trx
      .selectFrom('activity_contract_goal')
      .select('goal_id')
      .where('goal_id', '=', goalId)
      .where('activity_id', '=', activityId)
      .executeTakeFirst();
    if (link && exists) throw new Invalid({ activityId: `«${a.title}» er allerede knyttet til målet.` });
    if (!link && !exists) throw new NotFound('Aktiviteten er ikke knyttet til målet.');
    if (link) await trx.insertInto('activity_contract_goal').values({ goal_id: goalId, activity_id: activityId }).execute();
    else await trx.deleteFrom('activity_contract_goal').where('goal_id', '=', goalId).where('activity_id', '=', activityId).execute();
    await recordAudit(trx, ctx.actor, {
      action: link ? 'create' : 'delete',
      entityType: 'cooperation_contract',
      entityId: g.contract_id,
      planId: a.plan_id,
      summary: `${link ? 'Knyttede' : 'Fjernede'} aktiviteten «${a.title}» ${link ? 'til' : 'fra'} målet «${g.title}»`,
      changes: [{ field: `goal_${goalId}_activities`, before: link ? null : activityId, after: link ? activityId : null }],
    });
  });
}

/** The bodies that can hold a contract: the 2014 fora and the district boards from 2016. */
export async function contractBodyOptions(ctx: ServiceContext): Promise<{ id: number; label: string }[]> {
  const rows = await ctx.db
    .selectFrom('body')
    .select(['id', 'name'])
    .where('type', 'in', ['forum', 'district_board'])
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, label: r.name }));
}

/**
 * R17 — for the plan page: the contract of the plan's area (if the actor may read it) and the contract goals the
 * plan's activities serve.
 */
export async function contractForPlanPage(ctx: ServiceContext, planId: number) {
  const c = await contractOfPlan(ctx.db, planId);
  if (!c || !can(ctx.actor, 'read', subjectOf(c))) return null;
  const served = await ctx.db
    .selectFrom('activity_contract_goal as l')
    .innerJoin('activity as a', 'a.id', 'l.activity_id')
    .innerJoin('cooperation_goal as g', 'g.id', 'l.goal_id')
    .select(['a.title as activity', 'g.title as goal', 'g.theme'])
    .where('a.plan_id', '=', planId)
    .where('g.contract_id', '=', c.id)
    .orderBy('g.theme')
    .orderBy('a.title')
    .execute();
  return {
    id: c.id,
    areaName: c.area_name,
    status: c.status as ContractStatus,
    statusLabel: contractStatusLabels[c.status as ContractStatus],
    served,
  };
}
