import { z } from '@hono/zod-openapi';
import { type Actor, hasRole } from '../policy/actor.ts';
import { can } from '../policy/index.ts';

/**
 * Who may see what of a resource: the public (anyone, also anonymous visitors and LBF), those with a part in it
 * (the party organisations' staff, its project leaders) and the municipality's staff (admin, secretariat, municipal).
 * People appear to the public by name and role only; e-mail addresses and phone numbers only to the other two.
 */
export type Audience = 'public' | 'party' | 'staff';

const isStaff = (actor: Actor) =>
  hasRole(actor, 'admin') || hasRole(actor, 'secretariat') || hasRole(actor, 'municipal') || actor.kind === 'system';

/**
 * The audience of a plan and everything under it: the same check that shows the contingency plan's contacts.
 * @example planAudience(actor, { id: 4, partyOrganisationIds: [1, 2] }) // 'public' for an anonymous visitor
 */
export function planAudience(actor: Actor, plan: { id: number; partyOrganisationIds: number[] }): Audience {
  if (!can(actor, 'read', { type: 'planContacts', planId: plan.id, partyOrganisationIds: plan.partyOrganisationIds })) return 'public';
  return isStaff(actor) ? 'staff' : 'party';
}

/** True when the audience may see contact details (e-mail addresses, phone numbers). */
export const seesContacts = (a: Audience): boolean => a !== 'public';

/**
 * A who-did-it label as shown: the name only. Labels are stored without e-mail addresses (migration 010); this
 * also strips any that an older row or an outside source still carries.
 * @example personName('Karl KAB <kab@demo.test>') // 'Karl KAB'
 */
export function personName(label: string | null | undefined): string {
  if (!label) return '';
  const name = label
    .replace(/\s*<[^<>]*>/g, '')
    .replace(/[^\s<>]+@[^\s<>]+/g, '')
    .trim();
  return name || 'Bruger';
}

/**
 * The contract applied: the value is checked against the response schema and every field the schema does not list
 * is dropped, so a field a service adds later never leaves the server by accident (spreads included).
 * @example only(PoolSchema, { ...pool, entries }) // the pool as PoolSchema lists it, nothing more
 */
export function only<S extends z.ZodType>(schema: S, value: z.input<S>): z.output<S> {
  return schema.parse(value);
}

/** A person as the public sees them. */
export const PersonName = z.string().openapi({ description: 'Navnet på den, der gjorde det (aldrig en e-mailadresse)' });

/** ISO timestamp for a Date (the JSON form every presenter uses). */
export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
