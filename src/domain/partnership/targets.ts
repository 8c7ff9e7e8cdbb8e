/**
 * R19 — the status of a target of the partnership agreement, from its rule, its measurements or the organisations'
 * commitments, and the day it is judged. Pure: the same facts give the same status, and the rule is written out in
 * Danish so the page shows how the status was reached.
 */

export const targetRules = ['at_least', 'at_most', 'not_grow', 'per_year'] as const;
export type TargetRule = (typeof targetRules)[number];

export const targetRuleLabels: Record<TargetRule, string> = {
  at_least: 'Mindst målværdien',
  at_most: 'Højst målværdien',
  not_grow: 'Må ikke stige',
  per_year: 'Mindst målværdien hvert år',
};

export const targetStatuses = ['met', 'on_track', 'at_risk', 'missed', 'no_data'] as const;
export type TargetStatus = (typeof targetStatuses)[number];

export const targetStatusLabels: Record<TargetStatus, string> = {
  met: 'Opfyldt',
  on_track: 'På vej',
  at_risk: 'I risiko',
  missed: 'Ikke nået',
  no_data: 'Ingen data',
};

export interface TargetFacts {
  rule: TargetRule;
  targetValue: number | null;
  baselineValue: number | null;
  baselineOn: string | null;
  startsOn: string;
  deadline: string | null;
  /** The target is met by the sum of the organisations' commitments, not by measurements. */
  byCommitments: boolean;
}

export interface Point {
  value: number;
  on: string;
}

/** The commitments behind a target: what the organisations promised, and what their follow-ups say was delivered. */
export interface CommitmentSum {
  promised: number;
  delivered: number;
}

export interface TargetJudgement {
  status: TargetStatus;
  /** The value the status was judged on (the latest measurement, or the delivered sum). */
  value: number | null;
  /** On the straight line from the starting point to the target: where the value should be by now. */
  expected: number | null;
  /** The starting point of the line (baseline, else the first measurement). */
  start: Point | null;
  rule: string;
}

const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const nf = (x: number) => new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }).format(x);
const dk = (iso: string) => iso.split('-').reverse().join('.');

/** R19 — the rule of a target in words, as the page prints it under the status. */
export function ruleText(t: TargetFacts): string {
  const goal = t.targetValue === null ? '' : nf(t.targetValue);
  if (t.byCommitments)
    return `Målet nås gennem summen af boligorganisationernes tilsagn fra styringsdialogerne. Opfyldt: det leverede (ifølge opfølgningen) er mindst ${goal}. Ikke nået: ${t.deadline ? `fristen ${dk(t.deadline)} er passeret uden det` : 'aldrig (målet gælder løbende)'}. På vej: tilsagnene tilsammen dækker målet. I risiko: tilsagnene dækker ikke målet. Ingen data: ingen tilsagn.`;
  switch (t.rule) {
    case 'at_least':
    case 'at_most': {
      const cmp = t.rule === 'at_least' ? 'mindst' : 'højst';
      return `Opfyldt: seneste måling er ${cmp} ${goal}. ${t.deadline ? `Ikke nået: fristen ${dk(t.deadline)} er passeret uden det. På vej: seneste måling ligger på eller bedre end en ret linje fra udgangspunktet (baseline eller første måling) til målet ved fristen. I risiko: den ligger dårligere end linjen.` : 'Målet gælder løbende: ellers I risiko.'} Ingen data: ingen målinger.`;
    }
    case 'not_grow':
      return `Udgangspunktet er baseline eller første måling. ${t.deadline ? `Efter fristen ${dk(t.deadline)}: Opfyldt, hvis seneste måling ikke er højere end udgangspunktet, ellers Ikke nået. Før fristen: ` : 'Målet gælder løbende: '}På vej, hvis seneste måling ikke er højere end udgangspunktet, ellers I risiko. Ingen data: ingen målinger.`;
    case 'per_year':
      return `Hvert afsluttet kalenderår skal have mindst ${goal}${t.deadline ? ` frem til ${dk(t.deadline)}` : ''}. Et år uden måling tæller som 0. På vej: alle afsluttede år har nået det. I risiko: et eller flere år har ikke. ${t.deadline ? 'Efter fristen: Opfyldt eller Ikke nået.' : ''} Ingen data: ingen målinger.`.replace(
        /\s+$/,
        '',
      );
  }
}

