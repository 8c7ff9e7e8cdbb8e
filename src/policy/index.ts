import { Forbidden, Unauthorized } from '../errors.ts';
import { withoutRuleCodes } from '../domain/text.ts';
import type { Actor } from './actor.ts';
import { allRules } from './rules/index.ts';
import type { Subject, SubjectType } from './types.ts';

export * from './actor.ts';
export type { Subject, SubjectType } from './types.ts';

const rulesFor = (type: SubjectType, action: string) => allRules.filter((r) => r.subject === type && r.actions.includes(action));

/**
 * Whether `actor` may do `action` to `subject`. The system actor (CLI, demo load) may do everything.
 * @example can(actor, 'update', { type: 'estate', organisationId: 3 })
 */
export function can(actor: Actor, action: string, subject: Subject): boolean {
  if (actor.kind === 'system') return true;
  return rulesFor(subject.type, action).some((r) => r.when(actor, subject as never));
}

/** Throws Unauthorized (anonymous) or Forbidden with the rule that would have allowed it, in Danish. */
export function authorize(actor: Actor, action: string, subject: Subject): void {
  if (can(actor, action, subject)) return;
  if (actor.kind === 'anonymous') throw new Unauthorized();
  const rules = rulesFor(subject.type, action);
  throw new Forbidden(
    rules.length ? `Du har ikke adgang. ${rules.map((r) => withoutRuleCodes(r.label)).join('. ')}.` : 'Handlingen er ikke tilladt.',
  );
}

/** The actions the actor may take on a subject, so a page shows a button only when the POST would pass. */
export function abilities<A extends string>(actor: Actor, subject: Subject, actions: readonly A[]): Record<A, boolean> {
  return Object.fromEntries(actions.map((a) => [a, can(actor, a, subject)])) as Record<A, boolean>;
}
