/**
 * Which areas meet the national criteria for a list year (R20), and why. Missing or imprecise data
 * is never guessed: each criterion is met, not met or unknown, and a designation is decided only when
 * every possible value of the unknowns gives the same answer.
 */
import type { Verdict } from './city-comparison.ts';
import { fraction, type Rational } from './exact.ts';
import { approxMeasure, judgeExact, judgeFast, type Measure, measureInterval, type Outcome } from './national-compare.ts';
import type { CombinationRule, CriteriaSet, CriterionDefinition, CriterionVariable, DesignationId } from './national-criteria.ts';
import { type CriterionOutcome, explainCriterion, explainResidents, type Interval } from './national-explain.ts';
import type { OriginPolicy, OriginUsed } from './national-origin.ts';
import { bound, type Plan, type PlannedCriterion, planFor } from './national-plan.ts';

export { type Measure, measureInterval } from './national-compare.ts';
export {
  describeOriginPolicy,
  ORIGIN_DEFINITIONS,
  type OriginDefinitionId,
  type OriginPolicy,
  type OriginUsed,
  originDefinition,
} from './national-origin.ts';

export interface AreaListInput {
  /** Residents, or bounds when the source rounds them. */
  readonly residents?: number | { readonly low: number; readonly high: number };
  readonly values: Readonly<Partial<Record<CriterionVariable, Measure>>>;
  /** Designations in earlier list years; a year that is absent is unknown, `[]` means none. */
  readonly history?: Readonly<Record<number, readonly DesignationId[]>>;
}

export interface EvaluationOptions {
  readonly listYear: number;
  /** The national conviction rate in percent, for thresholds in "× landsgennemsnittet". */
  readonly nationalConvictionRate?: Measure;
  readonly origin?: OriginPolicy;
  /**
   * How values are compared with thresholds: `fast` (the default) in doubles where that provably gives the exact
   * answer and exactly near a threshold (national-compare.ts); `exact` always in bigint rationals — the reference
   * the default is tested against.
   */
  readonly arithmetic?: 'fast' | 'exact';
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
  readonly origin: OriginUsed;
}

/**
 * One criterion for one area. The outcome is decided at once (fast where provably the same, see national-compare.ts);
 * the exact value and the Danish explanation are made when read: a list of 8,000 estates needs only the outcomes.
 */
function evaluateCriterion(plan: Plan, p: PlannedCriterion, input: AreaListInput, exactOnly: boolean): CriterionResult {
  const effective = p.effective;
  if (!effective) return { criterion: p.definition, outcome: 'omitted', explanation: p.omitted! };
  const raw = input.values[effective.variable];
  const approx = raw === undefined || exactOnly ? undefined : approxMeasure(raw);
  // Anything not approximable is read exactly at once, so that an invalid value is reported as before.
  let value = raw !== undefined && !approx ? measureInterval(raw) : undefined;
  if (plan.rateError !== undefined) throw plan.rateError;
  let outcome: CriterionOutcome = 'unknown';
  if (raw !== undefined && p.bounds) {
    let decided: Outcome | undefined;
    for (const b of p.bounds) {
      let o = approx && b.approx !== undefined ? judgeFast(approx, effective.comparison, b.approx) : undefined;
      if (o === undefined) {
        value ??= measureInterval(raw);
        o = judgeExact(value, effective.comparison, b.exact);
      }
      decided = decided === undefined || decided === o ? o : 'unknown';
    }
    outcome = decided!;
  }
  return new LazyCriterionResult(effective, outcome, p.threshold, raw, value, plan.rate);
}

/** A criterion's result whose exact value and explanation are made when first read. */
class LazyCriterionResult implements CriterionResult {
  readonly #raw: Measure | undefined;
  readonly #rate: Interval | undefined;
  #value: Interval | undefined;
  #explanation: string | undefined;

