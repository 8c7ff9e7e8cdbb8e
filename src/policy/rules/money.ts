import { administrationsOf, type Actor, hasRole, organisationsOf, plansLedBy } from '../actor.ts';
import { rule } from '../types.ts';
import { publicPlanStates, writableStates } from './plans.ts';

declare module '../types.ts' {
  interface Subjects {
    /** A plan's budget and accounts (R1, R7). */
    budget: { planId: number; planState: string; partyOrganisationIds: number[] };
    /** The municipal co-financing pool (R8). */
    pool: Record<never, never>;
    /** The economy overviews per district and for the city. */
    financeOverview: Record<never, never>;
  }
}

/** The budget can be written until the municipal approval; afterwards only through a change request. */
export const budgetWritableStates: readonly string[] = writableStates;
/** Accounts (actual spending) are kept from the grant until the plan has ended. */
export const accountStates = ['granted', 'active', 'ended'] as const;

const central = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');
const municipal = (a: Actor) => hasRole(a, 'municipal');
const tmf = (a: Actor) => administrationsOf(a).includes('TMF');
const party = (a: Actor, s: { planId: number; partyOrganisationIds: number[] }) =>
  organisationsOf(a).some((o) => s.partyOrganisationIds.includes(o)) || plansLedBy(a).includes(s.planId);

/** R1, R7, R8 — who sees and keeps budgets, accounts and the pool. */
export const moneyRules = [
  rule(
    'budget',
    ['read'],
    'Økonomien i godkendte planer er offentlig; i udkast og ansøgninger ser kun parterne, kommunen og sekretariatet den',
    (a, s) =>
      (publicPlanStates as readonly string[]).includes(s.planState) ||
      central(a) ||
      municipal(a) ||
      party(a, s) ||
      (hasRole(a, 'lbf') && s.planState !== 'draft'),
  ),
  rule(
    'budget',
    ['update'],
    'Budgettet lægges af boligorganisationerne bag planen og projektlederne, med sekretariatet; efter kommunens godkendelse kun via ændringsanmodning',
    (a, s) => budgetWritableStates.includes(s.planState) && (central(a) || party(a, s)),
  ),
  rule(
    'budget',
    ['recordAccounts'],
    'Regnskabet føres af boligorganisationerne bag planen og projektlederne, med sekretariatet, fra tilsagnet til planens afslutning',
    (a, s) => (accountStates as readonly string[]).includes(s.planState) && (central(a) || party(a, s)),
  ),
  rule('pool', ['read'], 'Alle kan se puljen til kommunal medfinansiering', () => true),
  rule(
    'pool',
    ['deposit', 'allocate', 'release'],
    'Puljen forvaltes af Teknik- og Miljøforvaltningen; sekretariatet og systemadministratoren kan registrere',
    (a) => central(a) || tmf(a),
  ),
  rule('financeOverview', ['read'], 'Alle kan se økonomioversigten over de planer, de må se', () => true),
];
