/**
 * "Mine opgaver": the open obligations of one user, computed from the data (R6, R9–R13). Pure: what a task is,
 * how the desk orders it and when it is overdue.
 */

export const taskKinds = [
  'decideChange',
  'approveMinutes',
  'sendMinutes',
  'writeReport',
  'approveReport',
  'submitReport',
  'acknowledgeReport',
  'reviewContingency',
  'approveMandate',
  'sendAgenda',
  'scheduleItem',
  'signDialogue',
  'meetCommitment',
] as const;
export type TaskKind = (typeof taskKinds)[number];

/** What the user must do, in Danish, as the desk and the calendar name it. */
export const taskKindLabels: Record<TaskKind, string> = {
  decideChange: 'Beslut ændringsanmodning',
  approveMinutes: 'Godkend referat',
  sendMinutes: 'Skriv og send referat',
  writeReport: 'Skriv årsrapport',
  approveReport: 'Godkend årsrapport',
  submitReport: 'Indsend årsrapport',
  acknowledgeReport: 'Kvittér for årsrapport',
  reviewContingency: 'Gennemgå beredskabsplan',
  approveMandate: 'Godkend kommissorium eller forretningsorden',
  sendAgenda: 'Send dagsorden',
  scheduleItem: 'Sæt punkt på en dagsorden',
  signDialogue: 'Underskriv styringsaftale',
  meetCommitment: 'Indfri tilsagn fra styringsdialogen',
};

export interface Task {
  /** Stable across requests (`<kind>:<reference>`): the calendar's UID. */
  id: string;
  kind: TaskKind;
  /** What the task is about: the request's title, the meeting, the plan and year. */
  title: string;
  /** Where it belongs: the plan or the body. */
  context: string;
  /** Where the user does it. */
  href: string;
  /** The deadline (ISO date), when the data sets one. */
  due: string | null;
  /** Since when the task has been waiting (ISO date), when known. */
  since: string | null;
  /** Past its deadline (or, for a contingency plan never reviewed, due already). */
  overdue: boolean;
}

/** Whether a deadline has passed on a day (the deadline day itself is still in time). */
export const isOverdue = (due: string | null, today: string): boolean => due !== null && due < today;

/**
 * R6, R9–R13 — the desk's order: overdue tasks first (the oldest deadline first), then by deadline, then the tasks
 * without a deadline by how long they have waited; ties by title.
 */
export function sortTasks(tasks: readonly Task[]): Task[] {
  const rank = (t: Task) => (t.overdue ? 0 : t.due ? 1 : 2);
  return [...tasks].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      (a.since ?? '9999').localeCompare(b.since ?? '9999') ||
      a.title.localeCompare(b.title, 'da'),
  );
}

/** R3 — a contingency plan is due for review twelve months after its last review; one never reviewed is due now. */
export function contingencyDue(lastReviewed: string | null): string | null {
  if (!lastReviewed) return null;
  const [y, m, d] = lastReviewed.split('-') as [string, string, string];
  // 29 February reviewed: due on 28 February the next year.
  const next = `${Number(y) + 1}-${m}-${d}`;
  return m === '02' && d === '29' ? `${Number(y) + 1}-02-28` : next;
}
