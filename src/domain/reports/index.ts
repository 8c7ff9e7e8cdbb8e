import { danishDate } from '../text.ts';
/**
 * R6 — the yearly report to LBF: its sections, its life cycle, its deadline, and the board's verdicts.
 * Pure rules: no I/O.
 */

export const reportStates = ['draft', 'ready', 'approved', 'submitted', 'acknowledged', 'superseded'] as const;
export type ReportState = (typeof reportStates)[number];

export const reportStateLabels: Record<ReportState | 'missing', string> = {
  missing: 'Ikke påbegyndt',
  draft: 'Kladde',
  ready: 'Klar til godkendelse',
  approved: 'Godkendt af boligorganisationen',
  submitted: 'Indsendt til Landsbyggefonden',
  acknowledged: 'Modtaget af Landsbyggefonden',
  superseded: 'Erstattet af en ny revision',
};

export type ReportAction = 'markReady' | 'backToDraft' | 'approve' | 'submit' | 'acknowledge' | 'reopen';

export const reportActionLabels: Record<ReportAction, string> = {
  markReady: 'Send til godkendelse',
  backToDraft: 'Send tilbage til projektlederen',
  approve: 'Godkend rapporten',
  submit: 'Indsend til Landsbyggefonden',
  acknowledge: 'Kvittér for modtagelsen',
  reopen: 'Genåbn som ny revision',
};

const moves: Record<ReportAction, { from: readonly ReportState[]; to: ReportState }> = {
  markReady: { from: ['draft'], to: 'ready' },
  backToDraft: { from: ['ready', 'approved'], to: 'draft' },
  approve: { from: ['ready'], to: 'approved' },
  submit: { from: ['approved'], to: 'submitted' },
  acknowledge: { from: ['submitted'], to: 'acknowledged' },
  // After submission the report is frozen: reopening makes a new, linked revision (the old one is superseded).
  reopen: { from: ['submitted', 'acknowledged'], to: 'superseded' },
};

/** R6 — where an action leads from a state, or why it cannot be used. */
export function nextReportState(state: ReportState, action: ReportAction): { to: ReportState } | { error: string } {
  const m = moves[action];
  if (!m.from.includes(state))
    return { error: `«${reportActionLabels[action]}» kan ikke bruges, når rapporten er «${reportStateLabels[state].toLowerCase()}».` };
  return { to: m.to };
}

export const reportActionsFrom = (state: ReportState): ReportAction[] =>
  (Object.keys(moves) as ReportAction[]).filter((a) => moves[a].from.includes(state));

/** R6 — whether the calendar year a report covers has ended on `today` (an ISO date). */
export const yearHasEnded = (year: number, today: string) => today > `${year}-12-31`;

/**
 * R6 — a year's report goes to LBF when the year has ended; before that only with an explicit reason for the early
 * submission, which is audited. Returns the Danish reason for a refusal, or null.
 * @example earlySubmissionRefusal(2026, '2026-12-03', '') // 'Årsrapporten for 2026 kan først indsendes …'
 */
export function earlySubmissionRefusal(year: number, today: string, reason: string | undefined): string | null {
  if (yearHasEnded(year, today) || reason?.trim()) return null;
  return `Årsrapporten for ${year} kan først indsendes, når året er slut (fra 01.01.${year + 1}). Skal den indsendes før, så skriv begrundelsen for den tidlige indsendelse.`;
}

/** Frozen once submitted (R6): the content no longer follows the live data. */
export const isFrozen = (state: ReportState) => state === 'submitted' || state === 'acknowledged' || state === 'superseded';

/** The narrative sections the project leader writes. */
export const narrativeSections = [
  ['results', 'Resultater i året'],
  ['challenges', 'Udfordringer'],
  ['adjustments', 'Justeringer af indsatsen'],
  ['nextFocus', 'Fokus i det kommende år'],
  ['residentInvolvement', 'Beboerinddragelse'],
] as const;
export type NarrativeKey = (typeof narrativeSections)[number][0];
export type Narrative = Record<NarrativeKey, string>;
export const emptyNarrative = (): Narrative => Object.fromEntries(narrativeSections.map(([k]) => [k, ''])) as Narrative;

/** R6 — a milestone of next year's milestone plan: when, what, and who answers for it. */
export interface Milestone {
  dueOn: string;
  description: string;
  responsible: string;
}

/** R6 — the milestones in date order (then by description), so the plan reads as a time line. */
export const sortMilestones = (ms: readonly Milestone[]): Milestone[] =>
  [...ms].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.description.localeCompare(b.description, 'da'));

/**
 * R6 — the report for year Y carries the milestone plan for Y+1 (LBF): every milestone is dated in that year.
 * Returns one Danish message per milestone outside it, keyed by its position.
 */