/** Where the straight line from `start` to the target at the deadline is on a day. */
export function expectedOn(start: Point, targetValue: number, deadline: string, on: string): number {
  const span = ms(deadline) - ms(start.on);
  if (span <= 0) return targetValue;
  const f = Math.min(1, Math.max(0, (ms(on) - ms(start.on)) / span));
  return start.value + (targetValue - start.value) * f;
}

/**
 * R19 — judges a target on `today`: met / on track / at risk / missed, or no data.
 * @example targetStatus({ rule: 'not_grow', … }, [{ value: 900, on: '2012-01-01' }, { value: 950, on: '2013-01-01' }], '2013-06-01') // at_risk
 */
export function targetStatus(t: TargetFacts, measurements: Point[], today: string, commitments?: CommitmentSum): TargetJudgement {
  const rule = ruleText(t);
  const past = t.deadline !== null && today > t.deadline;
  const goal = t.targetValue ?? 0;
  if (t.byCommitments) {
    const c = commitments ?? { promised: 0, delivered: 0 };
    if (c.promised === 0 && c.delivered === 0) return { status: 'no_data', value: null, expected: null, start: null, rule };
    const status: TargetStatus = c.delivered >= goal ? 'met' : past ? 'missed' : c.promised >= goal ? 'on_track' : 'at_risk';
    return { status, value: c.delivered, expected: null, start: null, rule };
  }
  const sorted = [...measurements].filter((m) => m.on <= today).sort((a, b) => a.on.localeCompare(b.on));
  if (!sorted.length) return { status: 'no_data', value: null, expected: null, start: null, rule };
  const latest = sorted.at(-1)!;
  const start: Point = t.baselineValue !== null ? { value: t.baselineValue, on: t.baselineOn ?? t.startsOn } : sorted[0]!;
  switch (t.rule) {
    case 'at_least':
    case 'at_most': {
      const better = (a: number, b: number) => (t.rule === 'at_least' ? a >= b : a <= b);
      if (better(latest.value, goal)) return { status: 'met', value: latest.value, expected: null, start, rule };
      if (past) return { status: 'missed', value: latest.value, expected: null, start, rule };
      if (!t.deadline) return { status: 'at_risk', value: latest.value, expected: null, start, rule };
      const expected = expectedOn(start, goal, t.deadline, latest.on);
      return { status: better(latest.value, expected) ? 'on_track' : 'at_risk', value: latest.value, expected, start, rule };
    }
    case 'not_grow': {
      const held = latest.value <= start.value;
      return {
        status: past ? (held ? 'met' : 'missed') : held ? 'on_track' : 'at_risk',
        value: latest.value,
        expected: start.value,
        start,
        rule,
      };
    }
    case 'per_year': {
      const firstYear = Number(t.startsOn.slice(0, 4));
      const lastYear = Math.min(Number(today.slice(0, 4)) - 1, t.deadline ? Number(t.deadline.slice(0, 4)) : Infinity);
      const byYear = new Map<number, number>();
      for (const m of sorted) byYear.set(Number(m.on.slice(0, 4)), (byYear.get(Number(m.on.slice(0, 4))) ?? 0) + m.value);
      let short = false;
      for (let y = firstYear; y <= lastYear; y++) if ((byYear.get(y) ?? 0) < goal) short = true;
      const status: TargetStatus = past ? (short ? 'missed' : 'met') : short ? 'at_risk' : 'on_track';
      return { status, value: byYear.get(Number(latest.on.slice(0, 4))) ?? latest.value, expected: goal, start: null, rule };
    }
  }
}
