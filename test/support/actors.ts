import type { Actor, Grant } from '../../src/policy/actor.ts';

/** The roles of the matrix tests: one actor per role, the organisation ones scoped to org 1 ("own"). */
export const OWN_ORG = 1;
export const OTHER_ORG = 2;

export const roleGrants: Record<string, Grant[]> = {
  admin: [{ role: 'admin' }],
  secretariat: [{ role: 'secretariat' }],
  municipalTMF: [{ role: 'municipal', administration: 'TMF' }],
  municipalBIF: [{ role: 'municipal', administration: 'BIF' }],
  organisation: [{ role: 'organisation', organisationId: OWN_ORG }],
  projectLeader: [{ role: 'project_leader', planId: 1 }],
  boardMember: [{ role: 'board_member', bodyId: 1 }],
  lbf: [{ role: 'lbf' }],
};

export const matrixActors: Record<string, Actor> = {
  anonymous: { kind: 'anonymous' },
  ...Object.fromEntries(
    Object.entries(roleGrants).map(([k, grants], i) => [
      k,
      { kind: 'user', id: 1000 + i, name: k, email: `${k}@test.example`, isDemo: false, grants } as Actor,
    ]),
  ),
};

export type RoleName = keyof typeof matrixActors;
export const roleNames = Object.keys(matrixActors) as RoleName[];
