import { describe, expect, it } from 'vitest';
import { criteriaSetForYear, designationVerdict, evaluateListCriteria, originDefinition } from '../../../src/domain/keyfigures/index.ts';

const area = {
  residents: 2400,
  values: { outsideWorkOrEducation: '45', nonWesternOrigin: '62', convicted: '3.1', basicEducationOnly: '64', grossIncomeVsRegion: '52' },
};

describe('R20 — the origin definition (C-417/23)', () => {
  const set = criteriaSetForYear(2022)!;
  const run = (id: 'law' | 'omit') =>
    evaluateListCriteria(set, area, { listYear: 2022, nationalConvictionRate: '0.9', origin: originDefinition(id).policy });

  it('R20 — every evaluation names the definition it used', () => {
    expect(run('law').origin).toEqual({ kind: 'apply', text: `Oprindelsesdefinition: ${originDefinition('law').label}.` });
    expect(run('omit').origin.text).toContain('C-417/23');
  });

  it('R20 — swapping the definition changes the result: a parallelsamfund cannot be computed without the origin criterion', () => {
    expect(designationVerdict(run('law'), 'parallelSociety')).toBe('yes');
    expect(designationVerdict(run('omit'), 'parallelSociety')).toBe('notApplicable');
    // The criteria that do not concern origin are unchanged.
    expect(designationVerdict(run('omit'), 'vulnerableArea')).toBe('yes');
  });
});
