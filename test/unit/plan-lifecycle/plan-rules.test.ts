import { describe, expect, it } from 'vitest';
import { checkPlanPeriod, contingencyReviewWarning, estateOverlaps, leadIsParty, progressStatus } from '../../../src/domain/plan-rules.ts';

const period = { code: '2019-26', startsOn: '2019-01-01', endsOn: '2026-12-31' };

describe('R5 plan period', () => {
  it.each([
    ['4 years exactly: no warning', '2023-01-01', '2026-12-31', 0, 0],
    ['5 years: a warning', '2021-01-01', '2025-12-31', 0, 1],
    ['3 years: a warning', '2023-01-01', '2025-12-31', 0, 1],
    ['outside the funding period: a warning', '2024-01-01', '2027-12-31', 0, 1],
    ['end before start: refused', '2024-01-01', '2023-12-31', 1, 0],
  ])('R5 %s', (_n, startsOn, endsOn, errors, warnings) => {
    const r = checkPlanPeriod({ startsOn, endsOn }, period);
    expect(r.errors).toHaveLength(errors);
    expect(r.warnings).toHaveLength(warnings);
  });
});

describe('R2 an estate is never in two plans with overlapping periods', () => {
  it.each([
    ['successive plans', '2019-01-01', '2022-12-31', 0],
    ['overlap by one day', '2019-01-01', '2023-01-01', 1],
    ['inside', '2024-01-01', '2024-12-31', 1],
  ])('R2 %s', (_n, startsOn, endsOn, n) => {
    expect(
      estateOverlaps({ startsOn: '2023-01-01', endsOn: '2026-12-31' }, 'Tingbjerg I', [{ name: 'Gammel plan', startsOn, endsOn }]),
    ).toHaveLength(n);
  });
  it('R11 the lead organisation must be party to the grant', () => {
    expect(leadIsParty(1, [1, 2])).toEqual([]);
    expect(leadIsParty(3, [1, 2])[0]!.message).toContain('ansvarlige boligorganisation');
  });
});

describe('R4 progress toward a success criterion', () => {
  const c = { direction: 'increase' as const, baselineValue: 40, baselineDate: '2023-01-01', targetValue: 60, targetDate: '2027-01-01' };
  it.each([
    ['no data', [], 'no_data'],
    ['halfway in time, a bit more than halfway in value: on track', [{ value: 51, measuredOn: '2025-01-01' }], 'on_track'],
    ['halfway in time, three fifths of the expected gain: at risk', [{ value: 46, measuredOn: '2025-01-01' }], 'at_risk'],
    ['halfway in time, backwards: off track', [{ value: 39, measuredOn: '2025-01-01' }], 'off_track'],
    [
      'the latest measurement counts',
      [
        { value: 59, measuredOn: '2024-01-01' },
        { value: 41, measuredOn: '2026-01-01' },
      ],
      'off_track',
    ],
  ])('R4 %s', (_n, ms, status) => {
    expect(progressStatus(c, ms).status).toBe(status);
  });
  it('R4 a decreasing indicator is on track when it falls fast enough', () => {
    const d = { ...c, direction: 'decrease' as const, baselineValue: 30, targetValue: 20 };
    expect(progressStatus(d, [{ value: 24, measuredOn: '2025-01-01' }]).status).toBe('on_track');
    expect(progressStatus(d, [{ value: 28, measuredOn: '2025-01-01' }]).status).toBe('off_track');
  });
});

describe('R3 contingency plan review', () => {
  it.each([
    [null, 'aldrig'],
    ['2025-11-21', 'over 12 måneder'],
    ['2025-11-22', null],
    ['2026-06-01', null],
  ])('R3 last reviewed %s', (d, text) => {
    const w = contingencyReviewWarning(d, '2026-11-22');
    if (text === null) expect(w).toBeNull();
    else expect(w?.message).toContain(text);
  });
});
