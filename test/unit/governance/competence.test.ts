import { describe, expect, it } from 'vitest';
import { type BodyInfo, decidingBody, votingRight } from '../../../src/domain/governance/competence.ts';

const bodies: BodyInfo[] = [
  { id: 1, name: 'Boligsocialt Forum Nørrebro', type: 'forum', validFrom: '2011-01-01', validTo: '2016-01-31', districtIds: [3] },
  {
    id: 10,
    name: 'Boligsocial Bestyrelse (SAF+)',
    type: 'city_board',
    validFrom: '2016-02-01',
    validTo: null,
    districtIds: [1, 2, 3, 4, 5],
  },
  { id: 11, name: 'Bydelsbestyrelse Nørrebro', type: 'district_board', validFrom: '2016-02-01', validTo: null, districtIds: [3] },
  { id: 12, name: 'Bydelsbestyrelse Amager/Sundby', type: 'district_board', validFrom: '2016-02-01', validTo: null, districtIds: [9, 10] },
];
const base = { planDistrictId: 3, partyOrganisationIds: [7, 8], transfers: [], bodies, on: '2020-05-01' };

describe('competence', () => {
  it('R11 the district board of the plan’s district decides by default', () => {
    const d = decidingBody(base);
    expect(d).toMatchObject({ bodyId: 11, rule: 'R11' });
    expect(d.reason).toContain('Bydelsbestyrelse Nørrebro');
    expect(decidingBody({ ...base, planDistrictId: 10 }).bodyId).toBe(12);
  });

  it('R12 the city board decides after a recorded transfer by the plan’s housing organisations', () => {
    const d = decidingBody({ ...base, transfers: [{ decidedOn: '2019-03-15' }] });
    expect(d).toMatchObject({ bodyId: 10, rule: 'R12' });
    expect(d.reason).toContain('15.03.2019');
  });

  it('R12 a transfer decided after the day asked about does not yet apply', () => {
    expect(decidingBody({ ...base, transfers: [{ decidedOn: '2021-01-01' }] })).toMatchObject({ bodyId: 11, rule: 'R11' });
  });

  it('R11 a plan outside every district board falls to the city board', () => {
    expect(decidingBody({ ...base, planDistrictId: 6 })).toMatchObject({ bodyId: 10, rule: 'R11' });
  });

  it('R11 R16 no body decides before the 2016 structure', () => {
    expect(() => decidingBody({ ...base, on: '2015-01-01' })).toThrow(/intet organ/);
  });

  it('R11 only members representing the plan’s party organisations may vote', () => {
    expect(votingRight({ representsOrganisationId: 7, role: 'member' }, [7, 8]).mayVote).toBe(true);
    expect(votingRight({ representsOrganisationId: 8, role: 'chair' }, [7, 8]).mayVote).toBe(true);
    const other = votingRight({ representsOrganisationId: 9, role: 'member' }, [7, 8]);
    expect(other.mayVote).toBe(false);
    expect(other.reason).toContain('ikke part');
    expect(votingRight({ representsOrganisationId: null, role: 'chair' }, [7, 8]).mayVote).toBe(false);
  });

  it('R11 observers and the secretary comment but do not vote, even for a party organisation', () => {
    expect(votingRight({ representsOrganisationId: 7, role: 'observer' }, [7]).mayVote).toBe(false);
    expect(votingRight({ representsOrganisationId: 7, role: 'secretary' }, [7]).mayVote).toBe(false);
  });
});
