import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Executor, Trx } from '../../db/database.ts';
import { assertVersion } from '../../db/versioned.ts';
import { kr } from '../../domain/money/amount.ts';
import {
  type BudgetDraft,
  checkBudgetRules,
  type FunderKind,
  type LineKind,
  planYears,
  proposeMunicipalSplit,
  type RuleViolation,
} from '../../domain/money/budget.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../errors.ts';
import { type Actor, authorize } from '../../policy/index.ts';
import { budgetWritableStates } from '../../policy/rules/money.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { partyOrganisationIds } from '../plans/access.ts';
import { budgetSubject } from './access.ts';
import { municipalSettings, planFinance } from './finance.ts';

export interface BudgetInput {
  frameOre: number;
  note: string;
  lines: { id?: number | null; name: string; kind: LineKind; activityId: number | null; perYear: Record<number, number> }[];
  funders: { id?: number | null; kind: FunderKind; name: string; organisationId: number | null; amountOre: number }[];
}

/** Why a budget cannot be changed directly after the municipal approval (R1, R3). */
export const lockedReason =
  'Budgettet er låst, fordi kommunen har godkendt planen. Fra godkendelsen ændres budgettet kun gennem en ændringsanmodning, som den kompetente bestyrelse beslutter — det gælder alle, også systemadministratorer.';

/** Turns R1 violations into form field errors (several messages on one field are joined). */
export function violationFields(violations: RuleViolation[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const v of violations) {
    const f = v.field === 'lbf' || v.field === 'local' || v.field === 'municipality' ? 'funders' : (v.field ?? 'frameOre');
    fields[f] = fields[f] ? `${fields[f]} ${v.message}` : v.message;
  }
  return fields;
}

/** Adds a message to a form field's errors: every problem is reported at once, several on one field joined. */
function addError(errors: Record<string, string>, field: string, message: string) {
  if (!errors[field]?.includes(message)) errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
}

/** The budget's own problems (lines, years, activities, funders), all of them: the caller adds the R1 breaches. */
async function inputErrors(
  trx: Trx,
  planId: number,
  plan: { starts_on: string; ends_on: string },
  input: BudgetInput,
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const years = planYears(plan.starts_on, plan.ends_on);
  const names = new Set<string>();
  for (const l of input.lines) {
    const k = l.name.trim().toLowerCase();
    if (names.has(k)) addError(errors, 'lines', `Budgetlinjen »${l.name}« står der to gange; giv linjerne forskellige navne.`);
    names.add(k);
    const outside = Object.keys(l.perYear)
      .map(Number)
      .filter((y) => !years.includes(y) && l.perYear[y] !== 0);
    if (outside.length)
      addError(
        errors,
        'lines',
        `Budgetlinjen »${l.name}« har beløb i ${outside.join(', ')}, uden for planens periode (${years[0]}–${years.at(-1)}).`,
      );
    if (l.kind === 'activity' && !l.activityId) addError(errors, 'lines', `Vælg aktiviteten for budgetlinjen »${l.name}«.`);
  }
  const activityIds = input.lines.flatMap((l) => (l.activityId ? [l.activityId] : []));
  if (activityIds.length) {
    const own = new Set(
      (await trx.selectFrom('activity').select('id').where('plan_id', '=', planId).where('id', 'in', activityIds).execute()).map(
        (a) => a.id,
      ),
    );
    if (activityIds.some((a) => !own.has(a))) addError(errors, 'lines', 'En budgetlinje peger på en aktivitet, der ikke hører til planen.');
  }
  if (input.funders.filter((f) => f.kind === 'lbf').length > 1)
    addError(errors, 'funders', 'Landsbyggefonden kan kun stå én gang blandt finansieringskilderne.');
  if (input.funders.filter((f) => f.kind === 'municipality').length > 1)
    addError(errors, 'funders', 'Kommunen kan kun stå én gang blandt finansieringskilderne.');
  const parties = await partyOrganisationIds(trx, planId);
  for (const f of input.funders) {
    if (f.kind === 'organisation' && (!f.organisationId || !parties.includes(f.organisationId)))
      addError(
        errors,
        'funders',
        `${f.name} er ikke part i planens bevilling; kun parternes boligorganisationer kan stå som boligorganisation.`,
      );
  }
  return errors;
}

const draftOf = (input: BudgetInput): BudgetDraft => ({ frameOre: input.frameOre, lines: input.lines, funders: input.funders });

/**
 * R1, R7 — saves a plan's whole budget (frame, lines per year, funders) in one transaction, version-checked.
 * A budget that breaks R1 cannot be saved: `Invalid` carries the Danish messages with the rule and the
 * amounts. After the municipal approval the budget is locked for everyone (changes only by change request).
 * `expectedVersion` 0 creates the budget.
 */
