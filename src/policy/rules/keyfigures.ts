import { administrationsOf, type Actor, hasRole, organisationsOf } from '../actor.ts';
import { rule } from '../types.ts';

declare module '../types.ts' {
  interface Subjects {
    /** Key figures (R18, R20): `organisationId` when the figures concern one estate. */
    keyfigures: { organisationId?: number | null };
  }
}

const central = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');
const municipal = (a: Actor) => hasRole(a, 'municipal');

/** R18 — who sees, loads and configures the key figures. */
export const keyfigureRules = [
  rule('keyfigures', ['read'], 'Alle kan se de offentliggjorte nøgletal (små tal er skjult)', () => true),
  rule(
    'keyfigures',
    ['readDetail'],
    'Tal under diskretionsgrænsen ser kun sekretariatet, kommunen, Landsbyggefonden og boligorganisationen for egne afdelinger',
    (a, s) =>
      central(a) || municipal(a) || hasRole(a, 'lbf') || (s.organisationId != null && organisationsOf(a).includes(s.organisationId)),
  ),
  rule(
    'keyfigures',
    ['import'],
    'Statistikken indlæses af sekretariatet, systemadministratoren eller Teknik- og Miljøforvaltningen',
    (a) => central(a) || administrationsOf(a).includes('TMF'),
  ),
  rule('keyfigures', ['configure'], 'Udpegningsreglen og diskretionsgrænsen ændres af systemadministratoren eller sekretariatet', central),
];
