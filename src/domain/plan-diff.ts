import { kr } from './money/amount.ts';

/**
 * R3/R6 — what changed between two versions of a plan. Items are matched by their stable id, never by
 * position, and each change carries a readable Danish path.
 */

export interface PlanSnapshot {
  name: string;
  startsOn: string;
  endsOn: string;
  district: string | null;
  leadOrganisation: string;
  estates: { id: number; name: string }[];
  challenges: { id: number; title: string; description: string }[];
  goals: {
    id: number;
    title: string;
    description: string;
    criteria: {
      id: number;
      indicatorName: string;
      unit: string;
      direction: string;
      baselineValue: number;
      baselineDate: string;
      targetValue: number;
      targetDate: string;
    }[];
  }[];
  subAgreements: {
    id: number;
    focusArea: string;
    summary: string;
    activities: {
      id: number;
      title: string;
      description: string;
      targetGroup: string;
      startsOn: string | null;
      endsOn: string | null;
      status: string;
      parties: string[];
    }[];
  }[];
  contingency: { steps: string; policeCooperation: string; lastReviewed: string | null } | null;
  /** Frozen by the money area: each budget line's amount per year, and each funder's share, in øre. */
  budget?: BudgetSnapshot;
}

export interface BudgetSnapshot {
  lines: { id: number; name: string; perYear: Record<string, number> }[];
  funders: { id: number; name: string; amountOre: number }[];
}

const krOrNull = (ore: number | undefined) => (ore === undefined ? null : kr(ore));

export interface Change {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

const labels: Record<string, string> = {
  name: 'Navn',
  startsOn: 'Start',
  endsOn: 'Slut',
  district: 'Bydel',
  leadOrganisation: 'Ansvarlig boligorganisation',
  title: 'Titel',
  description: 'Beskrivelse',
  summary: 'Resumé',
  targetGroup: 'Målgruppe',
  status: 'Status',
  parties: 'Parter',
  indicatorName: 'Indikator',
  unit: 'Enhed',
  direction: 'Retning',
  baselineValue: 'Baseline',
  baselineDate: 'Baselinedato',
  targetValue: 'Mål',
  targetDate: 'Måldato',
  steps: 'Trin',
  policeCooperation: 'Samarbejde med politiet',
  lastReviewed: 'Sidst gennemgået',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fields(path: string, a: Record<string, unknown>, b: Record<string, unknown>, skip: string[], out: Change[]) {
  for (const k of Object.keys({ ...a, ...b })) {
    if (skip.includes(k) || k === 'id') continue;
    if (!same(a[k], b[k])) out.push({ path: `${path}${labels[k] ?? k}`, kind: 'changed', before: a[k] ?? null, after: b[k] ?? null });
  }
}

function list<T extends { id: number }>(
  path: string,
  a: T[],
  b: T[],
  name: (x: T) => string,
  inner: (p: string, x: T, y: T, out: Change[]) => void,
  out: Change[],
) {
  const before = new Map(a.map((x) => [x.id, x]));
  const after = new Map(b.map((x) => [x.id, x]));
  for (const x of a) if (!after.has(x.id)) out.push({ path: `${path}: ${name(x)}`, kind: 'removed', before: x, after: null });
  for (const y of b) {
    const x = before.get(y.id);
    if (!x) out.push({ path: `${path}: ${name(y)}`, kind: 'added', before: null, after: y });
    else inner(`${path}: ${name(y)} › `, x, y, out);
  }
}

/** R6 — the structural difference between two plan versions. */
export function diffPlans(a: PlanSnapshot, b: PlanSnapshot): Change[] {
  const out: Change[] = [];
  fields('', a as never, b as never, ['estates', 'challenges', 'goals', 'subAgreements', 'contingency', 'budget'], out);
  list(
    'Afdeling',
    a.estates,
    b.estates,
    (e) => e.name,
    () => {},
    out,
  );
  list(
    'Udfordring',
    a.challenges,
    b.challenges,
    (c) => c.title,
    (p, x, y, o) => fields(p, x as never, y as never, [], o),
    out,
  );
  list(
    'Mål',
    a.goals,
    b.goals,
    (g) => g.title,
    (p, x, y, o) => {
      fields(p, x as never, y as never, ['criteria'], o);
      list(
        `${p}Succeskriterium`,
        x.criteria,
        y.criteria,
        (c) => c.indicatorName,
        (p2, c1, c2, o2) => fields(p2, c1 as never, c2 as never, [], o2),
        o,
      );
    },
    out,
  );
  list(
    'Delaftale',
    a.subAgreements,
    b.subAgreements,
    (s) => s.focusArea,
    (p, x, y, o) => {
      fields(p, x as never, y as never, ['activities'], o);
      list(
        `${p}Aktivitet`,
        x.activities,
        y.activities,
        (t) => t.title,
        (p2, t1, t2, o2) => fields(p2, t1 as never, t2 as never, [], o2),
        o,
      );
    },
    out,
  );
  if (!same(a.contingency, b.contingency))
    fields('Beredskabsplan › ', (a.contingency ?? {}) as never, (b.contingency ?? {}) as never, [], out);
  if (a.budget || b.budget) {
    // A version without a budget compares as an empty one: each line and funder shows as added or removed.
    const none = { lines: [], funders: [] };
    const [ab, bb] = [a.budget ?? none, b.budget ?? none];
    list(
      'Budgetlinje',
      ab.lines,
      bb.lines,
      (l) => l.name,
      (p, x, y, o) => {
        for (const year of [...new Set([...Object.keys(x.perYear), ...Object.keys(y.perYear)])].sort()) {
          if (x.perYear[year] !== y.perYear[year])
            o.push({ path: `${p}${year}`, kind: 'changed', before: krOrNull(x.perYear[year]), after: krOrNull(y.perYear[year]) });
        }
      },
      out,
    );
    list(
      'Finansiering',
      ab.funders,
      bb.funders,
      (f) => f.name,
      (p, x, y, o) => {
        if (x.amountOre !== y.amountOre)
          o.push({ path: `${p}Beløb`, kind: 'changed', before: krOrNull(x.amountOre), after: krOrNull(y.amountOre) });
      },
      out,
    );
  }
  return out;
}
