/**
 * R16 — the history of the portfolio of plans: public facts about how many plans existed on a date and how many the
 * municipal co-financing pool funded. Only published numbers, each with its source; never derived from demo data.
 */

export interface PortfolioFact {
  /** The day the numbers describe. */
  on: string;
  plans: number;
  /** Plans co-financed from the municipal pool (R8). */
  coFinanced: number;
  source: string;
}

export const portfolioFacts: readonly PortfolioFact[] = [
  {
    on: '2014-01-01',
    plans: 18,
    coFinanced: 17,
    source:
      'Københavns Kommune, indstilling om boligsociale helhedsplaner (seed 001, linje 28): «Per 1. januar 2014 er der 18 boligsociale helhedsplaner i København, hvoraf 17 er beliggende i de udsatte boligområder og derfor har fået medfinansiering fra 30 mio. kr. puljen.»',
  },
];

/** R16 — the latest public fact on or before a day (null before the first); the fact carries its own date. */
export function portfolioFactOn(on: string, facts: readonly PortfolioFact[] = portfolioFacts): PortfolioFact | null {
  return [...facts].filter((f) => f.on <= on).sort((a, b) => b.on.localeCompare(a.on))[0] ?? null;
}
