import { type Actor, bodiesOf, hasRole, organisationsOf, plansLedBy } from '../actor.ts';
import { rule } from '../types.ts';

declare module '../types.ts' {
  interface Subjects {
    /** A contract on housing-social cooperation (R17): its status and the forum/board that revises it. */
    cooperationContract: { id?: number; status?: string; bodyId?: number | null };
    /** A plan's activity linked to (or unlinked from) a contract goal: the plan's parties and leaders. */
    contractGoalLink: { planId: number; partyOrganisationIds: number[] };
  }
}

const staff = (a: Actor) => a.kind === 'user' && a.grants.length > 0;
/** The area's forum/board: its members, and the secretariat that records its decisions. */
const revises = (a: Actor, s: { bodyId?: number | null }) =>
  hasRole(a, 'admin') || hasRole(a, 'secretariat') || (s.bodyId != null && bodiesOf(a).includes(s.bodyId));

/** R17 — who reads, writes and revises the contracts on housing-social cooperation, and who links activities to them. */
export const cooperationRules = [
  rule('cooperationContract', ['list'], 'Listen over kontrakter om boligsocialt samarbejde er offentlig', () => true),
  rule(
    'cooperationContract',
    ['read'],
    'En politisk godkendt kontrakt er offentlig; et udkast ser kommunens og boligorganisationernes medarbejdere',
    (a, s) => s.status === 'approved' || staff(a),
  ),
  rule(
    'cooperationContract',
    ['create'],
    'Sekretariatet og Teknik- og Miljøforvaltningen opretter kontrakten for et udsat byområde',
    (a) =>
      hasRole(a, 'admin') ||
      hasRole(a, 'secretariat') ||
      (a.kind === 'user' && a.grants.some((g) => g.role === 'municipal' && g.administration === 'TMF')),
  ),
  rule(
    'cooperationContract',
    ['revise'],
    'Områdets forum eller bydelsbestyrelse reviderer kontrakten (sekretariatet registrerer beslutningen); det kræver ingen ny politisk godkendelse',
    (a, s) => revises(a, s),
  ),
  rule(
    'contractGoalLink',
    ['create', 'delete'],
    'Planens boligorganisationer, dens projektledere og sekretariatet knytter planens aktiviteter til kontraktens mål',
    (a, s) =>
      hasRole(a, 'admin') ||
      hasRole(a, 'secretariat') ||
      organisationsOf(a).some((o) => s.partyOrganisationIds.includes(o)) ||
      plansLedBy(a).includes(s.planId),
  ),
];
