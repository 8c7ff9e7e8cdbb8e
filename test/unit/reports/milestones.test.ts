import { describe, expect, it } from 'vitest';
import { milestoneContract } from '../../../src/contracts/reports.ts';
import { milestonePlanMissing, milestoneViolations, sortMilestones } from '../../../src/domain/reports/index.ts';

const m = (dueOn: string, description = 'Milepæl', responsible = 'Projektlederen') => ({ dueOn, description, responsible });

describe('R6 the milestone plan for the next year', () => {
  it.each([
    ['the first day of the next year', 2025, '2026-01-01', true],
    ['the last day of the next year', 2025, '2026-12-31', true],
    ['a day in the report year', 2025, '2025-12-31', false],
    ['a day two years on', 2025, '2027-01-01', false],
  ])('R6 a milestone on %s (report %i, %s) belongs to the plan: %s', (_n, year, dueOn, ok) => {
    expect(milestoneViolations(year, [m(dueOn)]).length === 0).toBe(ok);
  });

  it('R6 each milestone outside the next year is named with its date, by its position', () => {
    expect(milestoneViolations(2025, [m('2026-05-01'), m('2024-03-02', 'Jobmesse')])).toEqual([
      { index: 1, message: 'Milepælsplanen gælder 2026: milepælen «Jobmesse» er dateret 02.03.2024.' },
    ]);
  });

  it('R6 a report is not sent for approval without a milestone plan', () => {
    expect(milestonePlanMissing(2025, [])).toBe('Tilføj mindst én milepæl for 2026, før rapporten sendes til godkendelse.');
    expect(milestonePlanMissing(2025, [m('2026-05-01')])).toBeNull();
  });

  it('R6 the plan reads in date order', () => {
    expect(sortMilestones([m('2026-09-01', 'B'), m('2026-03-01', 'C'), m('2026-09-01', 'A')]).map((x) => x.description)).toEqual([
      'C',
      'A',
      'B',
    ]);
  });

  it('R6 a milestone needs a real date, a description and a responsible person', () => {
    const r = milestoneContract.safeParse({ dueOn: '2026-02-30', description: ' ', responsible: '' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0]).sort()).toEqual(['description', 'dueOn', 'responsible']);
    expect(milestoneContract.parse({ dueOn: '2026-02-28', description: ' Jobmesse ', responsible: 'Ali' })).toEqual(
      m('2026-02-28', 'Jobmesse', 'Ali'),
    );
  });
});
