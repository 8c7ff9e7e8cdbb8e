import { kr, sumOre } from '../money/amount.ts';
import type { FunderKind, LineKind } from '../money/budget.ts';

/**
 * R3, R6, R10, R11 — a change request's proposed change, as structured edits against the plan's current
 * content (never free text). Each edit carries the values it was proposed against (`before`), so applying
 * it later can tell whether the plan has moved on meanwhile (then it no longer applies: a conflict).
 */

export const changeKinds = {
  activity_content: 'Ændret indhold i en aktivitet',
  new_activity: 'Ny aktivitet',
  ended_activity: 'Aktivitet afsluttes',
  budget_reallocation: 'Omfordeling af budget',
  budget_change: 'Ændring af budget og ramme',
  strategic_agreement: 'Ændring af den strategiske samarbejdsaftale',
  contingency: 'Opdatering af beredskabsplanen',
} as const;
export type ChangeKind = keyof typeof changeKinds;

export interface ActivityFields {
  title: string;
  description: string;
  targetGroup: string;
  startsOn: string | null;
  endsOn: string | null;
}

/** R1 — a funder of the plan's frame as a change request names it (before and after). */
export interface FunderAmount {
  kind: FunderKind;
  name: string;
  organisationId: number | null;
  amountOre: number;
}

/** R1 — the plan's frame and its funders; a plan without a budget has frame 0 and no funders. */
export interface FrameFields {
  frameOre: number;
  funders: FunderAmount[];
}

export type Edit =
  | { op: 'updateActivity'; activityId: number; before: ActivityFields; after: ActivityFields }
  | { op: 'addActivity'; subAgreementId: number; activity: ActivityFields; goalIds: number[]; responsibleOrganisationId: number | null }
  | {
      op: 'endActivity';
      activityId: number;
      before: { status: string; endsOn: string | null };
      after: { status: 'ended' | 'cancelled'; endsOn: string };
    }
  | { op: 'changeFrame'; before: FrameFields; after: FrameFields }
  | {
      op: 'addBudgetLine';
      line: { name: string; kind: LineKind; activityId: number | null };
      amounts: { year: number; amountOre: number }[];
    }
  | { op: 'addBudgetYear'; year: number; amounts: { lineId: number; amountOre: number }[]; before: { yearOre: number } }
  | { op: 'setLineAmount'; lineId: number; year: number; before: { amountOre: number }; after: { amountOre: number } }
  | { op: 'moveBudget'; fromLineId: number; toLineId: number; year: number; amountOre: number; before: { fromOre: number; toOre: number } }
  | { op: 'updateGoal'; goalId: number; before: { title: string; description: string }; after: { title: string; description: string } }
  | {
      op: 'updateCriterion';
      criterionId: number;
      before: { targetValue: number; targetDate: string };
      after: { targetValue: number; targetDate: string };
    }
  | {
      op: 'updateContingency';
      before: { steps: string; policeCooperation: string };
      after: { steps: string; policeCooperation: string; lastReviewed: string };
    };

export type EditOp = Edit['op'];

/** Which edits each kind of request may contain. */
export const opsOfKind: Record<ChangeKind, readonly EditOp[]> = {
  activity_content: ['updateActivity'],
  new_activity: ['addActivity'],
  ended_activity: ['endActivity'],
  budget_reallocation: ['moveBudget'],
  budget_change: ['changeFrame', 'addBudgetLine', 'addBudgetYear', 'setLineAmount', 'moveBudget'],
  strategic_agreement: ['updateGoal', 'updateCriterion'],
  contingency: ['updateContingency'],
};

/** R6, R11 — a changed strategic agreement needs LBF's approval, and the city board must be told. */
export const needsLbfApproval = (kind: ChangeKind) => kind === 'strategic_agreement';
export const informsCityBoard = (kind: ChangeKind) => kind === 'strategic_agreement';

export interface EditProblem {
  index: number;
  message: string;
}

