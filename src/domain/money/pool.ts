import { kr } from './amount.ts';

export type PoolEntryKind = 'deposit' | 'allocation' | 'release';

export const poolEntryLabels: Record<PoolEntryKind, string> = { deposit: 'Indskud', allocation: 'Tildeling', release: 'Frigivelse' };

export interface PoolStep {
  kind: PoolEntryKind;
  amountOre: number;
  planId?: number | null;
}

/** A plan's net share of the pool: allocated minus released. */
export type PlanShares = Map<number, number>;

/**
 * R8 — the municipal co-financing pool is a ledger: deposits add, allocations to a plan subtract, releases
 * (a plan ended under budget) give back at most what the plan still holds. It can never be allocated beyond
 * what it holds: the balance stays ≥ 0. Returns the new balance and shares, or the Danish reason.
 */
export function poolStep(
  balanceOre: number,
  shares: PlanShares,
  step: PoolStep,
): { ok: true; balanceOre: number; shares: PlanShares } | { ok: false; field: string; message: string } {
  if (!Number.isSafeInteger(step.amountOre) || step.amountOre <= 0)
    return { ok: false, field: 'amount', message: 'Beløbet skal være større end 0 kr.' };
  const next = new Map(shares);
  switch (step.kind) {
    case 'deposit':
      if (step.planId != null) return { ok: false, field: 'planId', message: 'Et indskud hører ikke til en plan.' };
      return { ok: true, balanceOre: balanceOre + step.amountOre, shares: next };
    case 'allocation': {
      if (step.planId == null) return { ok: false, field: 'planId', message: 'Vælg planen, der får tildelingen.' };
      if (step.amountOre > balanceOre) {
        return {
          ok: false,
          field: 'amount',
          message: `Puljen rummer ${kr(balanceOre)}; en tildeling på ${kr(step.amountOre)} ville give en negativ saldo (${kr(balanceOre - step.amountOre)}).`,
        };
      }
      next.set(step.planId, (next.get(step.planId) ?? 0) + step.amountOre);
      return { ok: true, balanceOre: balanceOre - step.amountOre, shares: next };
    }
    case 'release': {
      if (step.planId == null) return { ok: false, field: 'planId', message: 'Vælg planen, der frigiver midler.' };
      const held = next.get(step.planId) ?? 0;
      if (step.amountOre > held) {
        return {
          ok: false,
          field: 'amount',
          message: `Planen har netto fået ${kr(held)} fra puljen; der kan ikke frigives ${kr(step.amountOre)}`,
        };
      }
      next.set(step.planId, held - step.amountOre);
      return { ok: true, balanceOre: balanceOre + step.amountOre, shares: next };
    }
  }
}

/** Replays a ledger from zero: the balance after every entry, and the shares (for checks and tests). */
export function replayPool(entries: PoolStep[]): { balanceOre: number; shares: PlanShares; balances: number[] } {
  let balance = 0;
  let shares: PlanShares = new Map();
  const balances: number[] = [];
  for (const e of entries) {
    const r = poolStep(balance, shares, e);
    if (!r.ok) throw new Error(`invalid ledger entry: ${r.message}`);
    balance = r.balanceOre;
    shares = r.shares;
    balances.push(balance);
  }
  return { balanceOre: balance, shares, balances };
}

/** R8 — the pool's conditions (data on the pool, so a council decision can change them). */
export interface PoolConditions {
  requiresVulnerableArea: boolean;
  requiresMunicipalCooperation: boolean;
}

/** What the pool's conditions need to know about a plan (assembled by the service). */
export interface PoolEligibilityFacts {
  planName: string;
  /** The vulnerable urban areas the plan's estates lie in (empty: none). */
  vulnerableAreas: string[];
  /** The municipal administrations that take part in the plan's activities (empty: none). */
  municipalAdministrations: string[];
}

/**
 * R8 — the co-financing pool funds only plans in a vulnerable urban area that are made in cooperation with the
 * municipality (a municipal administration takes part in the plan's activities). Returns the Danish reasons an
 * allocation is refused (none: eligible); each condition can be switched off in the pool's settings.
 */
export function poolEligibility(f: PoolEligibilityFacts, c: PoolConditions): string[] {
  const reasons: string[] = [];
  if (c.requiresVulnerableArea && f.vulnerableAreas.length === 0) {
    reasons.push(
      `Puljen medfinansierer kun planer i et udsat byområde, og ingen af ${f.planName}s boligafdelinger ligger i et udsat byområde.`,
    );
  }
  if (c.requiresMunicipalCooperation && f.municipalAdministrations.length === 0) {
    reasons.push(
      `Puljen medfinansierer kun planer, der er lavet i samarbejde med kommunen, og ingen kommunal forvaltning deltager i ${f.planName}s aktiviteter.`,
    );
  }
  return reasons;
}
