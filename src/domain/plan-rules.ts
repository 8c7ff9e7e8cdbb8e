/** R1–R5 rules about a plan's frame: dates, estates, parties, indicators, contingency review. */

export interface Warning {
  rule: string;
  message: string;
  field?: string;
}

const monthsBetween = (a: string, b: string) => {
  const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
  const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
  return (yb - ya) * 12 + (mb - ma) + (db - da + 1) / 31;
};

/**
 * R5 — a plan runs about 4 years: end before start is refused; longer or shorter, and dates outside the
 * funding period, give a warning.
 */
export function checkPlanPeriod(
  p: { startsOn: string; endsOn: string },
  period: { code: string; startsOn: string; endsOn: string; extendedTo?: string | null; extensionNote?: string },
) {
  const errors: Warning[] = [];
  const warnings: Warning[] = [];
  /** R2 — why a plan may run past its period (the period was extended): shown, not flagged. */
  const explanations: Warning[] = [];
  if (p.endsOn < p.startsOn) errors.push({ rule: 'R5', field: 'endsOn', message: 'Slutdatoen må ikke ligge før startdatoen.' });
  else {
    const months = Math.round(monthsBetween(p.startsOn, p.endsOn));
    if (months !== 48)
      warnings.push({ rule: 'R5', field: 'endsOn', message: `Planen varer ${months} måneder; normen er 4 år (48 måneder).` });
  }
  const extended = !!period.extendedTo && p.startsOn >= period.startsOn && p.endsOn > period.endsOn && p.endsOn <= period.extendedTo;
  if (extended) {
    const [y, m, d] = period.extendedTo!.split('-');
    explanations.push({
      rule: 'R2',
      field: 'endsOn',
      message: `Planen løber ud over bevillingsperioden ${period.code}, fordi perioden er forlænget til ${d}.${m}.${y}${period.extensionNote ? `: ${period.extensionNote}` : '.'}`,
    });
  } else if (p.startsOn < period.startsOn || p.endsOn > period.endsOn) {
    warnings.push({
      rule: 'R2',
      field: 'startsOn',
      message: `Planens periode ligger ikke helt inden for bevillingsperioden ${period.code}.`,
    });
  }
  return { errors, warnings, explanations };
}

/**
 * R2 — an estate can be in successive plans, never in two plans whose periods overlap.
 * `others` are the estate's other (not withdrawn or rejected) plans.
 */
export function estateOverlaps(
  plan: { startsOn: string; endsOn: string },
  estateName: string,
  others: { name: string; startsOn: string; endsOn: string }[],
): Warning[] {
  return others
    .filter((o) => o.startsOn <= plan.endsOn && plan.startsOn <= o.endsOn)
    .map((o) => ({
      rule: 'R2',
      field: 'estateIds',
      message: `Afdelingen ${estateName} er allerede med i "${o.name}" i en overlappende periode.`,
    }));
}

/** R5/R11 — the lead organisation is one of the organisations party to the grant. */
export function leadIsParty(leadId: number, partyIds: number[]): Warning[] {
  return partyIds.includes(leadId)
    ? []
    : [{ rule: 'R11', field: 'leadOrganisationId', message: 'Den ansvarlige boligorganisation skal eje mindst én af planens afdelinger.' }];
}

export type ProgressStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export const progressLabels: Record<ProgressStatus, string> = {
  on_track: 'På sporet',
  at_risk: 'I risiko',
  off_track: 'Ikke på sporet',
  no_data: 'Ingen målinger',
};

/** R4 — the rule behind the status, written on the page. */
export const progressRuleText =
  'Forventet værdi beregnes ved lineær fremskrivning fra baseline (dato) til mål (dato) på datoen for seneste måling. ' +
  'På sporet: den målte værdi er nået mindst så langt som forventet. I risiko: mindst halvdelen af den forventede forbedring er nået. ' +
  'Ikke på sporet: mindre end halvdelen (eller en udvikling i den forkerte retning).';

const days = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/**
 * R4 — progress of a success criterion toward its target: the latest measurement against the value
 * expected by linear interpolation from baseline to target.
 */
export function progressStatus(
  c: { direction: 'increase' | 'decrease'; baselineValue: number; baselineDate: string; targetValue: number; targetDate: string },
  measurements: { value: number; measuredOn: string }[],
): { status: ProgressStatus; expected: number | null; latest: { value: number; measuredOn: string } | null } {
  const latest = [...measurements].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn)).at(-1) ?? null;
  if (!latest) return { status: 'no_data', expected: null, latest: null };
  const span = days(c.targetDate) - days(c.baselineDate);
  const t = span <= 0 ? 1 : Math.min(1, Math.max(0, (days(latest.measuredOn) - days(c.baselineDate)) / span));
  const expected = c.baselineValue + (c.targetValue - c.baselineValue) * t;
  const sign = c.direction === 'increase' ? 1 : -1;
  const expectedGain = (expected - c.baselineValue) * sign;
  const gain = (latest.value - c.baselineValue) * sign;
  const eps = 1e-9;
  if (gain + eps >= expectedGain) return { status: 'on_track', expected, latest };
  if (expectedGain > 0 && gain + eps >= expectedGain / 2) return { status: 'at_risk', expected, latest };
  return { status: 'off_track', expected, latest };
}

/** R3 — a contingency plan not reviewed for 12 months gets a warning. */
export function contingencyReviewWarning(lastReviewed: string | null, today: string): Warning | null {
  if (!lastReviewed) return { rule: 'R3', message: 'Beredskabsplanen er aldrig blevet gennemgået.' };
  const [y, m, d] = lastReviewed.split('-').map(Number) as [number, number, number];
  const due = `${y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return today > due ? { rule: 'R3', message: `Beredskabsplanen blev sidst gennemgået for over 12 måneder siden.` } : null;
}
