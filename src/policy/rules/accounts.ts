import { hasRole } from '../actor.ts';
import { rule } from '../types.ts';

declare module '../types.ts' {
  interface Subjects {
    /** Everything Helhed holds about a named person (a user, a body member, a contingency contact, a project leader). */
    person: Record<never, never>;
  }
}

/** Sign-in and a person's data: only the system administrator sees, exports, erases or pseudonymises a person's data. */
export const accountRules = [
  rule('person', ['read', 'list', 'export', 'erase'], 'Kun systemadministratoren behandler anmodninger om en persons oplysninger', (a) =>
    hasRole(a, 'admin'),
  ),
];