/** Shape rules that need no data: at least one edit, only the kind's edits, something actually changes. */
export function checkEdits(kind: ChangeKind, edits: Edit[]): EditProblem[] {
  const problems: EditProblem[] = [];
  if (!edits.length) problems.push({ index: -1, message: 'Ændringsanmodningen skal indeholde mindst én ændring.' });
  edits.forEach((e, index) => {
    if (!opsOfKind[kind].includes(e.op))
      problems.push({ index, message: `En «${changeKinds[kind].toLowerCase()}» kan ikke indeholde denne ændring.` });
    if (e.op === 'moveBudget') {
      if (!(e.amountOre > 0)) problems.push({ index, message: 'Beløbet, der flyttes, skal være større end 0 kr.' });
      if (e.fromLineId === e.toLineId) problems.push({ index, message: 'Der skal flyttes mellem to forskellige budgetlinjer.' });
      if (e.amountOre > e.before.fromOre)
        problems.push({
          index,
          message: `Der kan højst flyttes ${kr(e.before.fromOre)} fra linjen (det, der er budgetteret i ${e.year}).`,
        });
    }
    if (e.op === 'changeFrame') problems.push(...frameProblems(e.after).map((message) => ({ index, message })));
    if (e.op === 'addBudgetLine') {
      if (!e.line.name.trim()) problems.push({ index, message: 'Den nye budgetlinje skal have et navn.' });
      if (e.line.kind === 'activity' && !e.line.activityId)
        problems.push({ index, message: `Vælg aktiviteten for budgetlinjen «${e.line.name}».` });
      problems.push(
        ...amountProblems(
          e.amounts.map((a) => ({ key: a.year, amountOre: a.amountOre })),
          'år',
        ).map((message) => ({ index, message })),
      );
    }
    if (e.op === 'addBudgetYear') {
      if (e.before.yearOre !== 0)
        problems.push({
          index,
          message: `${e.year} har allerede et budget (${kr(e.before.yearOre)}); flyt midler mellem linjerne i stedet.`,
        });
      problems.push(
        ...amountProblems(
          e.amounts.map((a) => ({ key: a.lineId, amountOre: a.amountOre })),
          'budgetlinje',
        ).map((message) => ({ index, message })),
      );
    }
    if (e.op === 'setLineAmount' && !(e.after.amountOre >= 0)) problems.push({ index, message: 'Et beløb kan ikke være negativt.' });
    if ('before' in e && 'after' in e && e.op !== 'endActivity' && same(e.before, e.after))
      problems.push({ index, message: 'Ændringen ændrer ikke noget.' });
    if (e.op === 'addActivity' && !e.activity.title.trim()) problems.push({ index, message: 'Den nye aktivitet skal have et navn.' });
    if (e.op === 'updateActivity' || e.op === 'addActivity') {
      const a = e.op === 'updateActivity' ? e.after : e.activity;
      if (a.startsOn && a.endsOn && a.endsOn < a.startsOn)
        problems.push({ index, message: 'Aktiviteten kan ikke slutte før den starter.' });
    }
  });
  return problems;
}

/** R1 — a frame the plan can have: more than 0 kr., funders of 0 kr. or more, LBF and the municipality once each. */
export function frameProblems(f: FrameFields): string[] {
  const out: string[] = [];
  if (!(f.frameOre > 0)) out.push('Planens samlede ramme skal være større end 0 kr.');
  if (f.funders.some((x) => !(x.amountOre >= 0))) out.push('En finansieringskilde kan ikke have et negativt beløb.');
  if (f.funders.filter((x) => x.kind === 'lbf').length > 1) out.push('Landsbyggefonden kan kun stå én gang blandt finansieringskilderne.');
  if (f.funders.filter((x) => x.kind === 'municipality').length > 1) out.push('Kommunen kan kun stå én gang blandt finansieringskilderne.');
  if (f.funders.some((x) => x.kind === 'organisation' && !x.organisationId))
    out.push('Vælg boligorganisationen for hver finansieringskilde af typen boligorganisation.');
  return out;
}

