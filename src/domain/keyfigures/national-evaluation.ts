/**
 * Which areas meet the national criteria for a list year (R20), and why. Missing or imprecise data
 * is never guessed: each criterion is met, not met or unknown, and a designation is decided only when
 * every possible value of the unknowns gives the same answer.
 */
import type { Verdict } from './city-comparison.ts';
import { compare, decimal, fraction, multiply, type Rational } from './exact.ts';
import type { CombinationRule, CriteriaSet, CriterionDefinition, CriterionVariable, DesignationId } from './national-criteria.ts';
import { type CriterionOutcome, describeCriteriaSet, explainCriterion, explainResidents, type Interval } from './national-explain.ts';

/**
 * A percentage: a decimal as written (43.3 or "43.3"), exact counts (100 · numerator / denominator),
 * or bounds for an imprecise source.
 */
export type Measure =
  | number
  | string
  | { readonly numerator: number | bigint; readonly denominator: number | bigint }
  | { readonly low: number | string; readonly high: number | string };

export interface AreaListInput {
  /** Residents, or bounds when the source rounds them. */
  readonly residents?: number | { readonly low: number; readonly high: number };
  readonly values: Readonly<Partial<Record<CriterionVariable, Measure>>>;
  /** Designations in earlier list years; a year that is absent is unknown, `[]` means none. */
  readonly history?: Readonly<Record<number, readonly DesignationId[]>>;
}

/** The origin criterion applied, left out, or read from another variable (same thresholds). */
export type OriginPolicy =
  | { readonly kind: 'apply' }
  | { readonly kind: 'omit' }
  | { readonly kind: 'replace'; readonly variable: CriterionVariable; readonly label: string; readonly text: string };

export interface EvaluationOptions {
  readonly listYear: number;
  /** The national conviction rate in percent, for thresholds in "× landsgennemsnittet". */
  readonly nationalConvictionRate?: Measure;
  readonly origin?: OriginPolicy;
}

export interface CriterionResult {
  readonly criterion: CriterionDefinition;
  readonly outcome: CriterionOutcome;
  readonly value?: Interval;
  readonly threshold?: Rational;
  /** Danish: the value against the threshold. */
  readonly explanation: string;
}

export type DesignationVerdict = Verdict | 'notApplicable';

export interface DesignationResult {
  readonly id: DesignationId;
  readonly label: string;
  readonly verdict: DesignationVerdict;
  readonly explanation: string;
}

export interface ListEvaluation {
  readonly setId: string;
  readonly listYear: number;
  readonly residents: { readonly outcome: 'met' | 'notMet' | 'unknown'; readonly explanation: string };
  readonly criteria: readonly CriterionResult[];
  readonly designations: readonly DesignationResult[];
  /** The criteria set in Danish, to be shown beside the result. */
  readonly ruleText: string;
  /** R20 — the origin definition the result was computed with (C-417/23). */
  readonly origin: { readonly kind: OriginPolicy['kind']; readonly text: string };
}

const HUNDRED = fraction(100);

/** R20 — a measure as exact bounds (lo = hi when exact). */
export function measureInterval(m: Measure): Interval {
  if (typeof m === 'number' || typeof m === 'string') {
    const v = decimal(m);
    return { lo: v, hi: v };
  }
  if ('numerator' in m) {
    const v = multiply(HUNDRED, fraction(m.numerator, m.denominator));
    return { lo: v, hi: v };
  }
  const lo = decimal(m.low);
  const hi = decimal(m.high);
  if (compare(lo, hi) > 0) throw new RangeError('an interval must have low ≤ high');
  return { lo, hi };
}

/** Three-valued comparison of an interval with a threshold. */
function judge(value: Interval, comparison: CriterionDefinition['comparison'], t: Rational): 'met' | 'notMet' | 'unknown' {
  const lo = compare(value.lo, t);
  const hi = compare(value.hi, t);
  const test = (side: number) => (comparison === 'above' ? side > 0 : comparison === 'atLeast' ? side >= 0 : side < 0);
  if (test(lo) && test(hi)) return 'met';
  if (!test(lo) && !test(hi)) return 'notMet';
  return 'unknown';
}

function effectiveCriterion(c: CriterionDefinition, origin: OriginPolicy): CriterionDefinition | 'omitted' {
  if (!c.concernsOrigin || origin.kind === 'apply') return c;
  if (origin.kind === 'omit') return 'omitted';
  return { ...c, variable: origin.variable, label: origin.label, text: origin.text };
}

