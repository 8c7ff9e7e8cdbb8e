import { describe, expect, it } from 'vitest';
import { contingencyDue, isOverdue, sortTasks, type Task } from '../../../src/domain/tasks/index.ts';
import { withoutRuleCodes } from '../../../src/domain/text.ts';

const task = (id: string, o: Partial<Task>): Task => ({
  id,
  kind: 'decideChange',
  title: id,
  context: '',
  href: '/',
  due: null,
  since: null,
  overdue: false,
  ...o,
});

describe('Mine opgaver: order and deadlines', () => {
  it('R6 R11 the desk puts overdue tasks first (oldest deadline first), then by deadline, then undated tasks by age', () => {
    const sorted = sortTasks([
      task('undated-new', { since: '2026-11-20' }),
      task('due-late', { due: '2026-12-20' }),
      task('overdue-recent', { due: '2026-11-01', overdue: true }),
      task('due-soon', { due: '2026-11-25' }),
      task('undated-old', { since: '2026-10-01' }),
      task('overdue-old', { due: '2025-06-30', overdue: true }),
      task('never-reviewed', { overdue: true }),
    ]);
    expect(sorted.map((t) => t.id)).toEqual([
      'overdue-old',
      'overdue-recent',
      'never-reviewed',
      'due-soon',
      'due-late',
      'undated-old',
      'undated-new',
    ]);
  });

  it.each([
    ['2026-11-21', '2026-11-22', true],
    ['2026-11-22', '2026-11-22', false],
    ['2026-11-23', '2026-11-22', false],
    [null, '2026-11-22', false],
  ] as const)('R6 a deadline %s is overdue on %s: %s (the deadline day itself is in time)', (due, today, expected) => {
    expect(isOverdue(due, today)).toBe(expected);
  });

  it.each([
    ['2025-03-01', '2026-03-01'],
    ['2024-02-29', '2025-02-28'],
    [null, null],
  ] as const)('R3 a contingency plan reviewed %s is due for review %s', (last, due) => {
    expect(contingencyDue(last)).toBe(due);
  });
});

describe('User-facing texts without rule codes', () => {
  it.each([
    ['Budgettet overholder ikke reglerne for finansiering (R1).', 'Budgettet overholder ikke reglerne for finansiering.'],
    ['Kun parterne beslutter (R3, R11)', 'Kun parterne beslutter'],
    ['Bagud i forhold til mødeplanen (R9–R13)', 'Bagud i forhold til mødeplanen'],
    ['Reglerne (R1): linjerne', 'Reglerne: linjerne'],
    ['Rolle (RO) og R5-skemaet', 'Rolle (RO) og R5-skemaet'],
  ])('%s → %s', (text, expected) => {
    expect(withoutRuleCodes(text)).toBe(expected);
  });
});
