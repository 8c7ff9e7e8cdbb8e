/**
 * Comparison with the city average and Copenhagen's own designation of vulnerable urban areas (R18).
 * The exact designation rule is not public, so it is configuration: which indicators count, how many
 * must deviate and by how much. The rule is rendered as Danish text to be shown beside every result.
 */
import { add, compare, decimal, decimalsOf, formatDa, fraction, multiply, type Rational, subtract } from './exact.ts';
import { COPENHAGEN_INDICATORS, type Indicator, type IndicatorId, indicatorById } from './indicators.ts';
import { type KeyFigures, valueOf } from './statistics.ts';

/** A three-valued outcome: data that is missing may leave a question undecided. */
export type Verdict = 'yes' | 'no' | 'undecided';

export interface IndicatorComparison {
  readonly indicator: Indicator;
  /** The area's and the city's percentages (undefined when not available). */
  readonly area?: Rational;
  readonly city?: Rational;
  /** area − city, in percentage points. */
  readonly differencePoints?: Rational;
  /** Whether the area is strictly worse than the city, in the indicator's bad direction. */
  readonly worse: 'yes' | 'no' | 'unknown';
}

/** R18 — each indicator for an area next to the city average, and whether the area is worse. */
export function compareWithCity(
  area: KeyFigures,
  city: KeyFigures,
  indicators: readonly Indicator[] = COPENHAGEN_INDICATORS,
): IndicatorComparison[] {
  return indicators.map((indicator) => {
    const a = valueOf(area, indicator.variable);
    const c = valueOf(city, indicator.variable);
    if (!a || !c) return { indicator, area: a, city: c, worse: 'unknown' as const };
    const sign = compare(a, c);
    const worse = indicator.badDirection === 'higher' ? sign > 0 : sign < 0;
    return { indicator, area: a, city: c, differencePoints: subtract(a, c), worse: worse ? 'yes' : 'no' };
  });
}

/** How far from the city average an indicator must be: relative (% of the average) or in points. */
export type Deviation = { readonly kind: 'relative'; readonly percent: string } | { readonly kind: 'points'; readonly points: string };

/** A configurable rule for Copenhagen's designation of vulnerable urban areas. */
export interface VulnerableAreaRule {
  readonly id: string;
  /** Danish name shown with the rule. */
  readonly name: string;
  /** The indicators that count (leave out `nonWesternOrigin` to drop the origin criterion). */
  readonly indicators: readonly IndicatorId[];
  /** How many of them must deviate. */
  readonly minDeviating: number;
  readonly deviation: Deviation;
}

/**
 * R18 — an illustrative rule so the interface has something to show. It is NOT the municipality's
 * rule, which is not public; the text says so.
 */
export const EXAMPLE_VULNERABLE_AREA_RULE: VulnerableAreaRule = {
  id: 'eksempel',
  name: 'Eksempel (ikke kommunens officielle regel)',
  indicators: COPENHAGEN_INDICATORS.map((i) => i.id),
  minDeviating: 3,
  deviation: { kind: 'relative', percent: '25' },
};

/** A problem with a rule: the part of the rule it concerns and the Danish message. */
export interface RuleProblem {
  field: 'indicators' | 'minDeviating' | 'deviation';
  message: string;
}

/** R18 — the problems with a rule, each with the part it concerns (empty when valid). */
export function ruleProblems(rule: VulnerableAreaRule): RuleProblem[] {
  const out: RuleProblem[] = [];
  const add = (field: RuleProblem['field'], message: string) => out.push({ field, message });
  const known = new Set(COPENHAGEN_INDICATORS.map((i) => i.id));
  if (rule.indicators.length === 0) add('indicators', 'Reglen skal omfatte mindst én indikator.');
  if (new Set(rule.indicators).size !== rule.indicators.length) add('indicators', 'En indikator er nævnt flere gange.');
  for (const id of rule.indicators) if (!known.has(id)) add('indicators', `Ukendt indikator: ${id}.`);
  if (!Number.isInteger(rule.minDeviating) || rule.minDeviating < 1 || rule.minDeviating > rule.indicators.length) {
    add('minDeviating', `Antallet af afvigende indikatorer skal være mellem 1 og ${rule.indicators.length}.`);
  }
  const amount = rule.deviation.kind === 'relative' ? rule.deviation.percent : rule.deviation.points;
  try {
    if (compare(decimal(amount), fraction(0)) < 0) add('deviation', 'Afvigelsen kan ikke være negativ.');
  } catch (err) {
    // `decimal` refuses what is not a decimal number with a RangeError.
    if (!(err instanceof RangeError)) throw err;
    add('deviation', `Afvigelsen skal være et tal (fik »${amount}«).`);
  }
  return out;
}

