/**
 * The columns of a statistics file (CSV or Excel) per estate and year (R18, R20): Danish headers for
 * every numerator, and shared population columns as denominators. An empty cell means "not known".
 */
import type { VariableId } from '../../domain/keyfigures/index.ts';

export interface VariableColumns {
  readonly variable: VariableId;
  readonly numerator: string;
  readonly denominator: string;
  /** The numerator is an amount in whole kroner (stored in øre). */
  readonly kroner?: boolean;
}

/** Columns that identify the estate. */
export const ID_COLUMNS = { organisation: 'organisation', number: 'afdelingsnummer', name: 'afdeling', residents: 'beboere' } as const;

/** R18/R20 — every variable's numerator column and the population column it is divided by. */
export const VARIABLE_COLUMNS: readonly VariableColumns[] = [
  { variable: 'outsideWorkOrEducation', numerator: 'uden_arbejde_uddannelse_18_64', denominator: 'beboere_18_64' },
  { variable: 'nonWesternOrigin', numerator: 'ikke_vestlig_oprindelse', denominator: 'beboere_med_oprindelse' },
  { variable: 'convicted', numerator: 'doemte_18_plus', denominator: 'beboere_18_plus' },
  { variable: 'basicEducationOnly', numerator: 'kun_grundskole_30_59', denominator: 'beboere_30_59' },
  { variable: 'grossIncome', numerator: 'bruttoindkomst_kr', denominator: 'skattepligtige_15_64', kroner: true },
  { variable: 'outsideLabourForce', numerator: 'uden_for_arbejdsstyrken', denominator: 'beboere_erhvervsaktiv_alder' },
  { variable: 'lowIncome', numerator: 'lav_indkomst', denominator: 'beboere_indkomst_opgjort' },
  { variable: 'shortEducation', numerator: 'kort_uddannelse', denominator: 'beboere_uddannelse_opgjort' },
  { variable: 'smallDwellings', numerator: 'boliger_under_60_m2', denominator: 'boliger' },
  { variable: 'lackingInstallations', numerator: 'boliger_mangler_installationer', denominator: 'boliger_installationer_opgjort' },
  { variable: 'crowding', numerator: 'bor_paa_faa_m2', denominator: 'beboere_boligareal_opgjort' },
  { variable: 'unsafe', numerator: 'utrygge', denominator: 'adspurgte' },
  { variable: 'voterTurnout', numerator: 'stemmer', denominator: 'stemmeberettigede' },
];

/** Every header a template has, in order. */
export const TEMPLATE_HEADERS: readonly string[] = [
  ID_COLUMNS.organisation,
  ID_COLUMNS.number,
  ID_COLUMNS.name,
  ID_COLUMNS.residents,
  ...VARIABLE_COLUMNS.flatMap((c) => [c.numerator, c.denominator]),
];