export function milestoneViolations(year: number, ms: readonly Milestone[]): { index: number; message: string }[] {
  const next = String(year + 1);
  return ms.flatMap((m, index) =>
    m.dueOn.slice(0, 4) === next
      ? []
      : [
          {
            index,
            message: `Milepælsplanen gælder ${next}: milepælen «${m.description}» er dateret ${danishDate(m.dueOn)}.`,
          },
        ],
  );
}

/** R6 — a report is not sent on for approval without next year's milestone plan. */
export function milestonePlanMissing(year: number, ms: readonly Milestone[]): string | null {
  return ms.length ? null : `Tilføj mindst én milepæl for ${year + 1}, før rapporten sendes til godkendelse.`;
}

/**
 * R6 — the report for a calendar year is due six months after the year ends (LBF: the accounts with the
 * goal-fulfilment forms), unless the secretariat has set another date for that year.
 */
export const defaultDueOn = (year: number) => `${year + 1}-06-30`;

export type DeadlineStatus = 'submitted' | 'not_due' | 'due_soon' | 'overdue';
export const deadlineStatusLabels: Record<DeadlineStatus, string> = {
  submitted: 'Indsendt',
  not_due: 'Frist ikke nået',
  due_soon: 'Frist nærmer sig',
  overdue: 'Forsinket',
};

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** R6 — where a report stands against its deadline on a day; LBF may hold back payments while it is late. */
export function deadlineStatus(o: { dueOn: string; remindDays: number; submittedOn: string | null; today: string }): DeadlineStatus {
  if (o.submittedOn) return 'submitted';
  if (o.today > o.dueOn) return 'overdue';
  if (o.today >= addDays(o.dueOn, -o.remindDays)) return 'due_soon';
  return 'not_due';
}

/** The calendar years a plan reports on, up to the year of `today` (the running year's report can be drafted). */
export function reportYears(plan: { startsOn: string; endsOn: string }, today: string): number[] {
  const first = Number(plan.startsOn.slice(0, 4));
  const last = Math.min(Number(plan.endsOn.slice(0, 4)), Number(today.slice(0, 4)));
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

export type ActivityYearStatus = 'planned' | 'running' | 'ended' | 'cancelled';
export const activityYearLabels: Record<ActivityYearStatus, string> = {
  planned: 'Planlagt',
  running: 'I gang',
  ended: 'Afsluttet',
  cancelled: 'Aflyst',
};

/** The rule behind an activity's status in the report, printed beside the table. */
export const activityStatusRuleText =
  'En aktivitet er «aflyst», hvis den er aflyst med slutdato senest ved årets udgang; «planlagt», hvis den starter efter året (eller er planlagt uden startdato); ' +
  '«afsluttet», hvis den sluttede i året eller før (eller er meldt afsluttet med slutdato senest ved årets udgang); ellers «i gang».';

/**
 * R6 — an activity's status in the report's year, from its dates and its status now: a cancellation or an end
 * counts from its end date (a change request that ends or cancels an activity sets that date), so an earlier
 * year's report still shows the activity as it was then.
 */
export function activityYearStatus(
  a: { status: string; startsOn: string | null; endsOn: string | null },
  year: number,
): ActivityYearStatus {
  const end = `${year}-12-31`;
  if (a.status === 'cancelled' && (!a.endsOn || a.endsOn <= end)) return 'cancelled';
  if (a.startsOn && a.startsOn > end) return 'planned';
  if (a.endsOn && (a.endsOn < end || (a.endsOn === end && a.status === 'ended'))) return 'ended';
  if (a.status === 'planned' && !a.startsOn) return 'planned';
  return 'running';
}

export const verdicts = ['met', 'partly_met', 'not_met'] as const;
export type Verdict = (typeof verdicts)[number];
export const verdictLabels: Record<Verdict, string> = { met: 'Opfyldt', partly_met: 'Delvist opfyldt', not_met: 'Ikke opfyldt' };

/** JSON with object keys sorted at every level: the same content always gives the same text, and so the same hash. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return `{${Object.keys(v as object)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * R6 — a year's amount split over the funders by their share of the frame, exactly in øre: each gets the floor
 * of its share, and the øre left over go to the funders in order (the first ones first).
 */
export function splitByFunders(amountOre: number, funders: { amountOre: number }[], frameOre: number): number[] {
  if (frameOre <= 0 || !funders.length) return funders.map(() => 0);
  const sign = amountOre < 0 ? -1n : 1n;
  const abs = BigInt(Math.abs(amountOre));
  const shares = funders.map((f) => (abs * BigInt(f.amountOre)) / BigInt(frameOre));
  const covered = funders.reduce((s, f) => s + BigInt(f.amountOre), 0n);
  let rest = (abs * covered) / BigInt(frameOre) - shares.reduce((s, x) => s + x, 0n);
  for (let i = 0; rest > 0n && i < shares.length; i++, rest--) shares[i]! += 1n;
  return shares.map((s) => Number(s * sign));
}
