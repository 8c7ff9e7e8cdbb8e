/**
 * The nine indicators of Copenhagen's "Politik for udsatte byområder" (R18, seed 004): each with its
 * Danish label, unit, the variable it is computed from and the direction that is bad.
 */
import type { VariableId } from './statistics.ts';

export type IndicatorId =
  | 'outsideLabourForce'
  | 'nonWesternOrigin'
  | 'lowIncome'
  | 'shortEducation'
  | 'smallDwellings'
  | 'lackingInstallations'
  | 'crowding'
  | 'unsafe'
  | 'voterTurnout';

export interface Indicator {
  readonly id: IndicatorId;
  readonly variable: VariableId;
  /** Danish label for the user interface. */
  readonly label: string;
  /** Always a percentage; `unitText` says of what (Danish). */
  readonly unit: 'procent';
  readonly unitText: string;
  /** `higher`: a higher value than the city is worse; `lower`: a lower value is worse. */
  readonly badDirection: 'higher' | 'lower';
  /** True for the origin indicator, which a rule may leave out (EU Court C-417/23, see R20). */
  readonly concernsOrigin: boolean;
}

const indicator = (
  id: IndicatorId,
  variable: VariableId,
  label: string,
  unitText: string,
  badDirection: 'higher' | 'lower' = 'higher',
): Indicator => ({ id, variable, label, unit: 'procent', unitText, badDirection, concernsOrigin: id === 'nonWesternOrigin' });

/** R18 — the nine indicators, in the policy's order. */
export const COPENHAGEN_INDICATORS: readonly Indicator[] = [
  indicator('outsideLabourForce', 'outsideLabourForce', 'Beboere uden for arbejdsstyrken', '% af beboere i den erhvervsaktive alder'),
  indicator('nonWesternOrigin', 'nonWesternOrigin', 'Beboere med ikke-vestlig oprindelse', '% af beboerne'),
  indicator('lowIncome', 'lowIncome', 'Beboere med lav indkomst', '% af beboerne'),
  indicator('shortEducation', 'shortEducation', 'Beboere med kort uddannelse', '% af beboerne i aldersgruppen'),
  indicator('smallDwellings', 'smallDwellings', 'Små boliger (under 60 m²)', '% af boligerne'),
  indicator('lackingInstallations', 'lackingInstallations', 'Boliger med manglende installationer', '% af boligerne'),
  indicator('crowding', 'crowding', 'Beboere, der bor på få m²', '% af beboerne'),
  indicator('unsafe', 'unsafe', 'Utryghed', '% af de adspurgte beboere'),
  indicator('voterTurnout', 'voterTurnout', 'Valgdeltagelse', '% af de stemmeberettigede', 'lower'),
];

/** R18 — one indicator by id. */
export function indicatorById(id: IndicatorId): Indicator {
  const found = COPENHAGEN_INDICATORS.find((i) => i.id === id);
  if (!found) throw new RangeError(`unknown indicator ${id}`);
  return found;
}