  constructor(
    readonly criterion: CriterionDefinition,
    readonly outcome: CriterionOutcome,
    readonly threshold: Rational | undefined,
    raw: Measure | undefined,
    value: Interval | undefined,
    rate: Interval | undefined,
  ) {
    this.#raw = raw;
    this.#value = value;
    this.#rate = rate;
  }

  get value(): Interval | undefined {
    this.#value ??= this.#raw === undefined ? undefined : measureInterval(this.#raw);
    return this.#value;
  }

  get explanation(): string {
    this.#explanation ??= explainCriterion(this.criterion, this.outcome, this.value, this.threshold, this.#rate);
    return this.#explanation;
  }
}

/** The minimum residents, judged fast where provably the same. */
function residentsOutcome(plan: Plan, residents: AreaListInput['residents'], exactOnly: boolean): Outcome {
  if (residents === undefined) return 'unknown';
  const approx = exactOnly ? undefined : approxMeasure(residents);
  const value = approx ? undefined : measureInterval(residents);
  const min = plan.minResidents ?? bound(fraction(plan.set.minResidents));
  const fast = approx && min.approx !== undefined ? judgeFast(approx, 'atLeast', min.approx) : undefined;
  return fast ?? judgeExact(value ?? measureInterval(residents), 'atLeast', min.exact);
}

type RuleVerdict = DesignationVerdict;

const fromOutcome = (o: CriterionOutcome): RuleVerdict =>
  o === 'met' ? 'yes' : o === 'notMet' ? 'no' : o === 'unknown' ? 'undecided' : 'notApplicable';

function conjunction(parts: readonly RuleVerdict[]): RuleVerdict {
  if (parts.includes('no')) return 'no';
  if (parts.includes('notApplicable')) return 'notApplicable';
  return parts.every((p) => p === 'yes') ? 'yes' : 'undecided';
}

/** What the combination rules of one area read: its outcomes, residents and history. */
interface Combination {
  readonly plan: Plan;
  readonly outcomes: readonly CriterionOutcome[];
  readonly residents: RuleVerdict;
  readonly input: AreaListInput;
  readonly listYear: number;
  /** Per designation: its verdict once known ('undecided' while it is being decided guards against cycles). */
  readonly memo: (RuleVerdict | undefined)[];
}

function designationOf(k: Combination, id: DesignationId): RuleVerdict {
  const i = k.plan.designationIndex.get(id);
  if (i === undefined) throw new RangeError(`${k.plan.set.id}: unknown designation ${id}`);
  const known = k.memo[i];
  if (known) return known;
  k.memo[i] = 'undecided';
  const verdict = conjunction([k.residents, ruleOf(k, k.plan.set.designations[i]!.rule)]);
  k.memo[i] = verdict;
  return verdict;
}

function outcomeOf(k: Combination, criterion: string): CriterionOutcome {
  const i = k.plan.criterionIndex.get(criterion);
  if (i === undefined) throw new RangeError(`${k.plan.set.id}: unknown criterion ${criterion}`);
  return k.outcomes[i]!;
}

function ruleOf(k: Combination, r: CombinationRule): RuleVerdict {
  switch (r.kind) {
    case 'criterion':
      return fromOutcome(outcomeOf(k, r.criterion));
    case 'atLeast': {
      let met = 0;
      let unknown = 0;
      for (const id of r.of) {
        const o = outcomeOf(k, id);
        if (o === 'met') met++;
        else if (o === 'unknown') unknown++;
      }
      return met >= r.count ? 'yes' : met + unknown < r.count ? 'no' : 'undecided';
    }
    case 'all':
      return conjunction(r.of.map((x) => ruleOf(k, x)));
    case 'not': {
      const v = ruleOf(k, r.rule);
      return v === 'yes' ? 'no' : v === 'no' ? 'yes' : v;
    }
    case 'designation':
      return designationOf(k, r.designation);
    case 'consecutiveYears': {
      const parts = [designationOf(k, r.designation)];
      for (let back = 1; back < r.years; back++) {
        const h = k.input.history?.[k.listYear - back];
        parts.push(h === undefined ? 'undecided' : h.some((d) => r.counting.includes(d)) ? 'yes' : 'no');
      }
      return conjunction(parts);
    }
  }
}