function evaluateCriterion(c: CriterionDefinition, input: AreaListInput, options: EvaluationOptions): CriterionResult {
  const effective = effectiveCriterion(c, options.origin ?? { kind: 'apply' });
  if (effective === 'omitted')
    return { criterion: c, outcome: 'omitted', explanation: explainCriterion(c, 'omitted', undefined, undefined) };
  const raw = input.values[effective.variable];
  const value = raw === undefined ? undefined : measureInterval(raw);
  const rate = options.nationalConvictionRate === undefined ? undefined : measureInterval(options.nationalConvictionRate);
  let threshold: Rational | undefined;
  let outcome: CriterionOutcome = 'unknown';
  if (effective.threshold.kind === 'percent') threshold = decimal(effective.threshold.value);
  else if (rate) {
    const factor = decimal(effective.threshold.factor);
    // With an imprecise national rate, judge against both ends; exact rates give one threshold.
    const [lo, hi] = [multiply(factor, rate.lo), multiply(factor, rate.hi)];
    if (value) {
      const a = judge(value, effective.comparison, lo);
      const b = judge(value, effective.comparison, hi);
      outcome = a === b ? a : 'unknown';
    }
    threshold = compare(lo, hi) === 0 ? lo : undefined;
  }
  if (value && threshold && effective.threshold.kind === 'percent') outcome = judge(value, effective.comparison, threshold);
  // The Danish explanation is written when it is read: a list of 8,000 estates needs only the verdicts.
  let explanation: string | undefined;
  return {
    criterion: effective,
    outcome,
    value,
    threshold,
    get explanation() {
      explanation ??= explainCriterion(effective, outcome, value, threshold, rate);
      return explanation;
    },
  };
}

type RuleVerdict = DesignationVerdict;

const fromOutcome = (o: CriterionOutcome): RuleVerdict =>
  o === 'met' ? 'yes' : o === 'notMet' ? 'no' : o === 'unknown' ? 'undecided' : 'notApplicable';

function conjunction(parts: readonly RuleVerdict[]): RuleVerdict {
  if (parts.includes('no')) return 'no';
  if (parts.includes('notApplicable')) return 'notApplicable';
  return parts.every((p) => p === 'yes') ? 'yes' : 'undecided';
}

/**
 * R20 — evaluates one area against a criteria set: every criterion with its Danish explanation, and
 * every designation (yes / no / undecided, or notApplicable when it needs an omitted origin criterion).
 */
export function evaluateListCriteria(set: CriteriaSet, input: AreaListInput, options: EvaluationOptions): ListEvaluation {
  const criteria = set.criteria.map((c) => evaluateCriterion(c, input, options));
  const byId = new Map(criteria.map((r, i) => [set.criteria[i]!.id, r]));
  const residentsValue = input.residents === undefined ? undefined : measureInterval(input.residents);
  const residentsOutcome = residentsValue ? judge(residentsValue, 'atLeast', fraction(set.minResidents)) : 'unknown';
  const residentsVerdict = fromOutcome(residentsOutcome);
  let residentsText: string | undefined;

  const memo = new Map<DesignationId, RuleVerdict>();
  const details = new Map<DesignationId, string>();
  const designation = (id: DesignationId): RuleVerdict => {
    const known = memo.get(id);
    if (known) return known;
    const def = set.designations.find((d) => d.id === id);
    if (!def) throw new RangeError(`${set.id}: unknown designation ${id}`);
    memo.set(id, 'undecided'); // guards against cycles in the data
    const verdict = conjunction([residentsVerdict, rule(def.rule, id)]);
    memo.set(id, verdict);
    return verdict;
  };
  const rule = (r: CombinationRule, owner: DesignationId): RuleVerdict => {
    switch (r.kind) {
      case 'criterion':
        return fromOutcome(byId.get(r.criterion)!.outcome);
      case 'atLeast': {
        const outcomes = r.of.map((id) => byId.get(id)!.outcome);
        const met = outcomes.filter((o) => o === 'met').length;
        const unknown = outcomes.filter((o) => o === 'unknown').length;
        if (!details.has(owner)) {
          const open = unknown > 0 ? `, ${unknown} kan ikke afgøres` : '';
          details.set(owner, `${met} af ${r.of.length} kriterier opfyldt (mindst ${r.count} kræves${open})`);
        }
        return met >= r.count ? 'yes' : met + unknown < r.count ? 'no' : 'undecided';
      }
      case 'all':
        return conjunction(r.of.map((x) => rule(x, owner)));
      case 'not': {
        const v = rule(r.rule, owner);
        return v === 'yes' ? 'no' : v === 'no' ? 'yes' : v;
      }
      case 'designation':
        return designation(r.designation);
      case 'consecutiveYears': {
        const now = designation(r.designation);
        const past = Array.from({ length: r.years - 1 }, (_, k) => input.history?.[options.listYear - 1 - k]);
        const pastVerdicts = past.map(
          (h): RuleVerdict => (h === undefined ? 'undecided' : h.some((d) => r.counting.includes(d)) ? 'yes' : 'no'),
        );
        return conjunction([now, ...pastVerdicts]);
      }
    }
  };

  const VERDICT_DA: Record<RuleVerdict, string> = {
    yes: 'ja',
    no: 'nej',
    undecided: 'kan ikke afgøres med de foreliggende data',
    notApplicable: 'kan ikke beregnes, når oprindelseskriteriet er slået fra',
  };
  const designations = set.designations.map((d) => {
    const verdict = designation(d.id);
    const detail = details.get(d.id);
    return { id: d.id, label: d.label, verdict, explanation: `${d.label}: ${VERDICT_DA[verdict]}${detail ? ` – ${detail}` : ''}.` };
  });
  return {
    setId: set.id,
    listYear: options.listYear,
    residents: {
      outcome: residentsOutcome,
      get explanation() {
        residentsText ??= explainResidents(set.minResidents, residentsValue, residentsOutcome);
        return residentsText;
      },
    },
    criteria,
    designations,
    ruleText: describeCriteriaSet(set),
    origin: describeOriginPolicy(options.origin ?? { kind: 'apply' }),
  };
}

