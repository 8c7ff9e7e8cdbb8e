/**
 * R6 — Landsbyggefonden holds back payments while a yearly report is late: a hold can be recorded only for a report
 * past its deadline and not submitted, one open hold per plan and year; it is released when LBF pays again.
 */

export interface HoldFacts {
  year: number;
  dueOn: string;
  /** The report's deadline status on the day of the hold. */
  overdue: boolean;
  submitted: boolean;
  openHold: boolean;
}

const date = (iso: string) => iso.split('-').reverse().join('.');

/** R6 — why a hold cannot be recorded now (Danish, per field); empty when it can. */
export function holdRefusals(f: HoldFacts): Record<string, string> {
  if (f.openHold) return { year: `Udbetalingen er allerede holdt tilbage for årsrapporten ${f.year}.` };
  if (f.submitted) return { year: `Årsrapporten ${f.year} er indsendt; udbetalingen kan ikke holdes tilbage for den.` };
  if (!f.overdue)
    return {
      year: `Årsrapporten ${f.year} er ikke forsinket (fristen er ${date(f.dueOn)}); Landsbyggefonden holder kun udbetalingen tilbage, mens en rapport er forsinket.`,
    };
  return {};
}
