import { describe, expect, it } from 'vitest';
import { holdRefusals } from '../../src/domain/reports/payment-hold.ts';

describe('R6 payment hold', () => {
  const base = { year: 2025, dueOn: '2026-06-30', overdue: true, submitted: false, openHold: false };
  it('R6 LBF may hold back payment while a report is late', () => {
    expect(holdRefusals(base)).toEqual({});
  });
  it('R6 not for a report that is not late, already submitted, or already held', () => {
    expect(holdRefusals({ ...base, overdue: false }).year).toBe(
      'Årsrapporten 2025 er ikke forsinket (fristen er 30.06.2026); Landsbyggefonden holder kun udbetalingen tilbage, mens en rapport er forsinket.',
    );
    expect(holdRefusals({ ...base, submitted: true }).year).toContain('er indsendt');
    expect(holdRefusals({ ...base, openHold: true }).year).toContain('allerede holdt tilbage');
  });
});
