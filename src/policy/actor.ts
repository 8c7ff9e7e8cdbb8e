/** Who is acting: a logged-in user with role grants, the anonymous public, or the system (CLI, demo load). */

export const roles = ['admin', 'secretariat', 'municipal', 'organisation', 'project_leader', 'board_member', 'lbf'] as const;
export type Role = (typeof roles)[number];

import { administrations } from '../domain/governance/labels.ts';

export { administrations };
export type Administration = (typeof administrations)[number];

export const roleLabels: Record<Role, string> = {
  admin: 'Systemadministrator',
  secretariat: 'Sekretariatet',
  municipal: 'Kommunal medarbejder',
  organisation: 'Medarbejder i boligorganisation',
  project_leader: 'Projektleder',
  board_member: 'Bestyrelsesmedlem',
  lbf: 'Landsbyggefonden (læser)',
};

export const administrationLabels: Record<Administration, string> = {
  TMF: 'Teknik- og Miljøforvaltningen',
  SOF: 'Socialforvaltningen',
  BIF: 'Beskæftigelses- og Integrationsforvaltningen',
  BUF: 'Børne- og Ungdomsforvaltningen',
  KFF: 'Kultur- og Fritidsforvaltningen',
  SUF: 'Sundheds- og Omsorgsforvaltningen',
  ØKF: 'Økonomiforvaltningen',
};

export interface Grant {
  role: Role;
  organisationId?: number | null;
  administration?: Administration | null;
  planId?: number | null;
  bodyId?: number | null;
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system'; label: string }
  | { kind: 'user'; id: number; name: string; email: string; grants: Grant[]; isDemo: boolean };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const anonymous: Actor = { kind: 'anonymous' };
export const systemActor = (label = 'System'): Actor => ({ kind: 'system', label });

export const hasRole = (actor: Actor, role: Role): boolean => actor.kind === 'user' && actor.grants.some((g) => g.role === role);

/** Organisations the actor works for (housing-organisation staff grants). */
export const organisationsOf = (actor: Actor): number[] =>
  actor.kind === 'user' ? actor.grants.flatMap((g) => (g.role === 'organisation' && g.organisationId ? [g.organisationId] : [])) : [];

export const plansLedBy = (actor: Actor): number[] =>
  actor.kind === 'user' ? actor.grants.flatMap((g) => (g.role === 'project_leader' && g.planId ? [g.planId] : [])) : [];

export const bodiesOf = (actor: Actor): number[] =>
  actor.kind === 'user' ? actor.grants.flatMap((g) => (g.role === 'board_member' && g.bodyId ? [g.bodyId] : [])) : [];

export const administrationsOf = (actor: Actor): Administration[] =>
  actor.kind === 'user' ? actor.grants.flatMap((g) => (g.role === 'municipal' && g.administration ? [g.administration] : [])) : [];

/** Who did it, as stored beside the user id and shown to anyone: the name only, never the e-mail address. */
export function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return actor.name;
  if (actor.kind === 'system') return actor.label;
  return 'Anonym';
}

/** The user id stored beside a who-did-it label; null for the system and anonymous visitors. */
export const actorUserId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.id : null);

/** The role shown in the header: the most powerful grant first. */
export function primaryRoleLabel(actor: Actor): string {
  if (actor.kind !== 'user') return '';
  const first = roles.find((r) => actor.grants.some((g) => g.role === r));
  return first ? roleLabels[first] : 'Bruger uden rolle';
}
