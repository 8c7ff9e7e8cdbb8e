import { describe, expect, it } from 'vitest';
import { compositionWarnings, rhythmWarnings } from '../../../src/domain/governance/composition.ts';
import { localGroupOwners, localGroupRefusals } from '../../../src/domain/governance/local-groups.ts';
import { type Actor, can } from '../../../src/policy/index.ts';

const staffOf = (organisationId: number): Actor => ({
  kind: 'user',
  id: 10 + organisationId,
  name: 'Staff',
  email: 's@test.example',
  isDemo: false,
  grants: [{ role: 'organisation', organisationId }],
});
const secretariat: Actor = { kind: 'user', id: 1, name: 'S', email: 'x@test.example', isDemo: false, grants: [{ role: 'secretariat' }] };

describe('R14 local steering/follow-up groups', () => {
  it('R14 a group is owned by the organisations party to every plan it follows', () => {
    expect(localGroupOwners([])).toEqual([]);
    expect(localGroupOwners([[3, 1]])).toEqual([1, 3]);
    expect(
      localGroupOwners([
        [1, 2],
        [2, 3],
      ]),
    ).toEqual([2]);
    expect(localGroupOwners([[1], [2]])).toEqual([]);
  });

  it('R14 a local group follows named plans, not districts', () => {
    expect(localGroupRefusals({ type: 'local_group', planIds: [], districtNumbers: [] }).planIds).toContain('Vælg de planer');
    expect(localGroupRefusals({ type: 'local_group', planIds: [1], districtNumbers: [3] }).districtNumbers).toContain('ikke hele bydele');
    expect(localGroupRefusals({ type: 'local_group', planIds: [1], districtNumbers: [] })).toEqual({});
    expect(localGroupRefusals({ type: 'forum', planIds: [], districtNumbers: [3] })).toEqual({});
  });

  it.each([
    ['forms a group for its own plan', 'create', { bodyType: 'local_group', ownerOrganisationIds: [7] }, 7, true],
    ['not for another organisation’s plan', 'create', { bodyType: 'local_group', ownerOrganisationIds: [8] }, 7, false],
    ['not a group without plans', 'create', { bodyType: 'local_group', ownerOrganisationIds: [] }, 7, false],
    ['not another kind of body', 'create', { bodyType: 'forum', ownerOrganisationIds: [7] }, 7, false],
    ['seats its members', 'manageMembers', { bodyType: 'local_group', ownerOrganisationIds: [7] }, 7, true],
    ['plans its meetings', 'planMeeting', { bodyType: 'local_group', ownerOrganisationIds: [7] }, 7, true],
    ['not a district board’s meetings', 'planMeeting', { bodyType: 'district_board', ownerOrganisationIds: [7] }, 7, false],
    ['no mandates (a district board’s)', 'manageMandate', { bodyType: 'local_group', ownerOrganisationIds: [7] }, 7, false],
  ] as const)('R14 a housing organisation %s', (_n, action, s, org, ok) => {
    expect(
      can(staffOf(org), action, { type: 'body', id: 1, memberUserIds: [], ...s, ownerOrganisationIds: [...s.ownerOrganisationIds] }),
    ).toBe(ok);
  });

  it('R14 the owners run the group’s meetings; the secretariat still may; others not', () => {
    const meeting = {
      type: 'meeting' as const,
      bodyId: 1,
      state: 'planned',
      memberUserIds: [],
      presentUserIds: [],
      bodyType: 'local_group',
    };
    for (const action of ['transition', 'addItem', 'recordOutcome', 'recordAttendance', 'uploadPaper', 'readClosed']) {
      expect(can(staffOf(7), action, { ...meeting, ownerOrganisationIds: [7] })).toBe(true);
      expect(can(staffOf(8), action, { ...meeting, ownerOrganisationIds: [7] })).toBe(false);
      expect(can(secretariat, action, { ...meeting, ownerOrganisationIds: [7] })).toBe(true);
    }
    // The minutes are approved by those present, as in every body.
    expect(can(staffOf(7), 'approveMinutes', { ...meeting, ownerOrganisationIds: [7] })).toBe(false);
  });

  it('R14 a group seats resident representatives and the project leaders, and keeps the rhythm it set itself', () => {
    const seat = (level: string, role = 'member') => ({
      representsKind: 'other' as const,
      organisationId: null,
      administration: null,
      level,
      role,
    });
    expect(compositionWarnings('local_group', [seat('staff', 'chair')]).map((w) => [w.rule, w.message])).toEqual([
      ['R14', 'Mangler beboervalgte.'],
      ['R14', 'Mangler de boligsociale projektledere.'],
    ]);
    expect(compositionWarnings('local_group', [seat('resident', 'chair'), seat('project_leader')])).toEqual([]);
    const body = { type: 'local_group', minPerYear: 6, validFrom: '2020-01-01' };
    const held = ['2026-01-10', '2026-03-10', '2026-05-10'].map((startsOn) => ({ startsOn, state: 'held' }));
    expect(rhythmWarnings(body, [...held, { startsOn: '2026-12-10', state: 'planned' }], '2026-11-22')).toEqual([
      { rule: 'R14', message: 'Kun 3 møder de seneste 12 måneder; forventet mindst 6 om året.' },
    ]);
    expect(rhythmWarnings({ ...body, minPerYear: null }, held, '2026-11-22')).toEqual([]);
  });
});
