import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Executor, Trx } from '../../db/database.ts';
import { kr } from '../../domain/money/amount.ts';
import { type PoolEntryKind, poolEligibility, poolEntryLabels, poolStep } from '../../domain/money/pool.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { type Actor, actorLabel, actorUserId, authorize } from '../../policy/index.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { poolSubject } from './access.ts';

export interface PoolEntryInput {
  kind: PoolEntryKind;
  amountOre: number;
  planId: number | null;
  decision: string;
  decidedOn: string;
  note: string;
}

const actionOf: Record<PoolEntryKind, string> = { deposit: 'deposit', allocation: 'allocate', release: 'release' };
/** The City Council's steps in the approval chains that carry the municipal co-financing (R5, R8). */
const councilSteps = ['council', 'appropriation'];
/** Plans that may give money back to the pool. */
const releaseStates = ['ended', 'withdrawn', 'rejected'];

async function theOnePool(db: Executor, lock: boolean) {
  let q = db.selectFrom('pool').selectAll().orderBy('id').limit(1);
  if (lock) q = q.forUpdate();
  const pool = await q.executeTakeFirst();
  if (!pool) throw new NotFound('Puljen findes ikke.');
  return pool;
}

/** The net amount each plan holds from the pool (allocations − releases). */
async function planShare(db: Executor, poolId: number, planId: number): Promise<number> {
  const r = await db
    .selectFrom('pool_entry')
    .select(
      sql<number>`coalesce(sum(CASE kind WHEN 'allocation' THEN amount_ore WHEN 'release' THEN -amount_ore ELSE 0 END), 0)::bigint`.as(
        'net',
      ),
    )
    .where('pool_id', '=', poolId)
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  return Number(r.net);
}

/** R8 — the vulnerable urban areas a plan's estates lie in and the municipal administrations in its activities. */
async function eligibilityFacts(db: Executor, plan: { id: number; name: string }) {
  const [areas, administrations] = await Promise.all([
    db
      .selectFrom('plan_estate as pe')
      .innerJoin('estate as e', 'e.id', 'pe.estate_id')
      .innerJoin('urban_area as u', 'u.id', 'e.urban_area_id')
      .select('u.name')
      .distinct()
      .where('pe.plan_id', '=', plan.id)
      .execute(),
    db
      .selectFrom('activity_party as ap')
      .innerJoin('activity as a', 'a.id', 'ap.activity_id')
      .select('ap.administration')
      .distinct()
      .where('a.plan_id', '=', plan.id)
      .where('ap.party_kind', '=', 'administration')
      .execute(),
  ]);
  return {
    planName: plan.name,
    vulnerableAreas: areas.map((a) => a.name),
    municipalAdministrations: administrations.flatMap((a) => (a.administration ? [a.administration] : [])),
  };
}