/** R20 — the origin definition in force, as the stored setting names it (C-417/23 made it swappable). */
export type OriginDefinitionId = 'law' | 'omit';

export const ORIGIN_DEFINITIONS: readonly { readonly id: OriginDefinitionId; readonly label: string; readonly policy: OriginPolicy }[] = [
  {
    id: 'law',
    label: 'Lovens definition: andelen af indvandrere og efterkommere fra ikke-vestlige lande (almenboligloven § 61 a)',
    policy: { kind: 'apply' },
  },
  {
    id: 'omit',
    label: 'Uden oprindelseskriterium (EU-Domstolens dom i sag C-417/23)',
    policy: { kind: 'omit' },
  },
];

/** R20 — the policy and label of a stored origin definition. */
export function originDefinition(id: OriginDefinitionId) {
  const found = ORIGIN_DEFINITIONS.find((d) => d.id === id);
  if (!found) throw new RangeError(`unknown origin definition ${id}`);
  return found;
}

/** R20 — what an evaluation says about the origin definition it used (Danish). */
export function describeOriginPolicy(origin: OriginPolicy): ListEvaluation['origin'] {
  if (origin.kind === 'apply') return { kind: 'apply', text: `Oprindelsesdefinition: ${ORIGIN_DEFINITIONS[0]!.label}.` };
  if (origin.kind === 'omit') return { kind: 'omit', text: `Oprindelsesdefinition: ${ORIGIN_DEFINITIONS[1]!.label}.` };
  return { kind: 'replace', text: `Oprindelsesdefinition: ${origin.label}.` };
}

/** R20 — one designation's verdict from an evaluation. */
export function designationVerdict(evaluation: ListEvaluation, id: DesignationId): DesignationVerdict {
  const found = evaluation.designations.find((d) => d.id === id);
  if (!found) throw new RangeError(`${evaluation.setId} has no designation ${id}`);
  return found.verdict;
}

export interface AreasMeetingCriteria {
  readonly yes: readonly string[];
  readonly no: readonly string[];
  readonly undecided: readonly string[];
  readonly notApplicable: readonly string[];
  readonly evaluations: ReadonlyMap<string, ListEvaluation>;
}

/** R20 — which of several named areas meet a designation (by default the set's list) in a list year. */
export function areasMeetingCriteria(
  set: CriteriaSet,
  areas: readonly { readonly name: string; readonly input: AreaListInput }[],
  options: EvaluationOptions,
  designation: DesignationId = set.listDesignation,
): AreasMeetingCriteria {
  const result = { yes: [] as string[], no: [] as string[], undecided: [] as string[], notApplicable: [] as string[] };
  const evaluations = new Map<string, ListEvaluation>();
  for (const a of areas) {
    const evaluation = evaluateListCriteria(set, a.input, options);
    evaluations.set(a.name, evaluation);
    result[designationVerdict(evaluation, designation)].push(a.name);
  }
  return { ...result, evaluations };
}
