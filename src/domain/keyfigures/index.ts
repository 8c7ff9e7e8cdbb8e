/**
 * Key figures and vulnerable areas (issue 8): pure domain rules, no I/O.
 * R18 — statistics per estate, aggregation, the nine Copenhagen indicators, the city comparison and
 * Copenhagen's configurable designation rule, suppression of small counts.
 * R20 — the national list criteria as dated data, their evaluation and Danish explanations, and the
 * published 2010–2017 Copenhagen values as reference data.
 */
export { type Aggregate, aggregateBy, sumKeyFigures } from './aggregate.ts';
export {
  compareWithCity,
  type Deviation,
  deviates,
  describeVulnerableAreaRule,
  EXAMPLE_VULNERABLE_AREA_RULE,
  evaluateVulnerableArea,
  type IndicatorComparison,
  ruleProblems,
  validateVulnerableAreaRule,
  type Verdict,
  type VulnerableAreaResult,
  type VulnerableAreaRule,
} from './city-comparison.ts';
export { NATIONAL_CRITERIA_SETS } from './data/national-criteria-sets.ts';
export {
  add,
  compare,
  decimal,
  decimalsOf,
  divide,
  formatDa,
  fraction,
  multiply,
  type Rational,
  subtract,
  toNumber,
} from './exact.ts';
export { COPENHAGEN_INDICATORS, type Indicator, type IndicatorId, indicatorById } from './indicators.ts';
export {
  type ListField,
  type ListReferenceRow,
  listInputFromReferenceRow,
  parseListReferenceCsv,
  parseQualityFlag,
  type QualityFlag,
  RESIDENTS_ROUNDING,
  type RowError,
} from './list-reference-csv.ts';
export {
  type CombinationRule,
  type Comparison,
  type CriteriaSet,
  criteriaSetForYear,
  type CriterionDefinition,
  type CriterionVariable,
  type DesignationDefinition,
  type DesignationId,
  type NationalVariable,
  type Threshold,
  validateCriteriaSets,
} from './national-criteria.ts';
export {
  type AreaListInput,
  type AreasMeetingCriteria,
  areasMeetingCriteria,
  type CriterionResult,
  type DesignationResult,
  type DesignationVerdict,
  designationVerdict,
  type EvaluationOptions,
  evaluateListCriteria,
  type ListEvaluation,
  type Measure,
  measureInterval,
  describeOriginPolicy,
  ORIGIN_DEFINITIONS,
  type OriginDefinitionId,
  type OriginPolicy,
  originDefinition,
} from './national-evaluation.ts';
export {
  type CriterionOutcome,
  DESIGNATION_LABELS,
  describeCriteriaSet,
  describeRule,
  explainCriterion,
  explainResidents,
  formatInterval,
  type Interval,
  thresholdText,
} from './national-explain.ts';
export {
  averageOf,
  type EstateStatistics,
  type KeyFigures,
  percentOf,
  type Ratio,
  type KeyFigureProblem,
  keyFigureProblems,
  validateKeyFigures,
  VARIABLE_IDS,
  type VariableDefinition,
  type VariableId,
  VARIABLES,
  valueOf,
} from './statistics.ts';
export {
  type CountCell,
  type Disclosure,
  findDisclosure,
  publishedCounts,
  type SuppressionResult,
  suppressSmallCounts,
} from './suppression.ts';
export { CountTree, suppressCountTree, type TreeSuppression } from './suppression-tree.ts';
