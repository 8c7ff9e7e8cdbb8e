import type { Trx } from '../db/database.ts';
import { proposeSplit, spreadOverYears } from '../domain/money/budget.ts';
import { insertMany, type NationalContext, type NationalStep } from './national.ts';

/**
 * National set, money (R1, R7): a budget for every plan that holds R1 (frame, lines per cost category and
 * activity, funders 75 / 12,5 / 12,5), and accounts for every year that has passed.
 */
async function money(trx: Trx, n: NationalContext) {
  const { rng } = n;
  const plans = n.plans.filter((p) => p.state !== 'draft');
  const frames = new Map<number, number>();
  const lineRows: { plan_id: number; name: string; kind: string; sort: number }[] = [];
  const amounts: number[][] = [];
  const yearsOf = new Map<number, number[]>();
  for (const p of plans) {
    const years = Array.from(
      { length: Number(p.endsOn.slice(0, 4)) - Number(p.startsOn.slice(0, 4)) + 1 },
      (_, k) => Number(p.startsOn.slice(0, 4)) + k,
    );
    yearsOf.set(p.id, years);
    const frame = rng.int(40, 160) * 10_000_000;
    frames.set(p.id, frame);
    const parts = [
      ['Personale', 'staff', 4000],
      ['Lokaler', 'premises', 1000],
      ['Evaluering', 'evaluation', 500],
      ['Administration', 'administration', 1000],
      ['Aktiviteter', 'activities', 3500],
    ] as const;
    let used = 0;
    parts.forEach(([name, kind, bp], k) => {
      const amount = k === parts.length - 1 ? frame - used : Math.floor((frame * bp) / 10_000);
      used += amount;
      lineRows.push({ plan_id: p.id, name, kind, sort: k });
      const spread = spreadOverYears(amount, years);
      amounts.push(years.map((y) => spread[y]!));
    });
  }
  await insertMany(
    trx,
    'budget',
    plans.map((p) => ({ plan_id: p.id, frame_ore: frames.get(p.id)!, note: 'Generator' })),
  );
  const lineIds = await insertMany(trx, 'budget_line', lineRows, 'id');
  const amountRows = lineIds.flatMap((line_id, i) =>
    yearsOf.get(lineRows[i]!.plan_id)!.map((year, k) => ({ line_id, year, amount_ore: amounts[i]![k]! })),
  );
  await insertMany(trx, 'budget_amount', amountRows);
  const funderRows = plans.flatMap((p) =>
    proposeSplit(
      frames.get(p.id)!,
      p.organisationIds.map((id) => ({ id, name: `BN ${id}` })),
    ).map((f, sort) => ({
      plan_id: p.id,
      kind: f.kind,
      name: f.name,
      organisation_id: f.organisationId ?? null,
      amount_ore: f.amountOre,
      sort,
    })),
  );
  await insertMany(trx, 'funder', funderRows);
  // Accounts: one posting per line and passed year, 85–105 % of the year's budget, in the active and ended plans.
  const spending = new Set(['active', 'ended']);
  const stateOf = new Map(plans.map((p) => [p.id, p.state]));
  const lastYear = 2025;
  const entries = lineIds.flatMap((line_id, i) => {
    const planId = lineRows[i]!.plan_id;
    if (!spending.has(stateOf.get(planId)!)) return [];
    return yearsOf.get(planId)!.flatMap((year, k) =>
      year > lastYear
        ? []
        : [
            {
              plan_id: planId,
              line_id,
              year,
              amount_ore: Math.round((amounts[i]![k]! * rng.int(85, 105)) / 100),
              booked_on: `${year}-12-31`,
              text: 'Årsregnskab',
              created_by_label: 'Generator',
            },
          ],
    );
  });
  await insertMany(trx, 'account_entry', entries);
}

export const moneyNationalStep: NationalStep = { order: 20, name: 'money', run: money };
