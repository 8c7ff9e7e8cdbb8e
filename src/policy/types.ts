import type { Actor } from './actor.ts';

/**
 * A subject is the thing acted on, with just the attributes rules need. Each area adds its own
 * subject types by declaration merging on `Subjects` in its rules file.
 */
export interface Subjects {
  district: { id?: number };
  urbanArea: { id?: number };
  organisation: { id?: number };
  estate: { id?: number; organisationId: number };
  user: { id?: number };
  audit: { entityType: string; organisationId?: number | null; planId?: number | null };
}

export type SubjectType = keyof Subjects;
export type Subject = { [K in SubjectType]: { type: K } & Subjects[K] }[SubjectType];
export type SubjectOf<K extends SubjectType> = { type: K } & Subjects[K];

/** A rule grants `action` on a subject type when its condition holds; no rule, no access. */
export interface Rule<K extends SubjectType = SubjectType> {
  subject: K;
  actions: readonly string[];
  /** Who: a predicate over the actor and subject. `why` explains refusals in Danish. */
  when: (actor: Actor, subject: SubjectOf<K>) => boolean;
  label: string;
}

export const rule = <K extends SubjectType>(
  subject: K,
  actions: readonly string[],
  label: string,
  when: (actor: Actor, subject: SubjectOf<K>) => boolean,
): Rule => ({ subject, actions, label, when: when as Rule['when'] });