export async function saveBudget(ctx: ServiceContext, planId: number, expectedVersion: number, input: BudgetInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const plan = await trx
      .selectFrom('plan as p')
      .innerJoin('funding_period as f', 'f.id', 'p.funding_period_id')
      .select(['p.id', 'p.state', 'p.name', 'p.starts_on', 'p.ends_on', 'f.lbf_cap_bp', 'f.local_floor_bp'])
      .where('p.id', '=', planId)
      .forUpdate('p')
      .executeTakeFirst();
    if (!plan) throw new NotFound('Planen findes ikke.');
    const subject = await budgetSubject(trx, planId);
    if (!budgetWritableStates.includes(plan.state) && ctx.actor.kind !== 'anonymous') throw new Forbidden(lockedReason);
    authorize(ctx.actor, 'update', subject);
    // Every problem at once: the budget's own and every breach of the funding split, in one answer.
    const errors = await inputErrors(trx, planId, plan, input);
    const municipal = await municipalSettings(trx, planId);
    const violations = checkBudgetRules(draftOf(input), {
      lbfMaxPct: plan.lbf_cap_bp / 100,
      localMinPct: plan.local_floor_bp / 100,
      municipalMaxPct: municipal.capBp / 100,
    });
    for (const [field, message] of Object.entries(violationFields(violations))) addError(errors, field, message);
    if (Object.keys(errors).length)
      throw new Invalid(errors, violations.length ? 'Budgettet overholder ikke reglerne for finansiering.' : 'Budgettet kan ikke gemmes.');
    // R1 — the budget carries the municipality's split of its share (Copenhagen: contracted work and facilitation).
    const municipalOre = input.funders.filter((f) => f.kind === 'municipality').reduce((s, f) => s + f.amountOre, 0);
    const split =
      municipal.contractedBp !== null && municipal.facilitationBp !== null
        ? proposeMunicipalSplit(municipalOre, municipal.contractedBp, municipal.facilitationBp)
        : null;

    const before = await trx.selectFrom('budget').selectAll().where('plan_id', '=', planId).executeTakeFirst();
    const beforeDraft = before ? (await planFinance(trx, planId)).draft : null;
    if (before) await assertVersion(trx, { ...before, id: planId }, expectedVersion, 'budget');
    else if (expectedVersion !== 0) throw new Conflict(null, [], 'Budgettet findes ikke længere i den version, du så. Hent siden igen.');

    let version: number;
    if (before) {
      const row = await trx
        .updateTable('budget')
        .set({
          frame_ore: input.frameOre,
          note: input.note,
          municipal_contracted_ore: split?.contractedOre ?? null,
          municipal_facilitation_ore: split?.facilitationOre ?? null,
          version: sql`version + 1`,
          updated_at: sql`now()`,
        })
        .where('plan_id', '=', planId)
        .where('version', '=', expectedVersion)
        .returning('version')
        .executeTakeFirst();
      if (!row) throw new Conflict(null, [], 'En anden har gemt budgettet imens. Hent siden igen.');
      version = row.version;
    } else {
      version = (
        await trx
          .insertInto('budget')
          .values({
            plan_id: planId,
            frame_ore: input.frameOre,
            note: input.note,
            municipal_contracted_ore: split?.contractedOre ?? null,
            municipal_facilitation_ore: split?.facilitationOre ?? null,
          })
          .returning('version')
          .executeTakeFirstOrThrow()
      ).version;
    }
    await writeLines(trx, planId, input.lines);
    await writeFunders(trx, planId, input.funders);
    await recordAudit(trx, ctx.actor, {
      action: before ? 'update' : 'create',
      entityType: 'budget',
      entityId: planId,
      planId,
      version,
      summary: `${before ? 'Rettede' : 'Lagde'} budgettet for ${plan.name}: ramme ${kr(input.frameOre)}`,
      before: beforeDraft && before ? { ...flat(beforeDraft), note: before.note } : null,
      after: {
        ...flat(draftOf(input)),
        note: input.note,
        ...(split
          ? { 'kommunens andel: kontraktstyret arbejde': split.contractedOre, 'kommunens andel: facilitering': split.facilitationOre }
          : {}),
      },
    });
    return version;
  });
}

/** A budget as flat audit fields: the frame, each line's amount per year, each funder's amount. */
function flat(d: BudgetDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { ramme: d.frameOre };
  for (const l of d.lines) for (const [y, v] of Object.entries(l.perYear)) if (v) out[`${l.name} ${y}`] = v;
  for (const f of d.funders) out[`finansiering: ${f.name}`] = f.amountOre;
  return out;
}

