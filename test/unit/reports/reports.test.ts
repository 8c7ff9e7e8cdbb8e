import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activityYearStatus,
  canonicalJson,
  deadlineStatus,
  defaultDueOn,
  nextReportState,
  reportActionsFrom,
  reportYears,
  splitByFunders,
} from '../../../src/domain/reports/index.ts';

describe('R6 report life cycle', () => {
  it.each([
    ['draft', 'markReady', 'ready'],
    ['ready', 'approve', 'approved'],
    ['ready', 'backToDraft', 'draft'],
    ['approved', 'submit', 'submitted'],
    ['approved', 'backToDraft', 'draft'],
    ['submitted', 'acknowledge', 'acknowledged'],
    ['submitted', 'reopen', 'superseded'],
    ['acknowledged', 'reopen', 'superseded'],
  ] as const)('R6 %s --%s--> %s', (from, action, to) => {
    expect(nextReportState(from, action)).toEqual({ to });
  });

  it.each([
    ['draft', 'submit'],
    ['draft', 'approve'],
    ['ready', 'submit'],
    ['submitted', 'markReady'],
    ['submitted', 'backToDraft'],
    ['superseded', 'reopen'],
    ['acknowledged', 'acknowledge'],
  ] as const)('R6 %s refuses %s with a Danish reason', (from, action) => {
    const r = nextReportState(from, action);
    expect('error' in r && r.error).toMatch(/kan ikke bruges, når rapporten er/);
  });

  it('R6 a submitted report can only be reopened (as a new revision) or acknowledged', () => {
    expect(reportActionsFrom('submitted').sort()).toEqual(['acknowledge', 'reopen']);
    expect(reportActionsFrom('superseded')).toEqual([]);
  });
});

describe('R6 deadlines', () => {
  it('R6 the report for a year is due six months after the year ends', () => {
    expect(defaultDueOn(2025)).toBe('2026-06-30');
  });

  it.each([
    ['2026-05-01', null, 'not_due'],
    ['2026-06-01', null, 'due_soon'],
    ['2026-06-30', null, 'due_soon'],
    ['2026-07-01', null, 'overdue'],
    ['2026-07-01', '2026-06-15', 'submitted'],
  ] as const)('R6 on %s (submitted %s) the 2025 report is %s', (today, submittedOn, status) => {
    expect(deadlineStatus({ dueOn: '2026-06-30', remindDays: 30, submittedOn, today })).toBe(status);
  });

  it('R6 a plan reports on each calendar year it runs, up to this year', () => {
    expect(reportYears({ startsOn: '2023-07-01', endsOn: '2027-06-30' }, '2026-11-22')).toEqual([2023, 2024, 2025, 2026]);
    expect(reportYears({ startsOn: '2027-01-01', endsOn: '2030-12-31' }, '2026-11-22')).toEqual([]);
  });
});

describe('R6 the frozen content', () => {
  it('R6 canonical JSON does not depend on key order, so the hash of the same content is the same', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }], c: undefined })).toBe(canonicalJson({ a: [{ x: 1, y: 2 }], b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });

  it('R6 an amount split over the funders by their share adds up exactly, and nobody gets more than their share rounded up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1e11 }), { minLength: 1, maxLength: 6 }),
        (amount, shares) => {
          const frame = shares.reduce((s, x) => s + x, 0);
          fc.pre(frame > 0);
          const parts = splitByFunders(
            amount,
            shares.map((amountOre) => ({ amountOre })),
            frame,
          );
          expect(parts.reduce((s, x) => s + x, 0)).toBe(amount);
          parts.forEach((p, i) => expect(Math.abs(p - (amount * shares[i]!) / frame)).toBeLessThan(1 + 1e-6 * Math.abs(amount)));
        },
      ),
    );
  });
});

describe("R6 an activity's status in the report's year", () => {
  it.each([
    // status now, starts, ends, report year → status in that year
    ['running', '2023-01-01', '2026-12-31', 2025, 'running'],
    ['running', '2026-02-01', '2027-12-31', 2025, 'planned'],
    ['planned', null, null, 2025, 'planned'],
    ['planned', '2025-03-01', null, 2025, 'running'],
    ['ended', '2023-06-01', '2024-08-31', 2024, 'ended'],
    ['ended', '2023-06-01', '2024-08-31', 2023, 'running'],
    ['ended', '2023-06-01', '2024-08-31', 2025, 'ended'],
    ['ended', '2023-01-01', '2025-12-31', 2025, 'ended'],
    ['running', '2023-01-01', '2025-12-31', 2025, 'running'],
    ['running', '2023-01-01', '2025-06-30', 2025, 'ended'],
    ['cancelled', '2023-01-01', '2025-05-15', 2025, 'cancelled'],
    ['cancelled', '2023-01-01', '2025-05-15', 2024, 'running'],
    ['cancelled', '2026-01-01', '2026-03-01', 2025, 'planned'],
    ['cancelled', null, null, 2025, 'cancelled'],
  ] as const)('R6 %s activity %s – %s in %i is %s', (status, startsOn, endsOn, year, expected) => {
    expect(activityYearStatus({ status, startsOn, endsOn }, year)).toBe(expected);
  });
});
