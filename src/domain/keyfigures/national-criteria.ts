/**
 * The shape of the national list criteria (Almenboligloven § 61 a / § 61 b, R20). Thresholds change
 * by law, so each criteria set is dated data, valid from a list year (lists are published 1 December);
 * the sets themselves live in `data/national-criteria-sets.ts`.
 */
import { NATIONAL_CRITERIA_SETS } from './data/national-criteria-sets.ts';

/** The variables the national criteria are stated in, each as a percentage. */
export type {
  CombinationRule,
  Comparison,
  CriteriaSet,
  CriterionDefinition,
  CriterionVariable,
  DesignationDefinition,
  DesignationId,
  NationalVariable,
  Threshold,
} from './national-criteria-types.ts';
import type { CombinationRule, CriteriaSet } from './national-criteria-types.ts';

/** R20 — the criteria set in force for a list year (the latest one valid from that year or before). */
export function criteriaSetForYear(listYear: number, sets: readonly CriteriaSet[] = NATIONAL_CRITERIA_SETS): CriteriaSet | undefined {
  let best: CriteriaSet | undefined;
  for (const s of sets) if (s.validFromListYear <= listYear && (!best || s.validFromListYear > best.validFromListYear)) best = s;
  return best;
}

function referencedCriteria(rule: CombinationRule): string[] {
  switch (rule.kind) {
    case 'criterion':
      return [rule.criterion];
    case 'atLeast':
      return [...rule.of];
    case 'all':
      return rule.of.flatMap(referencedCriteria);
    case 'not':
      return referencedCriteria(rule.rule);
    default:
      return [];
  }
}

/** R20 — the problems with criteria sets, in English for developers (empty when consistent). */
export function validateCriteriaSets(sets: readonly CriteriaSet[]): string[] {
  const errors: string[] = [];
  const years = new Set<number>();
  for (const s of sets) {
    if (years.has(s.validFromListYear)) errors.push(`${s.id}: another set starts in ${s.validFromListYear}`);
    years.add(s.validFromListYear);
    const ids = new Set(s.criteria.map((c) => c.id));
    if (ids.size !== s.criteria.length) errors.push(`${s.id}: duplicate criterion ids`);
    const designations = new Set(s.designations.map((d) => d.id));
    if (!designations.has(s.listDesignation)) errors.push(`${s.id}: list designation ${s.listDesignation} is not defined`);
    for (const d of s.designations) {
      for (const c of referencedCriteria(d.rule)) if (!ids.has(c)) errors.push(`${s.id}/${d.id}: unknown criterion ${c}`);
      if (d.rule.kind === 'atLeast' && (d.rule.count < 1 || d.rule.count > d.rule.of.length)) {
        errors.push(`${s.id}/${d.id}: count out of range`);
      }
    }
  }
  return errors;
}
