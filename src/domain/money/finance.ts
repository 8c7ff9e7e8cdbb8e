import { basisPoints, divRound, sumOre } from './amount.ts';

/**
 * R1, R6 — variance, burn rate and forecast of a plan's spending. Exact in øre; ratios in basis points
 * rounded half up.
 *
 * - variance = budget − actual (positive: not yet spent / underspent; negative: overspent)
 * - budget to date = each year's budget × the share of that year's plan days that have passed
 * - burn rate = actual ÷ budget to date (100 % = spending as planned)
 * - forecast = budget × burn rate (linear extrapolation); after the plan's end the forecast is the actual.
 */
export interface YearAmounts {
  budgetOre: number;
  actualOre: number;
}

export interface SpendFigures {
  budgetOre: number;
  actualOre: number;
  varianceOre: number;
  /** actual ÷ budget */
  spentBp: number | null;
  budgetToDateOre: number;
  /** actual ÷ budget to date */
  burnRateBp: number | null;
  forecastOre: number;
  /** budget − forecast (positive: forecast underspend) */
  forecastVarianceOre: number;
  outlook: 'under' | 'over' | 'on_budget' | 'no_basis';
}

const day = (iso: string) =>
  Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000);

/** The plan days of `year` (inclusive) and how many of them have passed on `asOf` (inclusive). */
export function yearProgress(year: number, startsOn: string, endsOn: string, asOf: string): { days: number; passed: number } {
  const from = Math.max(day(startsOn), day(`${year}-01-01`));
  const to = Math.min(day(endsOn), day(`${year}-12-31`));
  if (to < from) return { days: 0, passed: 0 };
  const now = day(asOf);
  return { days: to - from + 1, passed: Math.max(0, Math.min(to, now) - from + 1) };
}

/** Figures for one line (or the whole plan) from its amounts per year. */
export function spendFigures(
  perYear: Record<number, YearAmounts>,
  period: { startsOn: string; endsOn: string },
  asOf: string,
): SpendFigures {
  const entries = Object.entries(perYear).map(([y, v]) => [Number(y), v] as const);
  const budgetOre = sumOre(entries.map(([, v]) => v.budgetOre));
  const actualOre = sumOre(entries.map(([, v]) => v.actualOre));
  let toDate = 0n;
  for (const [y, v] of entries) {
    const p = yearProgress(y, period.startsOn, period.endsOn, asOf);
    if (p.days > 0) toDate += divRound(BigInt(v.budgetOre) * BigInt(p.passed), BigInt(p.days));
    else if (day(`${y}-12-31`) < day(asOf)) toDate += BigInt(v.budgetOre);
  }
  const budgetToDateOre = Number(toDate);
  const ended = day(asOf) > day(period.endsOn);
  let forecastOre: number;
  let outlook: SpendFigures['outlook'];
  if (ended) forecastOre = actualOre;
  else if (budgetToDateOre > 0) forecastOre = Number(divRound(BigInt(budgetOre) * BigInt(actualOre), BigInt(budgetToDateOre)));
  else forecastOre = budgetOre;
  const forecastVarianceOre = budgetOre - forecastOre;
  if (!ended && budgetToDateOre === 0) outlook = 'no_basis';
  else if (forecastVarianceOre > 0) outlook = 'under';
  else if (forecastVarianceOre < 0) outlook = 'over';
  else outlook = 'on_budget';
  return {
    budgetOre,
    actualOre,
    varianceOre: budgetOre - actualOre,
    spentBp: basisPoints(actualOre, budgetOre),
    budgetToDateOre,
    burnRateBp: budgetToDateOre > 0 ? basisPoints(actualOre, budgetToDateOre) : null,
    forecastOre,
    forecastVarianceOre,
    outlook,
  };
}

export const outlookLabels: Record<SpendFigures['outlook'], string> = {
  under: 'Forventet mindreforbrug',
  over: 'Forventet merforbrug',
  on_budget: 'Forventes at holde budgettet',
  no_basis: 'Intet grundlag endnu',
};

export const forecastRuleText =
  'Afvigelse = budget − forbrug. Budget til dato = hvert års budget × den andel af årets plandage, der er gået. ' +
  'Forbrugstakt = forbrug ÷ budget til dato. Prognose = budget × forbrugstakt (lineær fremskrivning); efter planens slut er prognosen forbruget. ' +
  'Procenter er afrundet til to decimaler (halvt op); beløb er eksakte i øre.';
