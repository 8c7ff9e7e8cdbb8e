import { type Actor, administrationsOf, hasRole, organisationsOf } from '../actor.ts';
import { rule } from '../types.ts';

declare module '../types.ts' {
  interface Subjects {
    /** The partnership agreement (R19), its themes, targets and measurements. */
    partnershipAgreement: { id?: number; status?: string };
    /** A steering dialogue: the organisations that are party to it, and its state. */
    steeringDialogue: { id?: number; organisationIds: number[]; state: string };
    /** The housing office's desk: organisations without a dialogue this year, commitments past their deadline. */
    partnershipDesk: Record<never, never>;
  }
}

/** The municipality's housing office (in TMF) and the central secretariat keep the agreement. */
export const keepsAgreement = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat') || administrationsOf(a).includes('TMF');
const partyStaff = (a: Actor, s: { organisationIds: number[] }) => organisationsOf(a).some((o) => s.organisationIds.includes(o));

/** R19 — who reads and keeps the partnership agreement, and who takes part in and signs a steering dialogue. */
export const partnershipRules = [
  rule('partnershipAgreement', ['read', 'list'], 'Hovedaftalen med temaer, mål og målinger er offentlig', () => true),
  rule(
    'partnershipAgreement',
    ['transition', 'recordMeasurement', 'updateTarget', 'prepareDialogue'],
    'Kommunens boligkontor (Teknik- og Miljøforvaltningen) og sekretariatet fører hovedaftalen, målingerne og styringsdialogerne',
    (a) => keepsAgreement(a),
  ),
  rule(
    'steeringDialogue',
    ['read'],
    'En indgået styringsaftale er offentlig; en dialog under forberedelse ser boligkontoret, kommunens medarbejdere og boligorganisationens egne medarbejdere',
    (a, s) => s.state === 'concluded' || keepsAgreement(a) || hasRole(a, 'municipal') || partyStaff(a, s),
  ),
  rule(
    'steeringDialogue',
    ['update', 'hold', 'followUp'],
    'Boligkontoret og boligorganisationens egne medarbejdere deltager i dialogen; andre boligorganisationer kan ikke ændre den',
    (a, s) => keepsAgreement(a) || partyStaff(a, s),
  ),
  rule(
    'steeringDialogue',
    ['sign'],
    'Boligkontoret underskriver for kommunen, og hver boligorganisations egne medarbejdere underskriver for den',
    (a, s) => keepsAgreement(a) || partyStaff(a, s),
  ),
  rule(
    'partnershipDesk',
    ['read'],
    'Oversigten over manglende dialoger og overskredne tilsagn ses af boligkontoret og sekretariatet',
    (a) => keepsAgreement(a),
  ),
];
