import type { ServiceHooks } from '../services/context.ts';
import type { Trx } from '../db/database.ts';
import { checkBudgetRules, planYears, proposeSplit, spreadOverYears } from '../domain/money/budget.ts';
import { systemActor } from '../policy/actor.ts';
import { writePoolEntry } from '../services/money/pool.ts';
import { freezeSnapshot } from '../services/plans/snapshot.ts';

/**
 * Demo budgets, accounts and pool entries for the demo plans (src/demo/plans.ts). Approved plans get a
 * frame of 10 mio. kr., so the municipal 12,5 % matches the 1,25 mio. kr. the City Council approved in their
 * demo approval step, and an allocation from the pool (R8); running and ended plans get accounts for the
 * years that have passed, and ended plans under budget release the municipal share of the underspend.
 */
const DEMO_TODAY = '2026-11-22';
const approved = ['municipal_approval', 'granted', 'active', 'ended'];
/** Share of the frame per cost category (basis points); the rest goes to the activities. */
const categories: [string, 'staff' | 'premises' | 'evaluation' | 'administration', number][] = [
  ['Personale', 'staff', 4000],
  ['Lokaler', 'premises', 1000],
  ['Evaluering', 'evaluation', 500],
  ['Administration', 'administration', 1000],
];

export async function loadDemoMoney(trx: Trx, hooks: ServiceHooks): Promise<void> {
  const actor = systemActor('Demodata');
  const plans = await trx
    .selectFrom('plan as p')
    .innerJoin('funding_period as f', 'f.id', 'p.funding_period_id')
    .select(['p.id', 'p.name', 'p.state', 'p.starts_on', 'p.ends_on', 'f.lbf_cap_bp', 'f.local_floor_bp'])
    .where('p.is_demo', '=', true)
    .where('p.state', '<>', 'draft')
    .orderBy('p.id')
    .execute();
  for (const [i, p] of plans.entries()) {
    const years = planYears(p.starts_on, p.ends_on);
    const frame = approved.includes(p.state) ? 1_000_000_000 : (6 + (i % 4) * 2) * 100_000_000;
    const orgs = await trx
      .selectFrom('plan_estate as pe')
      .innerJoin('estate as e', 'e.id', 'pe.estate_id')
      .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
      .select(['o.id', 'o.short_name as name'])
      .distinct()
      .where('pe.plan_id', '=', p.id)
      .orderBy('o.short_name')
      .execute();
    const activities = await trx.selectFrom('activity').select(['id', 'title']).where('plan_id', '=', p.id).orderBy('id').execute();
    const lines: {
      name: string;
      kind: 'activity' | 'staff' | 'premises' | 'evaluation' | 'administration' | 'activities';
      activityId: number | null;
      amount: number;
    }[] = categories.map(([name, kind, bp]) => ({ name, kind, activityId: null, amount: Math.floor((frame * bp) / 10_000) }));
    const rest = frame - lines.reduce((s, l) => s + l.amount, 0);
    if (activities.length) {
      const each = spreadOverYears(
        rest,
        activities.map((_, k) => k),
      );
      activities.forEach((a, k) => lines.push({ name: a.title, kind: 'activity', activityId: a.id, amount: each[k]! }));
    } else lines.push({ name: 'Aktiviteter', kind: 'activities', activityId: null, amount: rest });
    const funders = proposeSplit(frame, orgs);
    const draft = { frameOre: frame, lines: lines.map((l) => ({ name: l.name, perYear: spreadOverYears(l.amount, years) })), funders };
    const violations = checkBudgetRules(draft, { lbfMaxPct: p.lbf_cap_bp / 100, localMinPct: p.local_floor_bp / 100 });
    if (violations.length) throw new Error(`Demo budget for ${p.name} breaks R1: ${violations.map((v) => v.message).join(' ')}`);

    await trx.insertInto('budget').values({ plan_id: p.id, frame_ore: frame, note: 'Demobudget' }).execute();
    const lineIds: { id: number; perYear: Record<number, number> }[] = [];
    for (const [sort, l] of lines.entries()) {
      const row = await trx
        .insertInto('budget_line')
        .values({ plan_id: p.id, name: l.name, kind: l.kind, activity_id: l.activityId, sort })
        .returning('id')
        .executeTakeFirstOrThrow();
      const perYear = spreadOverYears(l.amount, years);
      await trx
        .insertInto('budget_amount')
        .values(years.map((y) => ({ line_id: row.id, year: y, amount_ore: perYear[y]! })))
        .execute();
      lineIds.push({ id: row.id, perYear });
    }
    await trx
      .insertInto('funder')
      .values(
        funders.map((f, sort) => ({
          plan_id: p.id,
          kind: f.kind,
          name: f.name,
          organisation_id: f.organisationId ?? null,
          amount_ore: f.amountOre,
          sort,
        })),
      )
      .execute();

    let spent = 0;
    if (['active', 'ended'].includes(p.state)) {
      const lastYear = Math.min(years.at(-1)!, Number(DEMO_TODAY.slice(0, 4)) - 1);
      for (const [k, l] of lineIds.entries()) {
        for (const y of years.filter((y) => y <= lastYear)) {
          const factor = 8_500 + ((i * 7 + k * 3 + y) % 5) * 500; // 85 % … 105 % of the year's budget
          const amount = Math.round((l.perYear[y]! * factor) / 10_000);
          spent += amount;
          await trx
            .insertInto('account_entry')
            .values({
              plan_id: p.id,
              line_id: l.id,
              year: y,
              amount_ore: amount,
              booked_on: `${y}-12-31`,
              text: 'Årsregnskab (demo)',
              created_by_label: 'Demodata',
            })
            .execute();
        }
      }
    }

    if (approved.includes(p.state)) {
      const approval = await trx
        .selectFrom('plan_transition')
        .select(['decision_date', 'case_number', 'amount_ore'])
        .where('plan_id', '=', p.id)
        .where('step_key', 'in', ['council', 'appropriation'])
        .executeTakeFirst();
      if (approval) {
        const amount = Math.min(approval.amount_ore ?? Infinity, funders.find((f) => f.kind === 'municipality')!.amountOre);
        await writePoolEntry(trx, actor, {
          kind: 'allocation',
          amountOre: amount,
          planId: p.id,
          decision: `Borgerrepræsentationen, sag ${approval.case_number}`,
          decidedOn: approval.decision_date ?? p.starts_on,
          note: 'Kommunens andel af planens ramme (demo)',
        });
        if (p.state === 'ended' && spent < frame) {
          const release = Math.floor(((frame - spent) * 1250) / 10_000);
          if (release > 0)
            await writePoolEntry(trx, actor, {
              kind: 'release',
              amountOre: Math.min(release, amount),
              planId: p.id,
              decision: 'Slutregnskab (demo)',
              decidedOn: p.ends_on,
              note: 'Kommunens andel af mindreforbruget',
            });
        }
      }
    }
    // The approved version was approved with its budget: freeze it into the version the plan is at.
    const { current_version: current } = await trx
      .selectFrom('plan')
      .select('current_version')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    if (current > 0)
      await trx
        .updateTable('plan_version')
        .set({ snapshot: JSON.stringify(await freezeSnapshot(trx, hooks, p.id, DEMO_TODAY)) })
        .where('plan_id', '=', p.id)
        .where('number', '=', current)
        .execute();
  }
}
