/**
 * Danish texts for the national list criteria (R20): each criterion's value against its threshold,
 * each designation's outcome, and the whole criteria set as a rule to show beside the result.
 */
import { decimal, decimalsOf, formatDa, type Rational } from './exact.ts';
import type { CombinationRule, CriteriaSet, CriterionDefinition, DesignationId } from './national-criteria.ts';

/** A value known exactly (lo = hi) or only within bounds. */
export interface Interval {
  readonly lo: Rational;
  readonly hi: Rational;
}

export type CriterionOutcome = 'met' | 'notMet' | 'unknown' | 'omitted';

/** R20 — a decimal literal in Danish notation with its written decimals ("2.70" → "2,70"). */
export const literalDa = (x: string): string => formatDa(decimal(x), decimalsOf(x));

const same = (i: Interval) => i.lo.n === i.hi.n && i.lo.d === i.hi.d;

/** R20 — a value in Danish: "43,3 %", or "mellem 1.035 og 1.045" for imprecise data. */
export function formatInterval(i: Interval, decimals: number, unit = ' %'): string {
  return same(i) ? `${formatDa(i.lo, decimals)}${unit}` : `mellem ${formatDa(i.lo, decimals)} og ${formatDa(i.hi, decimals)}${unit}`;
}

/** R20 — a criterion's threshold in Danish, with the computed value for relative thresholds. */
export function thresholdText(c: CriterionDefinition, threshold: Rational | undefined, nationalRate?: Interval): string {
  if (c.threshold.kind === 'percent') return `${literalDa(c.threshold.value)} %`;
  const base = `${literalDa(c.threshold.factor)} × landsgennemsnittet`;
  if (!nationalRate) return `${base} (landsgennemsnittet mangler)`;
  if (!threshold) return `${base} (landsgennemsnittet er ${formatInterval(nationalRate, 2)})`;
  return `${base} (${literalDa(c.threshold.factor)} × ${formatInterval(nationalRate, 2, '')} % = ${formatDa(threshold, 2)} %)`;
}

const RELATION: Record<CriterionDefinition['comparison'], Record<'met' | 'notMet' | 'unknown', string>> = {
  above: { met: 'er over', notMet: 'er ikke over', unknown: 'kan ligge på begge sider af' },
  atLeast: { met: 'er mindst', notMet: 'er under', unknown: 'kan ligge på begge sider af' },
  below: { met: 'er under', notMet: 'er ikke under', unknown: 'kan ligge på begge sider af' },
};

const OUTCOME_DA: Record<CriterionOutcome, string> = {
  met: 'opfyldt',
  notMet: 'ikke opfyldt',
  unknown: 'kan ikke afgøres',
  omitted: 'udeladt',
};

/** R20 — one criterion's outcome in Danish: the area's value against the threshold. */
export function explainCriterion(
  c: CriterionDefinition,
  outcome: CriterionOutcome,
  value: Interval | undefined,
  threshold: Rational | undefined,
  nationalRate?: Interval,
): string {
  if (outcome === 'omitted') {
    return `${c.label}: indgår ikke – oprindelseskriteriet er slået fra (jf. EU-Domstolens dom i sag C-417/23).`;
  }
  if (!value) return `${c.label}: ingen pålidelige data – ${OUTCOME_DA.unknown}.`;
  const limit = thresholdText(c, threshold, nationalRate);
  const relation = outcome === 'unknown' && !threshold ? 'sammenholdes med' : RELATION[c.comparison][outcome];
  return `${c.label}: ${formatInterval(value, c.decimals)} ${relation} grænsen ${limit} – ${OUTCOME_DA[outcome]}.`;
}

/** R20 — the minimum-residents condition in Danish. */
export function explainResidents(min: number, residents: Interval | undefined, outcome: 'met' | 'notMet' | 'unknown'): string {
  const limit = formatDa({ n: BigInt(min), d: 1n }, 0);
  if (!residents) return `Beboere: antal ukendt – kan ikke afgøres (mindst ${limit} kræves).`;
  const word = { met: 'opfyldt', notMet: 'ikke opfyldt', unknown: 'kan ikke afgøres' }[outcome];
  return `Beboere: ${formatInterval(residents, 0, '')} (mindst ${limit} kræves) – ${word}.`;
}

/** Danish names of the designations, also for those defined only in earlier criteria sets. */
export const DESIGNATION_LABELS: Readonly<Record<DesignationId, string>> = {
  ghettoArea: 'ghettoområde',
  vulnerableArea: 'udsat boligområde',
  hardGhettoArea: 'hårdt ghettoområde',
  parallelSociety: 'parallelsamfund',
  transformationArea: 'omdannelsesområde',
  preventionArea: 'forebyggelsesområde',
};

const labelOf = (set: CriteriaSet, id: DesignationId): string =>
  set.designations.find((d) => d.id === id)?.label.toLowerCase() ?? DESIGNATION_LABELS[id];
/** Drops a sentence's final full stop, but not the one of "pct.". */
const clause = (text: string): string => text.replace(/(?<!pct)\.$/, '');

/** R20 — a combination rule in Danish, e.g. "mindst 2 af disse 3 kriterier: …". */
export function describeRule(rule: CombinationRule, set: CriteriaSet): string {
  const criterion = (id: string) => {
    const text = set.criteria.find((c) => c.id === id)?.text ?? id;
    return text.charAt(0).toLowerCase() + text.slice(1);
  };
  switch (rule.kind) {
    case 'criterion':
      return clause(criterion(rule.criterion));
    case 'atLeast':
      return `mindst ${rule.count} af disse ${rule.of.length} kriterier er opfyldt: ${rule.of
        .map((id, i) => `${i + 1}) ${clause(criterion(id))}`)
        .join('; ')}`;
    case 'all':
      return rule.of.map((r) => describeRule(r, set)).join(', og ');
    case 'not':
      return rule.rule.kind === 'designation'
        ? `området ikke er et ${labelOf(set, rule.rule.designation)}`
        : `dette ikke gælder: ${describeRule(rule.rule, set)}`;
    case 'designation':
      return `området er et ${labelOf(set, rule.designation)}`;
    case 'consecutiveYears':
      return `området har været ${rule.counting.map((d) => labelOf(set, d)).join(' eller ')} på listen de seneste ${rule.years} år i træk`;
  }
}

/** R20 — the whole criteria set as Danish text, one paragraph per designation. */
export function describeCriteriaSet(set: CriteriaSet): string {
  // The same text for every area evaluated against the set (R20, 8,000 estates): made once per set.
  let text = setTexts.get(set);
  if (text === undefined) {
    text = criteriaSetText(set);
    setTexts.set(set, text);
  }
  return text;
}

const setTexts = new WeakMap<CriteriaSet, string>();

function criteriaSetText(set: CriteriaSet): string {
  const residents = formatDa({ n: BigInt(set.minResidents), d: 1n }, 0);
  const lines = set.designations.map((d) => {
    const text = `${d.label}: et alment boligområde med mindst ${residents} beboere, hvor ${describeRule(d.rule, set)}`;
    return `${text.endsWith('.') ? text : `${text}.`}${d.note ? ` (${d.note})` : ''}`;
  });
  return [`Kriterier gældende fra listen pr. 1. december ${set.validFromListYear} (${set.legalBasis}).`, ...lines].join('\n');
}