/** The City Council's approval of a plan's municipal co-financing (the latest recorded). */
async function councilApproval(db: Executor, planId: number) {
  return db
    .selectFrom('plan_transition')
    .select(['id', 'decision_date', 'case_number', 'amount_ore', 'body'])
    .where('plan_id', '=', planId)
    .where('step_key', 'in', councilSteps)
    .where('to_state', '<>', 'rejected')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/**
 * R8 — records a deposit, an allocation to a plan (tied to the City Council's approval of the plan) or a
 * release (a plan that ended under budget gives back). One transaction locks the pool row
 * (SELECT … FOR UPDATE), checks the new balance, updates the running balance (a CHECK keeps it ≥ 0 as a
 * second guard) and appends the entry with its sequence number, so concurrent allocations queue up and
 * none is lost or overdraws the pool.
 */
export async function recordPoolEntry(ctx: ServiceContext, input: PoolEntryInput): Promise<{ id: number; balanceOre: number }> {
  authorize(ctx.actor, actionOf[input.kind], poolSubject);
  return inTransaction(ctx, (trx) => writePoolEntry(trx, ctx.actor, input));
}

/** The ledger write of `recordPoolEntry` inside the caller's transaction (the caller has authorized; demo data). */
export async function writePoolEntry(trx: Trx, actor: Actor, input: PoolEntryInput): Promise<{ id: number; balanceOre: number }> {
  {
    const pool = await theOnePool(trx, true);
    const errors: Record<string, string> = {};
    let transitionId: number | null = null;
    let planName = '';
    const shares = new Map<number, number>();
    if (input.kind !== 'deposit') {
      if (!input.planId) throw new Invalid({ planId: 'Vælg planen.' });
      const plan = await trx.selectFrom('plan').select(['id', 'name', 'state']).where('id', '=', input.planId).executeTakeFirst();
      if (!plan) throw new Invalid({ planId: 'Planen findes ikke.' });
      planName = plan.name;
      const held = await planShare(trx, pool.id, plan.id);
      shares.set(plan.id, held);
      if (input.kind === 'allocation') {
        const refused = poolEligibility(await eligibilityFacts(trx, plan), {
          requiresVulnerableArea: pool.requires_vulnerable_area,
          requiresMunicipalCooperation: pool.requires_municipal_cooperation,
        });
        if (refused.length) throw new Invalid({ planId: refused.join(' ') }, 'Planen kan ikke få midler fra puljen.');
        const approval = await councilApproval(trx, plan.id);
        if (!approval)
          errors.planId = `${plan.name} har ingen registreret godkendelse i Borgerrepræsentationen; puljen tildeles først, når rådet har godkendt planen med den kommunale medfinansiering.`;
        else {
          transitionId = approval.id;
          if (approval.amount_ore !== null && held + input.amountOre > approval.amount_ore) {
            errors.amount = `Borgerrepræsentationen godkendte ${kr(approval.amount_ore)} i kommunal medfinansiering til planen; den har allerede fået ${kr(held)}, så der kan højst tildeles ${kr(Math.max(0, approval.amount_ore - held))}`;
          }
        }
      } else if (!releaseStates.includes(plan.state)) {
        errors.planId = `Midler frigives til puljen, når planen er afsluttet (eller trukket tilbage); ${plan.name} er ikke afsluttet.`;
      }
    }
    if (Object.keys(errors).length) throw new Invalid(errors);
    const step = poolStep(pool.balance_ore, shares, { kind: input.kind, amountOre: input.amountOre, planId: input.planId });
    if (!step.ok) throw new Invalid({ [step.field]: step.message });
    const seq = pool.entry_count + 1;
    await trx
      .updateTable('pool')
      .set({ balance_ore: step.balanceOre, entry_count: seq, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', pool.id)
      .execute();
    const row = await trx
      .insertInto('pool_entry')
      .values({
        pool_id: pool.id,
        seq,
        kind: input.kind,
        amount_ore: input.amountOre,
        plan_id: input.kind === 'deposit' ? null : input.planId,
        plan_transition_id: transitionId,
        decision: input.decision,
        decided_on: input.decidedOn,
        note: input.note,
        balance_after_ore: step.balanceOre,
        created_by_label: actorLabel(actor),
        created_by_user_id: actorUserId(actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: input.kind,
      entityType: 'pool',
      entityId: pool.id,
      planId: input.kind === 'deposit' ? null : input.planId,
      version: pool.version + 1,
      summary: `${poolEntryLabels[input.kind]} ${kr(input.amountOre)}${planName ? ` (${planName})` : ''}: ${input.decision}. Saldo ${kr(step.balanceOre)}`,
      before: { saldo: pool.balance_ore },
      after: { saldo: step.balanceOre },
    });
    return { id: row.id, balanceOre: step.balanceOre };
  }
}

export interface PoolOverview {
  id: number;
  name: string;
  balanceOre: number;
  depositedOre: number;
  allocatedOre: number;
  releasedOre: number;
  entries: {
    id: number;
    seq: number;
    kind: PoolEntryKind;
    amountOre: number;
    planId: number | null;
    planName: string | null;
    decision: string;
    decidedOn: string;
    note: string;
    balanceAfterOre: number;
    createdBy: string;
  }[];
  shares: {
    planId: number;
    planName: string;
    planState: string;
    allocatedOre: number;
    releasedOre: number;
    netOre: number;
    approvedOre: number | null;
  }[];
  /** Plans with a City Council approval, for the allocation form. */
  candidates: {
    planId: number;
    planName: string;
    approvedOre: number | null;
    decisionDate: string | null;
    caseNumber: string;
    heldOre: number;
  }[];
  /** R8 — the pool's conditions for an allocation, as data. */
  conditions: { requiresVulnerableArea: boolean; requiresMunicipalCooperation: boolean };
}

/** R8 — the pool page: balance, the ledger, each plan's share and what is left. Anyone may read it. */
export async function poolOverview(ctx: ServiceContext): Promise<PoolOverview> {
  authorize(ctx.actor, 'read', poolSubject);
  const pool = await theOnePool(ctx.db, false);
  const entries = await ctx.db
    .selectFrom('pool_entry as e')
    .leftJoin('plan as p', 'p.id', 'e.plan_id')
    .select([
      'e.id',
      'e.seq',
      'e.kind',
      'e.amount_ore as amountOre',
      'e.plan_id as planId',
      'p.name as planName',
      'e.decision',
      'e.decided_on as decidedOn',
      'e.note',
      'e.balance_after_ore as balanceAfterOre',
      'e.created_by_label as createdBy',
    ])
    .where('e.pool_id', '=', pool.id)
    .orderBy('e.seq')
    .execute();
  const sum = (k: PoolEntryKind) => entries.filter((e) => e.kind === k).reduce((s, e) => s + e.amountOre, 0);
  const byPlan = new Map<number, PoolOverview['shares'][number]>();
  for (const e of entries) {
    if (e.planId === null) continue;
    const s = byPlan.get(e.planId) ?? {
      planId: e.planId,
      planName: e.planName ?? '',
      planState: '',
      allocatedOre: 0,
      releasedOre: 0,
      netOre: 0,
      approvedOre: null,
    };
    if (e.kind === 'allocation') s.allocatedOre += e.amountOre;
    if (e.kind === 'release') s.releasedOre += e.amountOre;
    s.netOre = s.allocatedOre - s.releasedOre;
    byPlan.set(e.planId, s);
  }
  const approvals = await ctx.db
    .selectFrom('plan_transition as t')
    .innerJoin('plan as p', 'p.id', 't.plan_id')
    .select(['t.plan_id', 'p.name', 'p.state', 't.amount_ore', 't.decision_date', 't.case_number', 't.at', 't.id'])
    .where('t.step_key', 'in', councilSteps)
    .where('t.to_state', '<>', 'rejected')
    .orderBy('t.at')
    .orderBy('t.id')
    .execute();
  const latest = new Map(approvals.map((a) => [a.plan_id, a]));
  for (const s of byPlan.values()) {
    s.approvedOre = latest.get(s.planId)?.amount_ore ?? null;
    s.planState = latest.get(s.planId)?.state ?? '';
  }
  return {
    id: pool.id,
    name: pool.name,
    balanceOre: pool.balance_ore,
    depositedOre: sum('deposit'),
    allocatedOre: sum('allocation'),
    releasedOre: sum('release'),
    conditions: {
      requiresVulnerableArea: pool.requires_vulnerable_area,
      requiresMunicipalCooperation: pool.requires_municipal_cooperation,
    },
    entries,
    shares: [...byPlan.values()].sort((a, b) => a.planName.localeCompare(b.planName, 'da')),
    candidates: [...latest.values()]
      .map((a) => ({
        planId: a.plan_id,
        planName: a.name,
        approvedOre: a.amount_ore,
        decisionDate: a.decision_date,
        caseNumber: a.case_number,
        heldOre: byPlan.get(a.plan_id)?.netOre ?? 0,
      }))
      .sort((a, b) => a.planName.localeCompare(b.planName, 'da')),
  };
}

/** Plans that may release money (ended, withdrawn or rejected while holding a share). */
export function releasable(o: PoolOverview) {
  return o.shares.filter((s) => s.netOre > 0 && releaseStates.includes(s.planState));
}

/** R5 — the municipal co-financing the City Council approved for a plan (null: no approval with an amount recorded). */
export async function councilApprovedMunicipalOre(db: Executor, planId: number): Promise<number | null> {
  return (await councilApproval(db, planId))?.amount_ore ?? null;
}

/**
 * R8 — an approved change of a plan's municipal share moves the plan's allocation from the pool with it, in the
 * caller's transaction: a smaller share gives back (a release, at most what the plan holds), a larger one takes more
 * (an allocation, never beyond what the pool holds). Only a plan that holds money from the pool is adjusted. Returns
 * the entry written (null: none), or throws `Invalid` with the Danish reason so the caller's transaction rolls back.
 */
export async function adjustPoolShare(
  trx: Trx,
  actor: Actor,
  planId: number,
  deltaOre: number,
  decision: { text: string; on: string },
): Promise<{ kind: 'allocation' | 'release'; amountOre: number; balanceOre: number } | null> {
  if (deltaOre === 0) return null;
  const pool = await trx.selectFrom('pool').selectAll().orderBy('id').limit(1).forUpdate().executeTakeFirst();
  if (!pool) return null;
  const held = await planShare(trx, pool.id, planId);
  if (held <= 0) return null;
  const kind = deltaOre > 0 ? 'allocation' : 'release';
  const amountOre = deltaOre > 0 ? deltaOre : Math.min(-deltaOre, held);
  if (amountOre <= 0) return null;
  const step = poolStep(pool.balance_ore, new Map([[planId, held]]), { kind, amountOre, planId });
  if (!step.ok)
    throw new Invalid(
      { municipality: step.message.replace(/^R\d+: /, '') },
      'Ændringen kan ikke gennemføres, fordi puljen til kommunal medfinansiering ikke rækker.',
    );
  const plan = await trx.selectFrom('plan').select('name').where('id', '=', planId).executeTakeFirstOrThrow();
  const seq = pool.entry_count + 1;
  await trx
    .updateTable('pool')
    .set({ balance_ore: step.balanceOre, entry_count: seq, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', pool.id)
    .execute();
  await trx
    .insertInto('pool_entry')
    .values({
      pool_id: pool.id,
      seq,
      kind,
      amount_ore: amountOre,
      plan_id: planId,
      plan_transition_id: kind === 'allocation' ? ((await councilApproval(trx, planId))?.id ?? null) : null,
      decision: decision.text,
      decided_on: decision.on,
      note: 'Planens kommunale andel er ændret ved en godkendt ændringsanmodning.',
      balance_after_ore: step.balanceOre,
      created_by_label: actorLabel(actor),
      created_by_user_id: actorUserId(actor),
    })
    .execute();
  await recordAudit(trx, actor, {
    action: kind,
    entityType: 'pool',
    entityId: pool.id,
    planId,
    version: pool.version + 1,
    summary: `${poolEntryLabels[kind]} ${kr(amountOre)} (${plan.name}): ${decision.text}. Saldo ${kr(step.balanceOre)}`,
    before: { saldo: pool.balance_ore },
    after: { saldo: step.balanceOre },
  });
  return { kind, amountOre, balanceOre: step.balanceOre };
}
