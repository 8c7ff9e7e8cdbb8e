/**
 * What every area evaluated against a national criteria set (R20) shares, worked out once per set, national rate
 * and origin definition: the criteria as applied, their thresholds exact and as doubles, the texts.
 */
import { compare, decimal, fraction, multiply, type Rational } from './exact.ts';
import { approxRational, type Measure, measureInterval } from './national-compare.ts';
import type { CombinationRule, CriteriaSet, CriterionDefinition, DesignationId } from './national-criteria.ts';
import { describeCriteriaSet, explainCriterion, type Interval } from './national-explain.ts';
import { describeOriginPolicy, type OriginPolicy, type OriginUsed } from './national-origin.ts';

/** A threshold, exact and as a double within the error bound (undefined when it has none). */
export interface Bound {
  readonly exact: Rational;
  readonly approx: number | undefined;
}

export const bound = (exact: Rational): Bound => ({ exact, approx: approxRational(exact) });

/** A criterion of the set as one evaluation applies it. */
export interface PlannedCriterion {
  readonly definition: CriterionDefinition;
  /** The criterion applied (another variable when the origin definition is replaced); undefined when omitted. */
  readonly effective: CriterionDefinition | undefined;
  /** The thresholds to judge against: one, or both ends of an imprecise national rate; none without the rate. */
  readonly bounds: readonly Bound[] | undefined;
  /** The threshold shown: undefined when the national rate is missing or imprecise. */
  readonly threshold: Rational | undefined;
  /** The explanation of an omitted criterion. */
  readonly omitted: string | undefined;
}

type AtLeastRule = Extract<CombinationRule, { kind: 'atLeast' }>;

/**
 * What every area evaluated against a criteria set with the same rate and origin shares: the thresholds read once
 * (exact and approximate), the national rate, where each criterion and designation sits, the texts.
 */
export interface Plan {
  readonly set: CriteriaSet;
  readonly criteria: readonly PlannedCriterion[];
  readonly criterionIndex: ReadonlyMap<string, number>;
  readonly designationIndex: ReadonlyMap<DesignationId, number>;
  /** Per designation, the first "at least" rule of its own rule: its count is the designation's detail. */
  readonly firstAtLeast: readonly (AtLeastRule | undefined)[];
  readonly rate: Interval | undefined;
  /** An unreadable national rate, thrown where each area would meet it (after its first value is read). */
  readonly rateError: unknown;
  /** Undefined when the set's minimum is not a whole number (`fraction` reports it when residents are judged). */
  readonly minResidents: Bound | undefined;
  readonly ruleText: string;
  readonly origin: OriginUsed;
}

function firstAtLeast(r: CombinationRule): AtLeastRule | undefined {
  if (r.kind === 'atLeast') return r;
  if (r.kind === 'not') return firstAtLeast(r.rule);
  if (r.kind === 'all')
    for (const x of r.of) {
      const found = firstAtLeast(x);
      if (found) return found;
    }
  return undefined;
}

function makePlan(set: CriteriaSet, rateMeasure: Measure | undefined, origin: OriginPolicy): Plan {
  const planned = set.criteria.map((c) => {
    const e = effectiveCriterion(c, origin);
    return { c, effective: e === 'omitted' ? undefined : e };
  });
  let rate: Interval | undefined;
  let rateError: unknown;
  if (rateMeasure !== undefined && planned.some((p) => p.effective)) {
    try {
      rate = measureInterval(rateMeasure);
    } catch (error) {
      rateError = error;
    }
  }
  const criteria = planned.map(({ c, effective }): PlannedCriterion => {
    if (!effective)
      return {
        definition: c,
        effective,
        bounds: undefined,
        threshold: undefined,
        omitted: explainCriterion(c, 'omitted', undefined, undefined),
      };
    if (effective.threshold.kind === 'percent') {
      const t = decimal(effective.threshold.value);
      return { definition: c, effective, bounds: [bound(t)], threshold: t, omitted: undefined };
    }
    if (!rate) return { definition: c, effective, bounds: undefined, threshold: undefined, omitted: undefined };
    // With an imprecise national rate, judge against both ends; exact rates give one threshold.
    const factor = decimal(effective.threshold.factor);
    const [lo, hi] = [multiply(factor, rate.lo), multiply(factor, rate.hi)];
    const one = compare(lo, hi) === 0;
    return {
      definition: c,
      effective,
      bounds: one ? [bound(lo)] : [bound(lo), bound(hi)],
      threshold: one ? lo : undefined,
      omitted: undefined,
    };
  });
  return {
    set,
    criteria,
    criterionIndex: new Map(set.criteria.map((c, i) => [c.id, i])),
    designationIndex: new Map(set.designations.map((d, i) => [d.id, i])),
    firstAtLeast: set.designations.map((d) => firstAtLeast(d.rule)),
    rate,
    rateError,
    minResidents: Number.isSafeInteger(set.minResidents) ? bound(fraction(set.minResidents)) : undefined,
    ruleText: describeCriteriaSet(set),
    origin: describeOriginPolicy(origin),
  };
}

/** What a plan depends on, copied (never the caller's objects, which could change). */
interface PlanKey {
  readonly rate: Measure | undefined;
  readonly origin: OriginPolicy;
  readonly plan: Plan;
}

const copyMeasure = (m: Measure | undefined): Measure | undefined =>
  typeof m !== 'object' || m === null
    ? m
    : 'numerator' in m
      ? { numerator: m.numerator, denominator: m.denominator }
      : { low: m.low, high: m.high };

function sameMeasure(a: Measure | undefined, b: Measure | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if ('numerator' in a) return 'numerator' in b && a.numerator === b.numerator && a.denominator === b.denominator;
  return !('numerator' in b) && a.low === b.low && a.high === b.high;
}

const sameOrigin = (a: OriginPolicy, b: OriginPolicy) =>
  a.kind === b.kind &&
  (a.kind !== 'replace' || (b.kind === 'replace' && a.variable === b.variable && a.label === b.label && a.text === b.text));

const plans = new WeakMap<CriteriaSet, PlanKey[]>();
const APPLY: OriginPolicy = { kind: 'apply' };

/**
 * R20 — the plan for a set, national rate and origin definition: the few recent ones per set are kept (a list of
 * 8,000 areas shares one), found by value.
 */
export function planFor(set: CriteriaSet, rate: Measure | undefined, origin: OriginPolicy = APPLY): Plan {
  const kept = plans.get(set) ?? [];
  const found = kept.find((k) => sameMeasure(k.rate, rate) && sameOrigin(k.origin, origin));
  if (found) return found.plan;
  const plan = makePlan(set, rate, origin);
  const copy: OriginPolicy = origin.kind === 'replace' ? { ...origin } : { kind: origin.kind };
  kept.unshift({ rate: copyMeasure(rate), origin: copy, plan });
  kept.length = Math.min(kept.length, 8);
  plans.set(set, kept);
  return plan;
}

function effectiveCriterion(c: CriterionDefinition, origin: OriginPolicy): CriterionDefinition | 'omitted' {
  if (!c.concernsOrigin || origin.kind === 'apply') return c;
  if (origin.kind === 'omit') return 'omitted';
  return { ...c, variable: origin.variable, label: origin.label, text: origin.text };
}
