import { kr } from './money/amount.ts';
import { danishDate } from './text.ts';

/**
 * R1, R5 — preconditions of the approval chain that protect the official record: the City Council approves a
 * complete budget and exactly the municipality's share of it; decisions are dated in the chain's order and not in
 * the future; a plan is granted and started only with its budget. Pure rules with Danish reasons (no rule codes).
 */

export interface Violation {
  rule: string;
  code: string;
  message: string;
  field?: string;
}

/** What the approval chain needs to know about the plan's budget (`null`: the plan has no budget). */
export interface BudgetFacts {
  frameOre: number;
  /** The municipality's share: the sum of the budget's municipal funders. */
  municipalOre: number;
  /** The budget's breaches of the funding split as it stands, in Danish. */
  breaches: readonly string[];
}

/** A decision already recorded in the plan's history, by its place in the chain. */
export interface RecordedDecision {
  /** `prequalification`, an approval step's key, or `grant`. */
  key: string;
  date: string;
}

/** `2026-11-22` → `22.11.2026` (the domain carries its own formatter; it imports nothing of the app). */

/**
 * R1, R5 — the City Council approves the plan *including* the municipal co-financing: the step needs a complete
 * budget that satisfies the funding split, and the amount it records must be the budget's municipal share.
 * @example councilBudgetViolations({ frameOre: 8e8, municipalOre: 1e8, breaches: [] }, 25e8) // one 'amount_mismatch'
 */
export function councilBudgetViolations(budget: BudgetFacts | null, amountOre: number | null | undefined): Violation[] {
  if (!budget || budget.frameOre <= 0) {
    return [
      {
        rule: 'R5',
        code: 'budget_missing',
        message:
          'Borgerrepræsentationen godkender planen inklusive den kommunale medfinansiering, så planen skal have et færdigt budget, før godkendelsen kan registreres. Planen har endnu intet budget.',
      },
    ];
  }
  if (budget.breaches.length) {
    return [
      {
        rule: 'R1',
        code: 'budget_incomplete',
        message: `Budgettet skal overholde reglerne for finansiering, før Borgerrepræsentationens godkendelse kan registreres: ${budget.breaches.join(' ')}`,
      },
    ];
  }
  if (amountOre && amountOre !== budget.municipalOre) {
    return [
      {
        rule: 'R1',
        code: 'amount_mismatch',
        field: 'amount',
        message: `Den kommunale medfinansiering skal svare til kommunens andel i planens budget (${kr(budget.municipalOre)} af en ramme på ${kr(budget.frameOre)}), men der er angivet ${kr(amountOre)}`,
      },
    ];
  }
  return [];
}

/**
 * R1, R5 — Landsbyggefonden grants, and the plan starts, only with its budget in place and within the funding split.
 * `what` says what cannot happen ("Tilsagnet kan ikke registreres").
 */
export function budgetRequiredViolations(budget: BudgetFacts | null, what: string): Violation[] {
  if (!budget || budget.frameOre <= 0)
    return [{ rule: 'R5', code: 'budget_missing', message: `${what}, fordi planen ikke har noget budget.` }];
  if (budget.breaches.length)
    return [
      {
        rule: 'R1',
        code: 'budget_incomplete',
        message: `${what}, fordi budgettet ikke overholder reglerne for finansiering: ${budget.breaches.join(' ')}`,
      },
    ];
  return [];
}

/**
 * R5 — decisions in the approval chain are dated in its order (LBF's prequalification, then each municipal step,
 * then LBF's grant, which builds on the municipal approval), and a decision is not dated in the future.
 * `order` lists the decisions in the chain's order with their Danish names; `key` is the decision recorded on `date`.
 */
export function decisionDateViolations(
  order: { key: string; label: string }[],
  recorded: RecordedDecision[],
  key: string,
  date: string | null | undefined,
  today: string,
): Violation[] {
  if (!date) return [];
  if (date > today) {
    return [
      {
        rule: 'R5',
        code: 'date_future',
        field: 'decisionDate',
        message: `Beslutningsdatoen ${danishDate(date)} ligger efter i dag (${danishDate(today)}). Registrér beslutningen, når den er truffet.`,
      },
    ];
  }
  const place = (k: string) => order.findIndex((o) => o.key === k);
  const at = place(key);
  if (at < 0) return [];
  const earlier = recorded.filter((r) => {
    const i = place(r.key);
    return i >= 0 && i < at && r.date > date;
  });
  const latest = earlier.sort((a, b) => b.date.localeCompare(a.date))[0];
  if (!latest) return [];
  const label = order[place(latest.key)]!.label;
  return [
    {
      rule: 'R5',
      code: 'date_order',
      field: 'decisionDate',
      message: `Beslutningsdatoen ${danishDate(date)} ligger før ${label} (${danishDate(latest.date)}), som beslutningen bygger på. Tjek datoen.`,
    },
  ];
}
