import { type Actor, hasRole, organisationsOf, plansLedBy } from '../actor.ts';
import { rule } from '../types.ts';
import { publicPlanStates } from './plans.ts';

declare module '../types.ts' {
  interface Subjects {
    /** A plan's yearly report to LBF (R6, R7). */
    report: {
      planId: number;
      planState: string;
      state: string;
      partyOrganisationIds: number[];
      /** Members of the body that decides on the plan (R10–R12): they read it and record the verdict. */
      deciderUserIds: number[];
    };
    /** All plans' report status, and the deadlines. */
    reportOverview: Record<never, never>;
  }
}

const central = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');
const me = (a: Actor) => (a.kind === 'user' ? a.id : -1);
const staff = (a: Actor, s: { partyOrganisationIds: number[] }) => organisationsOf(a).some((o) => s.partyOrganisationIds.includes(o));
const writer = (a: Actor, s: { planId: number; partyOrganisationIds: number[] }) => staff(a, s) || plansLedBy(a).includes(s.planId);
const sent = (s: { state: string }) => s.state === 'submitted' || s.state === 'acknowledged' || s.state === 'superseded';

/** R6, R7, R10 — who writes, approves, submits, reads and judges a plan's yearly report. */
export const reportRules = [
  rule(
    'report',
    ['read'],
    'En indsendt rapport om en godkendt plan er offentlig; kladder ser parterne, kommunen, sekretariatet og den bestyrelse, der har kompetencen',
    (a, s) =>
      central(a) ||
      hasRole(a, 'municipal') ||
      writer(a, s) ||
      s.deciderUserIds.includes(me(a)) ||
      (sent(s) && (hasRole(a, 'lbf') || (publicPlanStates as readonly string[]).includes(s.planState))),
  ),
  rule('report', ['writeNarrative', 'markReady'], 'Projektlederen og boligorganisationerne bag planen skriver rapporten', (a, s) =>
    writer(a, s),
  ),
  rule(
    'report',
    ['approve', 'submit', 'backToDraft', 'reopen'],
    'Boligorganisationerne bag planen godkender og indsender rapporten til Landsbyggefonden',
    (a, s) => staff(a, s),
  ),
  rule('report', ['acknowledge'], 'Landsbyggefonden kvitterer for en indsendt rapport', (a) => hasRole(a, 'lbf')),
  rule(
    'report',
    ['recordVerdict'],
    'Den bestyrelse, der har kompetencen for planen, vurderer rapporten; sekretariatet kan registrere vurderingen fra mødet',
    (a, s) => central(a) || s.deciderUserIds.includes(me(a)),
  ),
  rule(
    'reportOverview',
    ['list'],
    'Oversigten over alle planers rapporter ses af sekretariatet, kommunen og Landsbyggefonden',
    (a) => central(a) || hasRole(a, 'municipal') || hasRole(a, 'lbf'),
  ),
  rule('reportOverview', ['setDeadline'], 'Sekretariatet fastsætter fristerne', (a) => central(a)),
];
