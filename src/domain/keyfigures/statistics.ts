/**
 * Statistics per estate and year, stored as numerators and denominators — never as bare percentages —
 * so they can be added up to urban areas, districts and the city with the right population weights.
 */
import { fraction, multiply, type Rational } from './exact.ts';

/** The variables behind the nine Copenhagen indicators (R18) and the national list criteria (R20). */
export type VariableId =
  | 'outsideWorkOrEducation'
  | 'nonWesternOrigin'
  | 'convicted'
  | 'basicEducationOnly'
  | 'grossIncome'
  | 'outsideLabourForce'
  | 'lowIncome'
  | 'shortEducation'
  | 'smallDwellings'
  | 'lackingInstallations'
  | 'crowding'
  | 'unsafe'
  | 'voterTurnout';

export interface VariableDefinition {
  readonly id: VariableId;
  /** `share`: numerator is part of the denominator (a percentage); `average`: numerator is a sum (øre). */
  readonly kind: 'share' | 'average';
  /** Danish: what is counted above the line. */
  readonly numerator: string;
  /** Danish: the population the variable is weighted by. */
  readonly denominator: string;
}

const share = (id: VariableId, numerator: string, denominator: string): VariableDefinition => ({
  id,
  kind: 'share',
  numerator,
  denominator,
});

/** R18/R20 — every variable with the population it is weighted by (Danish descriptions). */
export const VARIABLES: Readonly<Record<VariableId, VariableDefinition>> = {
  outsideWorkOrEducation: share('outsideWorkOrEducation', '18–64-årige uden for arbejde eller uddannelse', '18–64-årige'),
  nonWesternOrigin: share('nonWesternOrigin', 'indvandrere og efterkommere fra ikke-vestlige lande', 'beboere'),
  convicted: share(
    'convicted',
    'dømte for overtrædelse af straffeloven, våbenloven eller lov om euforiserende stoffer',
    'beboere på 18 år og derover',
  ),
  basicEducationOnly: share('basicEducationOnly', '30–59-årige med alene grundskoleuddannelse', '30–59-årige'),
  grossIncome: {
    id: 'grossIncome',
    kind: 'average',
    numerator: 'samlet bruttoindkomst i øre for skattepligtige 15–64-årige ekskl. uddannelsessøgende',
    denominator: 'skattepligtige 15–64-årige ekskl. uddannelsessøgende',
  },
  outsideLabourForce: share('outsideLabourForce', 'beboere uden for arbejdsstyrken', 'beboere i den erhvervsaktive alder'),
  lowIncome: share('lowIncome', 'beboere med lav indkomst', 'beboere'),
  shortEducation: share('shortEducation', 'beboere med kort uddannelse', 'beboere i uddannelsesstatistikkens aldersgruppe'),
  smallDwellings: share('smallDwellings', 'boliger under 60 m²', 'boliger'),
  lackingInstallations: share('lackingInstallations', 'boliger med manglende installationer', 'boliger'),
  crowding: share('crowding', 'beboere, der bor på få m²', 'beboere'),
  unsafe: share('unsafe', 'beboere, der føler sig utrygge', 'adspurgte beboere'),
  voterTurnout: share('voterTurnout', 'afgivne stemmer', 'stemmeberettigede'),
};

export const VARIABLE_IDS = Object.keys(VARIABLES) as readonly VariableId[];

/** A numerator over the population it belongs to; whole counts (øre for income sums). */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

/** Residents and the variables known for one unit (estate, urban area, district, city) and year. */
export interface KeyFigures {
  readonly residents: number;
  readonly ratios: Readonly<Partial<Record<VariableId, Ratio>>>;
}

/** One estate's statistics for one year. */
export interface EstateStatistics extends KeyFigures {
  readonly estateId: string;
  readonly year: number;
}

/**
 * R18 — the problems with one unit's figures, in Danish (empty when valid): counts must be whole,
 * non-negative and safe; a share's numerator cannot exceed its denominator.
 */
export function validateKeyFigures(k: KeyFigures): string[] {
  return keyFigureProblems(k).map((p) => p.message);
}

/** A problem with a unit's figures: the variable it concerns (none for the residents) and the Danish message. */
export interface KeyFigureProblem {
  variable: VariableId | null;
  /** Whether the numerator exceeds the denominator of a share (the cells to point at are that variable's pair). */
  numeratorAbove: boolean;
  message: string;
}

/** R18 — as `validateKeyFigures`, each problem with the variable it concerns. */
export function keyFigureProblems(k: KeyFigures): KeyFigureProblem[] {
  const out: KeyFigureProblem[] = [];
  const whole = (x: number) => Number.isSafeInteger(x) && x >= 0;
  if (!whole(k.residents))
    out.push({
      variable: null,
      numeratorAbove: false,
      message: `Antal beboere skal være et helt, ikke-negativt tal (fik ${k.residents}).`,
    });
  for (const [id, r] of Object.entries(k.ratios) as [VariableId, Ratio][]) {
    if (!whole(r.numerator) || !whole(r.denominator)) {
      out.push({
        variable: id,
        numeratorAbove: false,
        message: `${VARIABLES[id].numerator}: tæller og nævner skal være hele, ikke-negative tal.`,
      });
    } else if (VARIABLES[id].kind === 'share' && r.numerator > r.denominator) {
      out.push({
        variable: id,
        numeratorAbove: true,
        message: `${VARIABLES[id].numerator}: tælleren (${r.numerator}) er større end nævneren (${r.denominator}).`,
      });
    }
  }
  return out;
}

const HUNDRED = fraction(100);

/** R18 — a share as an exact percentage (100 · numerator / denominator); undefined when nobody is counted. */
export function percentOf(r: Ratio | undefined): Rational | undefined {
  if (!r || r.denominator === 0) return undefined;
  return multiply(HUNDRED, fraction(r.numerator, r.denominator));
}

/** R18 — an average (numerator / denominator), e.g. gross income per person in øre. */
export function averageOf(r: Ratio | undefined): Rational | undefined {
  if (!r || r.denominator === 0) return undefined;
  return fraction(r.numerator, r.denominator);
}

/** R18 — a variable's value as shown and compared: a percentage for shares, an average otherwise. */
export function valueOf(k: KeyFigures, id: VariableId): Rational | undefined {
  const r = k.ratios[id];
  return VARIABLES[id].kind === 'share' ? percentOf(r) : averageOf(r);
}
