import { type Actor, organisationsOf, plansLedBy } from '../actor.ts';
import { rule } from '../types.ts';

declare module '../types.ts' {
  interface Subjects {
    /** A user's own desk of open tasks ("Mine opgaver"). */
    taskList: Record<never, never>;
  }
}

const party = (a: Actor, s: { id?: number; partyOrganisationIds: number[] }) =>
  organisationsOf(a).some((o) => s.partyOrganisationIds.includes(o)) || (s.id !== undefined && plansLedBy(a).includes(s.id));

/** R3, R6, R9–R13 — who has a desk, and who keeps a plan's contingency plan reviewed. */
export const taskRules = [
  rule('taskList', ['read'], 'Kun indloggede brugere har en liste over egne opgaver', (a) => a.kind === 'user'),
  rule('plan', ['reviewContingency'], 'Projektlederen og boligorganisationerne bag planen holder beredskabsplanen gennemgået', (a, s) =>
    party(a, s),
  ),
];
