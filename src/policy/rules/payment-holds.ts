import { type Actor, hasRole, organisationsOf, plansLedBy } from '../actor.ts';
import { rule } from '../types.ts';

declare module '../types.ts' {
  interface Subjects {
    /** LBF's hold on payments to a plan while a report is late (R6). */
    paymentHold: { planId?: number; partyOrganisationIds: number[] };
  }
}

const staffOfPlan = (a: Actor, s: { planId?: number; partyOrganisationIds: number[] }) =>
  organisationsOf(a).some((o) => s.partyOrganisationIds.includes(o)) || (s.planId !== undefined && plansLedBy(a).includes(s.planId));

/** R6 — LBF records and releases a payment hold; the plan's parties, the municipality and the secretariat see it. */
export const paymentHoldRules = [
  rule(
    'paymentHold',
    ['read'],
    'Tilbageholdte udbetalinger ses af Landsbyggefonden, sekretariatet, kommunen og planens egne boligorganisationer og projektledere',
    (a, s) => hasRole(a, 'lbf') || hasRole(a, 'admin') || hasRole(a, 'secretariat') || hasRole(a, 'municipal') || staffOfPlan(a, s),
  ),
  rule(
    'paymentHold',
    ['create', 'release'],
    'Kun Landsbyggefonden holder udbetalinger tilbage og frigiver dem igen',
    (a) => hasRole(a, 'lbf') || hasRole(a, 'admin'),
  ),
];
