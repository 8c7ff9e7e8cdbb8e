import { describe, expect, it } from 'vitest';
import { can, type Subject } from '../../../src/policy/index.ts';
import { matrixActors, OTHER_ORG, OWN_ORG, roleNames } from '../../support/actors.ts';

/**
 * R16/R18 registry permissions, role × action × resource. Each row lists the roles that may; every
 * other role must be refused. The expectations are written out here, not derived from the rules.
 */
const Y = (...roles: string[]) => new Set(roles);
const everyone = Y(...roleNames);
const central = ['admin', 'secretariat'];

const matrix: [string, Subject, Set<string>][] = [
  ['read', { type: 'district', id: 1 }, everyone],
  ['list', { type: 'district' }, everyone],
  ['update', { type: 'district', id: 1 }, Y('admin')],
  ['read', { type: 'urbanArea', id: 1 }, everyone],
  ['create', { type: 'urbanArea' }, Y(...central, 'municipalTMF')],
  ['update', { type: 'urbanArea', id: 1 }, Y(...central, 'municipalTMF')],
  ['delete', { type: 'urbanArea', id: 1 }, Y(...central, 'municipalTMF')],
  ['read', { type: 'organisation', id: OWN_ORG }, everyone],
  ['create', { type: 'organisation' }, Y(...central)],
  ['update', { type: 'organisation', id: OWN_ORG }, Y(...central, 'organisation')],
  ['update', { type: 'organisation', id: OTHER_ORG }, Y(...central)],
  ['delete', { type: 'organisation', id: OWN_ORG }, Y(...central)],
  ['read', { type: 'estate', id: 1, organisationId: OTHER_ORG }, everyone],
  ['create', { type: 'estate', organisationId: OWN_ORG }, Y(...central, 'organisation')],
  ['create', { type: 'estate', organisationId: OTHER_ORG }, Y(...central)],
  ['update', { type: 'estate', id: 1, organisationId: OWN_ORG }, Y(...central, 'organisation')],
  ['update', { type: 'estate', id: 1, organisationId: OTHER_ORG }, Y(...central)],
  ['delete', { type: 'estate', id: 1, organisationId: OWN_ORG }, Y(...central, 'organisation')],
  ['delete', { type: 'estate', id: 1, organisationId: OTHER_ORG }, Y(...central)],
  ['list', { type: 'user' }, Y('admin')],
  ['create', { type: 'user' }, Y('admin')],
  [
    'read',
    { type: 'audit', entityType: 'estate', organisationId: OWN_ORG },
    Y(...central, 'municipalTMF', 'municipalBIF', 'lbf', 'organisation'),
  ],
  ['read', { type: 'audit', entityType: 'estate', organisationId: OTHER_ORG }, Y(...central, 'municipalTMF', 'municipalBIF', 'lbf')],
];

const cases = matrix.flatMap(([action, subject, allowed]) => roleNames.map((role) => [role, action, subject, allowed.has(role)] as const));

describe('R16/R18 registry policy matrix (roles × actions × resources)', () => {
  it.each(cases)('%s → %s %o → %s', (role, action, subject, expected) => {
    expect(can(matrixActors[role]!, action, subject)).toBe(expected);
  });

  it('anonymous may never write anything in the registry', () => {
    for (const [action, subject] of matrix) {
      if (action === 'read' || action === 'list') continue;
      expect(can(matrixActors.anonymous!, action, subject)).toBe(false);
    }
  });

  it('the system actor (CLI, demo load) may do everything', () => {
    for (const [action, subject] of matrix) expect(can({ kind: 'system', label: 'CLI' }, action, subject)).toBe(true);
  });
});
