/** The origin definition of the national criteria (R20): since C-417/23 it can be left out or swapped. */
import type { CriterionVariable } from './national-criteria.ts';

/** The origin criterion applied, left out, or read from another variable (same thresholds). */
export type OriginPolicy =
  | { readonly kind: 'apply' }
  | { readonly kind: 'omit' }
  | { readonly kind: 'replace'; readonly variable: CriterionVariable; readonly label: string; readonly text: string };

/** R20 — the origin definition an evaluation used, in Danish. */
export interface OriginUsed {
  readonly kind: OriginPolicy['kind'];
  readonly text: string;
}

/** R20 — the origin definition in force, as the stored setting names it (C-417/23 made it swappable). */
export type OriginDefinitionId = 'law' | 'omit';

export const ORIGIN_DEFINITIONS: readonly { readonly id: OriginDefinitionId; readonly label: string; readonly policy: OriginPolicy }[] = [
  {
    id: 'law',
    label: 'Lovens definition: andelen af indvandrere og efterkommere fra ikke-vestlige lande (almenboligloven § 61 a)',
    policy: { kind: 'apply' },
  },
  {
    id: 'omit',
    label: 'Uden oprindelseskriterium (EU-Domstolens dom i sag C-417/23)',
    policy: { kind: 'omit' },
  },
];

/** R20 — the policy and label of a stored origin definition. */
export function originDefinition(id: OriginDefinitionId) {
  const found = ORIGIN_DEFINITIONS.find((d) => d.id === id);
  if (!found) throw new RangeError(`unknown origin definition ${id}`);
  return found;
}

/** R20 — what an evaluation says about the origin definition it used (Danish). */
export function describeOriginPolicy(origin: OriginPolicy): OriginUsed {
  if (origin.kind === 'apply') return { kind: 'apply', text: `Oprindelsesdefinition: ${ORIGIN_DEFINITIONS[0]!.label}.` };
  if (origin.kind === 'omit') return { kind: 'omit', text: `Oprindelsesdefinition: ${ORIGIN_DEFINITIONS[1]!.label}.` };
  return { kind: 'replace', text: `Oprindelsesdefinition: ${origin.label}.` };
}