/** R18 — the problems with a rule, in Danish (empty when valid). */
export function validateVulnerableAreaRule(rule: VulnerableAreaRule): string[] {
  return ruleProblems(rule).map((p) => p.message);
}

/**
 * R18 — whether one indicator deviates enough: strictly worse than the city, and at least the rule's
 * distance away (relative: area ≥ city · (1 + p/100), or ≤ city · (1 − p/100) when lower is worse).
 */
export function deviates(c: IndicatorComparison, deviation: Deviation): 'yes' | 'no' | 'unknown' {
  if (!c.area || !c.city) return 'unknown';
  if (c.worse === 'no') return 'no';
  const higher = c.indicator.badDirection === 'higher';
  let bound: Rational;
  if (deviation.kind === 'relative') {
    const p = multiply(decimal(deviation.percent), fraction(1, 100));
    bound = multiply(c.city, higher ? add(fraction(1), p) : subtract(fraction(1), p));
  } else {
    const q = decimal(deviation.points);
    bound = higher ? add(c.city, q) : subtract(c.city, q);
  }
  const side = compare(c.area, bound);
  return (higher ? side >= 0 : side <= 0) ? 'yes' : 'no';
}

export interface VulnerableAreaResult {
  readonly verdict: Verdict;
  readonly deviating: readonly IndicatorId[];
  readonly unknown: readonly IndicatorId[];
  readonly comparisons: readonly (IndicatorComparison & { readonly deviates: 'yes' | 'no' | 'unknown' })[];
  /** The rule in Danish, to be shown beside the result. */
  readonly ruleText: string;
  /** The result in Danish. */
  readonly explanation: string;
}

/** R18 — applies a designation rule to an area against the city average. */
export function evaluateVulnerableArea(area: KeyFigures, city: KeyFigures, rule: VulnerableAreaRule): VulnerableAreaResult {
  const errors = validateVulnerableAreaRule(rule);
  if (errors.length > 0) throw new RangeError(errors.join(' '));
  const comparisons = compareWithCity(area, city, rule.indicators.map(indicatorById)).map((c) => ({
    ...c,
    deviates: deviates(c, rule.deviation),
  }));
  const deviating = comparisons.filter((c) => c.deviates === 'yes').map((c) => c.indicator.id);
  const unknown = comparisons.filter((c) => c.deviates === 'unknown').map((c) => c.indicator.id);
  const verdict: Verdict =
    deviating.length >= rule.minDeviating ? 'yes' : deviating.length + unknown.length < rule.minDeviating ? 'no' : 'undecided';
  const outcome = { yes: 'udsat byområde', no: 'ikke udsat byområde', undecided: 'kan ikke afgøres (data mangler)' }[verdict];
  const missing = unknown.length > 0 ? `; ${unknown.length} uden data` : '';
  const explanation = `${deviating.length} af ${rule.indicators.length} indikatorer afviger (mindst ${rule.minDeviating} kræves${missing}): ${outcome}.`;
  return { verdict, deviating, unknown, comparisons, ruleText: describeVulnerableAreaRule(rule), explanation };
}

/** Danish notation of a decimal literal, keeping its written decimals ("12.5" → "12,5"). */
const literalDa = (x: string): string => formatDa(decimal(x), decimalsOf(x));

/** R18 — the rule as Danish text, e.g. for display beside each result. */
export function describeVulnerableAreaRule(rule: VulnerableAreaRule): string {
  const indicators = rule.indicators.map(indicatorById);
  const distance =
    rule.deviation.kind === 'relative'
      ? `mindst ${literalDa(rule.deviation.percent)} % (relativt)`
      : `mindst ${literalDa(rule.deviation.points)} procentpoint`;
  const lower = indicators.filter((i) => i.badDirection === 'lower').map((i) => i.label.toLowerCase());
  const direction = lower.length > 0 ? `højere end gennemsnittet; for ${lower.join(' og ')} lavere` : 'højere end gennemsnittet';
  const origin = indicators.some((i) => i.concernsOrigin) ? '' : ' Oprindelse indgår ikke i reglen.';
  return (
    `Regel »${rule.name}«: Et byområde betegnes som udsat, når mindst ${rule.minDeviating} af ${indicators.length} ` +
    `indikatorer afviger ${distance} fra kommunens gennemsnit i ugunstig retning (${direction}). ` +
    `Indikatorer: ${indicators.map((i) => i.label).join(', ')}.${origin}`
  );
}
