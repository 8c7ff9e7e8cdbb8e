/** The shapes of the national criteria sets (R20): variables, thresholds, designations. */

export type NationalVariable =
  | 'outsideWorkOrEducation'
  | 'nonWesternOrigin'
  | 'convicted'
  | 'basicEducationOnly'
  /** Average gross income as a percentage of the same group's average in the region. */
  | 'grossIncomeVsRegion';

/** A national variable or a replacement the caller supplies (e.g. another origin definition). */
export type CriterionVariable = NationalVariable | `custom:${string}`;

/** `above`: value > threshold ("overstiger"); `atLeast`: ≥ ("mindst"); `below`: < ("mindre end"). */
export type Comparison = 'above' | 'atLeast' | 'below';

/** A fixed percentage ("2.70"), or a multiple of the national rate ("3" × landsgennemsnittet). */
export type Threshold =
  | { readonly kind: 'percent'; readonly value: string }
  | { readonly kind: 'timesNationalRate'; readonly factor: string };

export interface CriterionDefinition {
  readonly id: string;
  readonly variable: CriterionVariable;
  readonly comparison: Comparison;
  readonly threshold: Threshold;
  /** Danish short label, e.g. "18–64-årige uden for arbejde eller uddannelse". */
  readonly label: string;
  /** Danish wording of the criterion as in the law. */
  readonly text: string;
  /** Decimals used when showing the area's value. */
  readonly decimals: number;
  /** True for the origin (non-Western) criterion, which can be left out or swapped (C-417/23). */
  readonly concernsOrigin?: boolean;
}

export type DesignationId =
  | 'ghettoArea'
  | 'vulnerableArea'
  | 'hardGhettoArea'
  | 'parallelSociety'
  | 'transformationArea'
  | 'preventionArea';

/** How criteria combine into a designation. Every designation also needs the set's minimum residents. */
export type CombinationRule =
  | { readonly kind: 'criterion'; readonly criterion: string }
  | { readonly kind: 'atLeast'; readonly count: number; readonly of: readonly string[] }
  | { readonly kind: 'all'; readonly of: readonly CombinationRule[] }
  | { readonly kind: 'not'; readonly rule: CombinationRule }
  | { readonly kind: 'designation'; readonly designation: DesignationId }
  /** This designation now and in each of the `years − 1` previous list years (any of `counting`). */
  | {
      readonly kind: 'consecutiveYears';
      readonly designation: DesignationId;
      readonly years: number;
      readonly counting: readonly DesignationId[];
    };

export interface DesignationDefinition {
  readonly id: DesignationId;
  /** Danish name, e.g. "Ghettoområde". */
  readonly label: string;
  readonly rule: CombinationRule;
  /** Danish note on how the rule was established, when it is not the law's plain wording. */
  readonly note?: string;
}

export interface CriteriaSet {
  readonly id: string;
  readonly validFromListYear: number;
  /** Danish: the legal basis. */
  readonly legalBasis: string;
  /** Where the rule was found (addresses). */
  readonly sources: readonly string[];
  readonly minResidents: number;
  readonly criteria: readonly CriterionDefinition[];
  readonly designations: readonly DesignationDefinition[];
  /** The designation that made up "the list" in its time (ghetto list, later parallelsamfund). */
  readonly listDesignation: DesignationId;
}