async function writeLines(trx: Trx, planId: number, lines: BudgetInput['lines']) {
  const existing = await trx.selectFrom('budget_line').select(['id', 'name']).where('plan_id', '=', planId).execute();
  const keep = new Set(lines.flatMap((l) => (l.id ? [l.id] : [])));
  const foreign = [...keep].filter((id) => !existing.some((e) => e.id === id));
  if (foreign.length) throw new Invalid({ lines: 'En budgetlinje hører ikke til planen. Hent siden igen.' });
  const gone = existing.filter((e) => !keep.has(e.id));
  if (gone.length) {
    const used = await trx
      .selectFrom('account_entry')
      .select('line_id')
      .distinct()
      .where(
        'line_id',
        'in',
        gone.map((g) => g.id),
      )
      .execute();
    if (used.length) {
      const names = gone.filter((g) => used.some((u) => u.line_id === g.id)).map((g) => `»${g.name}«`);
      throw new Invalid({ lines: `Budgetlinjen ${names.join(', ')} har regnskabsposter og kan ikke slettes.` });
    }
    await trx
      .deleteFrom('budget_line')
      .where(
        'id',
        'in',
        gone.map((g) => g.id),
      )
      .execute();
  }
  // Names are unique per plan: park the kept lines' names first so renames can swap.
  if (keep.size)
    await trx
      .updateTable('budget_line')
      .set({ name: sql`'~' || id::text || '~' || name` })
      .where('id', 'in', [...keep])
      .execute();
  for (const [sort, l] of lines.entries()) {
    const values = { name: l.name.trim(), kind: l.kind, activity_id: l.kind === 'activity' ? l.activityId : null, sort };
    let id = l.id ?? null;
    if (id) await trx.updateTable('budget_line').set(values).where('id', '=', id).execute();
    else
      id = (
        await trx
          .insertInto('budget_line')
          .values({ plan_id: planId, ...values })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await trx.deleteFrom('budget_amount').where('line_id', '=', id).execute();
    const amounts = Object.entries(l.perYear)
      .filter(([, v]) => v !== 0)
      .map(([y, v]) => ({ line_id: id!, year: Number(y), amount_ore: v }));
    if (amounts.length) await trx.insertInto('budget_amount').values(amounts).execute();
  }
}

async function writeFunders(trx: Trx, planId: number, funders: BudgetInput['funders']) {
  const existing = await trx.selectFrom('funder').select('id').where('plan_id', '=', planId).execute();
  const keep = new Set(funders.flatMap((f) => (f.id && existing.some((e) => e.id === f.id) ? [f.id] : [])));
  const gone = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
  if (gone.length) await trx.deleteFrom('funder').where('id', 'in', gone).execute();
  for (const [sort, f] of funders.entries()) {
    const values = {
      kind: f.kind,
      name: f.name.trim(),
      organisation_id: f.kind === 'organisation' ? f.organisationId : null,
      amount_ore: f.amountOre,
      sort,
    };
    if (f.id && keep.has(f.id)) await trx.updateTable('funder').set(values).where('id', '=', f.id).execute();
    else
      await trx
        .insertInto('funder')
        .values({ plan_id: planId, ...values })
        .execute();
  }
}

export interface BudgetMove {
  fromLineId: number;
  toLineId: number;
  year: number;
  amountOre: number;
}

/**
 * R1 — moves budget between lines of a plan in the caller's transaction (an approved change request). No
 * authorize here: the caller decided. Every line must belong to the plan, no line may go below zero, and
 * the budget must still satisfy R1 afterwards, or `Invalid` is thrown and the caller's transaction rolls back.
 */
export async function applyBudgetReallocation(trx: Trx, planId: number, moves: BudgetMove[]): Promise<void> {
  if (!moves.length) return;
  const budget = await trx.selectFrom('budget').select(['plan_id', 'version']).where('plan_id', '=', planId).forUpdate().executeTakeFirst();
  if (!budget) throw new Invalid({ edits: 'Planen har intet budget at omfordele.' });
  const lines = new Map(
    (await trx.selectFrom('budget_line').select(['id', 'name']).where('plan_id', '=', planId).execute()).map((l) => [l.id, l.name]),
  );
  for (const m of moves) {
    if (!lines.has(m.fromLineId) || !lines.has(m.toLineId)) throw new Invalid({ edits: 'Budgetlinjen hører ikke til planen.' });
    if (m.fromLineId === m.toLineId) throw new Invalid({ edits: 'Der skal flyttes mellem to forskellige budgetlinjer.' });
    if (!Number.isSafeInteger(m.amountOre) || m.amountOre <= 0)
      throw new Invalid({ edits: 'Beløbet, der flyttes, skal være større end 0 kr.' });
    for (const [lineId, delta] of [
      [m.fromLineId, -m.amountOre],
      [m.toLineId, m.amountOre],
    ] as const) {
      const cur = await trx
        .selectFrom('budget_amount')
        .select('amount_ore')
        .where('line_id', '=', lineId)
        .where('year', '=', m.year)
        .executeTakeFirst();
      const next = (cur?.amount_ore ?? 0) + delta;
      if (next < 0)
        throw new Invalid({
          edits: `Budgetlinjen »${lines.get(lineId)}« har kun ${kr(cur?.amount_ore ?? 0)} i ${m.year}; der kan ikke flyttes ${kr(m.amountOre)}`,
        });
      if (cur)
        await trx.updateTable('budget_amount').set({ amount_ore: next }).where('line_id', '=', lineId).where('year', '=', m.year).execute();
      else await trx.insertInto('budget_amount').values({ line_id: lineId, year: m.year, amount_ore: next }).execute();
    }
  }
  const finance = await planFinance(trx, planId);
  const violations = checkBudgetRules(finance.draft, finance.limits);
  const outside = finance.years.filter(
    (y) => !planYears(finance.startsOn, finance.endsOn).includes(y) && finance.totals.perYear[y]!.budgetOre !== 0,
  );
  if (outside.length)
    violations.push({
      rule: 'R1',
      field: 'lines',
      message: `Budgettet må ikke have beløb uden for planens periode (${outside.join(', ')}).`,
    });
  if (violations.length)
    throw new Invalid({ edits: violations.map((v) => v.message).join(' ') }, 'Omfordelingen bryder reglerne for finansiering.');
  await trx.updateTable('budget').set({ version: sql`version + 1`, updated_at: sql`now()` }).where('plan_id', '=', planId).execute();
}

/** R3 — what a version of the plan freezes of the budget: each line per year and each funder, in øre. */
export async function budgetSnapshot(db: Executor, planId: number) {
  const b = await db.selectFrom('budget').select('plan_id').where('plan_id', '=', planId).executeTakeFirst();
  if (!b) return {};
  const f = await planFinance(db, planId);
  return {
    budget: {
      lines: f.draft.lines.map((l) => ({
        id: l.id!,
        name: l.name,
        perYear: Object.fromEntries(Object.entries(l.perYear).map(([y, v]) => [String(y), v])),
      })),
      funders: f.funders.map((x) => ({ id: x.id, name: x.name, amountOre: x.amountOre })),
    },
  };
}

/**
 * R1, R3 — writes a budget an approved change request leads to (frame, lines per year, funders, the municipality's
 * split), creating it when the plan has none, in the caller's transaction. No authorize and no R1 check here: the
 * caller decided and checked (`domain/changes/budget.ts`). Audited as the budget's own history with before and after.
 */
export async function writeApprovedBudget(
  trx: Trx,
  actor: Actor,
  planId: number,
  draft: BudgetDraft,
  summary: string,
): Promise<{ before: BudgetDraft | null }> {
  const before = await trx.selectFrom('budget').selectAll().where('plan_id', '=', planId).forUpdate().executeTakeFirst();
  const beforeDraft = before ? (await planFinance(trx, planId)).draft : null;
  const municipal = await municipalSettings(trx, planId);
  const municipalOre = draft.funders.filter((f) => f.kind === 'municipality').reduce((s, f) => s + f.amountOre, 0);
  const split =
    municipal.contractedBp !== null && municipal.facilitationBp !== null
      ? proposeMunicipalSplit(municipalOre, municipal.contractedBp, municipal.facilitationBp)
      : null;
  const values = {
    frame_ore: draft.frameOre,
    municipal_contracted_ore: split?.contractedOre ?? null,
    municipal_facilitation_ore: split?.facilitationOre ?? null,
  };
  const version = before
    ? (
        await trx
          .updateTable('budget')
          .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
          .where('plan_id', '=', planId)
          .returning('version')
          .executeTakeFirstOrThrow()
      ).version
    : (
        await trx
          .insertInto('budget')
          .values({ plan_id: planId, note: '', ...values })
          .returning('version')
          .executeTakeFirstOrThrow()
      ).version;
  await writeLines(
    trx,
    planId,
    draft.lines.map((l) => ({
      id: l.id ?? null,
      name: l.name,
      kind: l.kind ?? 'other',
      activityId: l.activityId ?? null,
      perYear: l.perYear,
    })),
  );
  await writeFunders(
    trx,
    planId,
    draft.funders.map((f) => ({
      id: f.id ?? null,
      kind: f.kind,
      name: f.name,
      organisationId: f.organisationId ?? null,
      amountOre: f.amountOre,
    })),
  );
  await recordAudit(trx, actor, {
    action: before ? 'update' : 'create',
    entityType: 'budget',
    entityId: planId,
    planId,
    version,
    summary,
    before: beforeDraft ? flat(beforeDraft) : null,
    after: flat(draft),
  });
  return { before: beforeDraft };
}