const VERDICT_DA: Record<RuleVerdict, string> = {
  yes: 'ja',
  no: 'nej',
  undecided: 'kan ikke afgøres med de foreliggende data',
  notApplicable: 'kan ikke beregnes, når oprindelseskriteriet er slået fra',
};

/** A designation's outcome in Danish, with the count of its first "at least" rule. */
function designationText(k: Combination, i: number, verdict: RuleVerdict): string {
  const d = k.plan.set.designations[i]!;
  const r = k.plan.firstAtLeast[i];
  let detail = '';
  if (r) {
    const met = r.of.filter((id) => outcomeOf(k, id) === 'met').length;
    const unknown = r.of.filter((id) => outcomeOf(k, id) === 'unknown').length;
    const open = unknown > 0 ? `, ${unknown} kan ikke afgøres` : '';
    detail = ` – ${met} af ${r.of.length} kriterier opfyldt (mindst ${r.count} kræves${open})`;
  }
  return `${d.label}: ${VERDICT_DA[verdict]}${detail}.`;
}

/** A designation's result whose Danish explanation is made when first read. */
class LazyDesignationResult implements DesignationResult {
  readonly id: DesignationId;
  readonly label: string;
  readonly #k: Combination;
  readonly #index: number;
  #explanation: string | undefined;

  constructor(
    k: Combination,
    index: number,
    readonly verdict: DesignationVerdict,
  ) {
    const d = k.plan.set.designations[index]!;
    this.id = d.id;
    this.label = d.label;
    this.#k = k;
    this.#index = index;
  }

  get explanation(): string {
    this.#explanation ??= designationText(this.#k, this.#index, this.verdict);
    return this.#explanation;
  }
}

/** The minimum-residents result whose Danish explanation is made when first read. */
class LazyResidentsResult {
  readonly #min: number;
  readonly #residents: AreaListInput['residents'];
  #explanation: string | undefined;

  constructor(
    min: number,
    residents: AreaListInput['residents'],
    readonly outcome: Outcome,
  ) {
    this.#min = min;
    this.#residents = residents;
  }

  get explanation(): string {
    this.#explanation ??= explainResidents(
      this.#min,
      this.#residents === undefined ? undefined : measureInterval(this.#residents),
      this.outcome,
    );
    return this.#explanation;
  }
}

/**
 * R20 — evaluates one area against a criteria set: every criterion with its Danish explanation, and
 * every designation (yes / no / undecided, or notApplicable when it needs an omitted origin criterion).
 * The explanations are written when read.
 */
export function evaluateListCriteria(set: CriteriaSet, input: AreaListInput, options: EvaluationOptions): ListEvaluation {
  const plan = planFor(set, options.nationalConvictionRate, options.origin);
  const exactOnly = options.arithmetic === 'exact';
  const criteria = plan.criteria.map((p) => evaluateCriterion(plan, p, input, exactOnly));
  const residents = input.residents;
  const residentsOutcomeValue = residentsOutcome(plan, residents, exactOnly);
  const k: Combination = {
    plan,
    outcomes: criteria.map((c) => c.outcome),
    residents: fromOutcome(residentsOutcomeValue),
    input,
    listYear: options.listYear,
    memo: [],
  };
  const designations = set.designations.map((d, i) => new LazyDesignationResult(k, i, designationOf(k, d.id)));
  return {
    setId: set.id,
    listYear: options.listYear,
    residents: new LazyResidentsResult(set.minResidents, residents, residentsOutcomeValue),
    criteria,
    designations,
    ruleText: plan.ruleText,
    origin: plan.origin,
  };
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