/** R1 — the amounts of a new line (per year) or a new year (per line): at least one above 0, none below, each key once. */
function amountProblems(amounts: { key: number; amountOre: number }[], what: 'år' | 'budgetlinje'): string[] {
  const out: string[] = [];
  if (amounts.some((a) => !(a.amountOre >= 0))) out.push('Et beløb kan ikke være negativt.');
  if (!(sumOre(amounts.map((a) => Math.max(0, a.amountOre))) > 0)) out.push('Skriv mindst ét beløb større end 0 kr.');
  if (new Set(amounts.map((a) => a.key)).size !== amounts.length)
    out.push(what === 'år' ? 'Hvert år kan kun stå én gang.' : 'Hver budgetlinje kan kun stå én gang.');
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
/** Objects with their keys in one order, at every depth (so key order never makes two equal values differ). */
const canonical = (o: unknown): unknown =>
  Array.isArray(o)
    ? o.map(canonical)
    : o && typeof o === 'object'
      ? Object.fromEntries(
          Object.entries(o)
            .sort(([x], [y]) => x.localeCompare(y))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : o;

/** The values an edit was proposed against, read afresh from the plan as it is now. */
export type CurrentValues = Map<string, unknown>;
export const currentKey = (e: Edit): string | null => {
  switch (e.op) {
    case 'updateActivity':
    case 'endActivity':
      return `activity:${e.activityId}`;
    case 'moveBudget':
      return `budget:${e.fromLineId}:${e.toLineId}:${e.year}`;
    case 'changeFrame':
      return 'frame';
    case 'addBudgetYear':
      return `budgetYear:${e.year}`;
    case 'setLineAmount':
      return `lineAmount:${e.lineId}:${e.year}`;
    case 'updateGoal':
      return `goal:${e.goalId}`;
    case 'updateCriterion':
      return `criterion:${e.criterionId}`;
    case 'updateContingency':
      return 'contingency';
    case 'addActivity':
    case 'addBudgetLine':
      return null;
  }
};

export interface StaleEdit {
  index: number;
  what: string;
  proposedAgainst: unknown;
  now: unknown;
}

/**
 * R3 — the edits whose starting point no longer holds (the plan changed after the proposal). A request with
 * stale edits is refused as a whole; nothing is half-applied.
 */
export function staleEdits(edits: Edit[], current: CurrentValues): StaleEdit[] {
  const stale: StaleEdit[] = [];
  edits.forEach((e, index) => {
    const key = currentKey(e);
    if (!key || !('before' in e)) return;
    const now = current.get(key);
    if (now === undefined) {
      stale.push({ index, what: describeTarget(e), proposedAgainst: e.before, now: 'findes ikke længere' });
      return;
    }
    const relevant = Object.fromEntries(Object.keys(e.before).map((k) => [k, (now as Record<string, unknown>)[k]]));
    if (!same(relevant, e.before)) stale.push({ index, what: describeTarget(e), proposedAgainst: e.before, now: relevant });
  });
  return stale;
}

export function describeTarget(e: Edit): string {
  switch (e.op) {
    case 'updateActivity':
      return `Aktiviteten «${e.before.title}»`;
    case 'endActivity':
      return 'Aktivitetens status';
    case 'addActivity':
      return `Ny aktivitet «${e.activity.title}»`;
    case 'moveBudget':
      return `Budgettet ${e.year}`;
    case 'changeFrame':
      return 'Planens ramme og finansiering';
    case 'addBudgetLine':
      return `Ny budgetlinje «${e.line.name}»`;
    case 'addBudgetYear':
    case 'setLineAmount':
      return `Budgettet ${e.year}`;
    case 'updateGoal':
      return `Målet «${e.before.title}»`;
    case 'updateCriterion':
      return 'Succeskriteriets mål';
    case 'updateContingency':
      return 'Beredskabsplanen';
  }
}
