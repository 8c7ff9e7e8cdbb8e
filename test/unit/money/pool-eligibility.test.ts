import { describe, expect, it } from 'vitest';
import { poolEligibility } from '../../../src/domain/money/pool.ts';

const both = { requiresVulnerableArea: true, requiresMunicipalCooperation: true };

describe('R8 pool eligibility', () => {
  it('R8 a plan in a vulnerable urban area with a municipal administration in its activities is eligible', () => {
    expect(
      poolEligibility(
        { planName: 'Helhedsplan Mjølnerparken', vulnerableAreas: ['Ydre Nørrebro'], municipalAdministrations: ['BIF'] },
        both,
      ),
    ).toEqual([]);
  });

  it('R8 each unmet condition gives its Danish reason, naming the plan', () => {
    const r = poolEligibility({ planName: 'Helhedsplan Østerbro', vulnerableAreas: [], municipalAdministrations: [] }, both);
    expect(r).toHaveLength(2);
    expect(r[0]).toContain('Helhedsplan Østerbros boligafdelinger ligger i et udsat byområde');
    expect(r[1]).toContain('samarbejde med kommunen');
  });

  it('R8 the conditions are configurable', () => {
    expect(
      poolEligibility(
        { planName: 'x', vulnerableAreas: [], municipalAdministrations: [] },
        { requiresVulnerableArea: false, requiresMunicipalCooperation: false },
      ),
    ).toEqual([]);
    expect(
      poolEligibility(
        { planName: 'x', vulnerableAreas: [], municipalAdministrations: ['SOF'] },
        { requiresVulnerableArea: true, requiresMunicipalCooperation: true },
      ),
    ).toHaveLength(1);
  });
});
