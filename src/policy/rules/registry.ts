import { administrationsOf, hasRole, organisationsOf } from '../actor.ts';
import { rule } from '../types.ts';

const loggedIn = (a: { kind: string }) => a.kind === 'user';
const admin = (a: Parameters<typeof hasRole>[0]) => hasRole(a, 'admin');
const central = (a: Parameters<typeof hasRole>[0]) => hasRole(a, 'admin') || hasRole(a, 'secretariat');

/** The registry (R16, R18): public to read; kept by administrators, the secretariat and the organisations. */
export const registryRules = [
  rule('district', ['read', 'list'], 'Alle kan se bydelene', () => true),
  rule('district', ['update'], 'Systemadministratoren vedligeholder bydelene', admin),
  rule('urbanArea', ['read', 'list'], 'Alle kan se de udsatte byområder', () => true),
  rule(
    'urbanArea',
    ['create', 'update', 'delete'],
    'Sekretariatet og Teknik- og Miljøforvaltningen vedligeholder byområderne',
    (a) => central(a) || administrationsOf(a).includes('TMF'),
  ),
  rule('organisation', ['read', 'list'], 'Alle kan se boligorganisationerne', () => true),
  rule('organisation', ['create', 'delete'], 'Sekretariatet opretter og sletter boligorganisationer', central),
  rule(
    'organisation',
    ['update'],
    'Sekretariatet og organisationens egne medarbejdere retter organisationen',
    (a, s) => central(a) || (s.id !== undefined && organisationsOf(a).includes(s.id)),
  ),
  rule('estate', ['read', 'list'], 'Alle kan se boligafdelingerne', () => true),
  rule(
    'estate',
    ['create', 'update', 'delete'],
    'Sekretariatet og boligorganisationens egne medarbejdere vedligeholder dens afdelinger',
    (a, s) => central(a) || organisationsOf(a).includes(s.organisationId),
  ),
  rule('user', ['read', 'list', 'create', 'update', 'delete'], 'Kun systemadministratoren administrerer brugere', admin),
  rule(
    'audit',
    ['read'],
    'Administrator, sekretariat, kommune og LBF kan se historikken; organisationer deres egen',
    (a, s) =>
      central(a) ||
      hasRole(a, 'municipal') ||
      hasRole(a, 'lbf') ||
      (loggedIn(a) && s.organisationId != null && organisationsOf(a).includes(s.organisationId)),
  ),
];
