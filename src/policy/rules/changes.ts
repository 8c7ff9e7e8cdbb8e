import { type Actor, hasRole, organisationsOf, plansLedBy } from '../actor.ts';
import { rule } from '../types.ts';

declare module '../types.ts' {
  interface Subjects {
    changeRequest: {
      planId: number;
      state: string;
      planState: string;
      partyOrganisationIds: number[];
      proposedBy: number | null;
      /** Users who may cast the deciding answer (R11): members of the competent body representing a party. */
      voterUserIds: number[];
      /** Every member of the competent body (they may comment). */
      memberUserIds: number[];
    };
    cityBoardNotice: { cityBoardMemberUserIds: number[] };
  }
}

const central = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');
const party = (a: Actor, s: { planId: number; partyOrganisationIds: number[] }) =>
  organisationsOf(a).some((o) => s.partyOrganisationIds.includes(o)) || plansLedBy(a).includes(s.planId);
const me = (a: Actor) => (a.kind === 'user' ? a.id : -1);

/** R3, R6, R10–R12 — who may propose, decide, comment on and follow a plan's change requests. */
export const changeRules = [
  rule(
    'changeRequest',
    ['create'],
    'Ændringer foreslås af projektlederne og boligorganisationerne bag en igangværende plan; sekretariatet kan også',
    (a, s) => s.planState === 'active' && (central(a) || party(a, s)),
  ),
  rule(
    'changeRequest',
    ['read'],
    'En anmodning, der er sendt til beslutning, er offentlig som bestyrelsernes dagsordener; et udkast ses af parterne, kommunen, sekretariatet og Landsbyggefonden',
    (a, s) =>
      s.state !== 'draft' || central(a) || hasRole(a, 'municipal') || hasRole(a, 'lbf') || party(a, s) || s.memberUserIds.includes(me(a)),
  ),
  rule(
    'changeRequest',
    ['submit', 'withdraw', 'update'],
    'Den, der har foreslået ændringen, boligorganisationerne bag planen og sekretariatet sender den til beslutning eller trækker den tilbage',
    (a, s) => central(a) || party(a, s) || s.proposedBy === me(a),
  ),
  rule(
    'changeRequest',
    ['approve', 'reject', 'abstain'],
    'Kun medlemmer af den kompetente bestyrelse, der repræsenterer en boligorganisation, som er part i planens bevilling, kan træffe beslutningen',
    (a, s) => s.voterUserIds.includes(me(a)),
  ),
  rule(
    'changeRequest',
    ['comment'],
    'Bestyrelsens medlemmer, parterne, kommunen og sekretariatet kan kommentere',
    (a, s) => central(a) || hasRole(a, 'municipal') || party(a, s) || s.memberUserIds.includes(me(a)),
  ),
  rule('changeRequest', ['recordLbfApproval'], 'Landsbyggefonden godkender ændringer i den strategiske samarbejdsaftale', (a) =>
    hasRole(a, 'lbf'),
  ),
  rule(
    'cityBoardNotice',
    ['note'],
    'Orienteringen noteres af Boligsocial Bestyrelse eller sekretariatet',
    (a, s) => central(a) || s.cityBoardMemberUserIds.includes(me(a)),
  ),
];
