import { administrationsOf, type Actor, hasRole, organisationsOf, plansLedBy } from '../actor.ts';
import { rule } from '../types.ts';

declare module '../types.ts' {
  interface Subjects {
    plan: { id?: number; state: string; partyOrganisationIds: number[] };
    /** The contingency plan's call list (personal data); `state` is the plan's, needed to write. */
    planContacts: { planId: number; partyOrganisationIds: number[]; state?: string };
  }
}

/** R5/R10 — approved plans are public records: from the municipal approval on, anyone may read them. */
export const publicPlanStates = ['municipal_approval', 'granted', 'active', 'ended'] as const;
/** The plan's content is written until the municipal approval freezes it as version 1; then only change requests. */
export const writableStates = ['draft', 'prequalification_submitted', 'prequalified', 'plan_written'] as const;

const central = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');
const municipal = (a: Actor) => hasRole(a, 'municipal');
const tmf = (a: Actor) => administrationsOf(a).includes('TMF');
const party = (a: Actor, s: { id?: number; partyOrganisationIds: number[] }) =>
  organisationsOf(a).some((o) => s.partyOrganisationIds.includes(o)) || (s.id !== undefined && plansLedBy(a).includes(s.id));
const writable = (state: string) => (writableStates as readonly string[]).includes(state);
/** R3 — the plan is written or running: its contingency call list must be kept current (not once it has ended). */
const callListLive = (state: string | undefined) =>
  state !== undefined && [...writableStates, 'municipal_approval', 'granted', 'active'].includes(state);

/** R5, R7 — who may read, write and move a plan through its life cycle. */
export const planRules = [
  rule(
    'plan',
    ['read'],
    'Godkendte planer er offentlige; udkast og ansøgninger ser kun parterne, kommunen og sekretariatet',
    (a, s) =>
      (publicPlanStates as readonly string[]).includes(s.state) ||
      central(a) ||
      municipal(a) ||
      party(a, s) ||
      (hasRole(a, 'lbf') && s.state !== 'draft'),
  ),
  rule('plan', ['list'], 'Alle kan se listen over planer', () => true),
  rule(
    'plan',
    ['create'],
    'Boligorganisationerne opretter planer; sekretariatet kan også',
    (a, s) => central(a) || (a.kind === 'user' && organisationsOf(a).some((o) => s.partyOrganisationIds.includes(o))),
  ),
  rule(
    'plan',
    ['update'],
    'Indtil kommunens godkendelse skrives planen af parternes boligorganisationer, projektlederne og kommunen; derefter kun via ændringsanmodning',
    (a, s) => writable(s.state) && (central(a) || municipal(a) || party(a, s)),
  ),
  rule(
    'plan',
    ['delete'],
    'Kun udkast kan slettes, af sekretariatet eller parterne',
    (a, s) => s.state === 'draft' && (central(a) || party(a, s)),
  ),
  rule(
    'plan',
    ['submitPrequalification', 'markWritten', 'withdraw'],
    'Boligorganisationerne bag planen ansøger og trækker tilbage',
    (a, s) => central(a) || party(a, s),
  ),
  rule(
    'plan',
    ['recordPrequalification'],
    'Landsbyggefonden prækvalificerer; sekretariatet kan registrere LBF’s svar',
    (a) => central(a) || hasRole(a, 'lbf'),
  ),
  rule(
    'plan',
    ['recordApprovalStep'],
    'Kommunens godkendelsesskridt registreres af Teknik- og Miljøforvaltningen eller sekretariatet',
    (a) => central(a) || tmf(a),
  ),
  rule(
    'plan',
    ['recordGrant'],
    'Landsbyggefondens tilsagn registreres af LBF, Teknik- og Miljøforvaltningen eller sekretariatet',
    (a) => central(a) || tmf(a) || hasRole(a, 'lbf'),
  ),
  rule(
    'plan',
    ['activate', 'end'],
    'Planen sættes i gang og afsluttes af parterne, Teknik- og Miljøforvaltningen eller sekretariatet',
    (a, s) => central(a) || tmf(a) || party(a, s),
  ),
  rule(
    'plan',
    ['reject'],
    'Afslag registreres af LBF (prækvalifikation) eller kommunen (godkendelse)',
    (a, s) => central(a) || (hasRole(a, 'lbf') && s.state === 'prequalification_submitted') || (tmf(a) && s.state === 'plan_written'),
  ),
  rule(
    'plan',
    ['recordMeasurement', 'correctMeasurement'],
    'Målinger registreres, rettes og fjernes af parterne, projektlederne og kommunen',
    (a, s) => central(a) || municipal(a) || party(a, s),
  ),
  rule(
    'plan',
    ['manageProjectLeaders'],
    'Projektlederne udpeges af boligorganisationerne bag planen eller sekretariatet',
    (a, s) => central(a) || (a.kind === 'user' && organisationsOf(a).some((o) => s.partyOrganisationIds.includes(o))),
  ),
  rule(
    'planContacts',
    ['read'],
    'Kontaktoplysninger i beredskabsplanen er personoplysninger: kun for dem, der har en rolle i planen',
    (a, s) => central(a) || municipal(a) || party(a, { id: s.planId, partyOrganisationIds: s.partyOrganisationIds }),
  ),
  rule(
    'planContacts',
    ['update'],
    'Kaldelisten i beredskabsplanen holdes ajour af dem, der har en rolle i planen — også når planen er godkendt og i gang',
    (a, s) =>
      callListLive(s.state) && (central(a) || municipal(a) || party(a, { id: s.planId, partyOrganisationIds: s.partyOrganisationIds })),
  ),
];
