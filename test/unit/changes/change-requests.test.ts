import { describe, expect, it } from 'vitest';
import { checkEdits, type Edit, staleEdits } from '../../../src/domain/changes/edits.ts';
import {
  availableActions,
  nextState,
  type RequestAction,
  type RequestState,
  requestStates,
} from '../../../src/domain/changes/lifecycle.ts';

const activity = {
  title: 'Jobcafé',
  description: 'Åben to dage om ugen',
  targetGroup: 'Ledige 18–30 år',
  startsOn: '2025-01-01',
  endsOn: '2026-12-31',
};
const move = (amountOre: number, fromOre = 50_000_000): Edit => ({
  op: 'moveBudget',
  fromLineId: 1,
  toLineId: 2,
  year: 2026,
  amountOre,
  before: { fromOre, toOre: 10_000_000 },
});

describe('R3 change requests are structured edits', () => {
  it('R3 a request needs at least one edit, of its own kind', () => {
    expect(checkEdits('budget_reallocation', []).map((p) => p.message)).toEqual(['Ændringsanmodningen skal indeholde mindst én ændring.']);
    expect(
      checkEdits('budget_reallocation', [
        { op: 'updateActivity', activityId: 1, before: activity, after: { ...activity, title: 'Jobværksted' } },
      ])[0]!.message,
    ).toContain('kan ikke indeholde');
    expect(
      checkEdits('activity_content', [
        { op: 'updateActivity', activityId: 1, before: activity, after: { ...activity, title: 'Jobværksted' } },
      ]),
    ).toEqual([]);
  });

  it('R3 an edit that changes nothing is refused', () => {
    expect(
      checkEdits('activity_content', [{ op: 'updateActivity', activityId: 1, before: activity, after: { ...activity } }])[0]!.message,
    ).toBe('Ændringen ændrer ikke noget.');
  });

  it.each([
    [20_000_000, []],
    [0, ['Beløbet, der flyttes, skal være større end 0 kr.']],
    [60_000_000, ['Der kan højst flyttes 500.000,00 kr. fra linjen (det, der er budgetteret i 2026).']],
  ] as const)('R1 moving %i øre between budget lines', (amount, messages) => {
    expect(checkEdits('budget_reallocation', [move(amount)]).map((p) => p.message)).toEqual(messages);
  });

  it('R3 an activity cannot end before it starts', () => {
    expect(
      checkEdits('new_activity', [
        {
          op: 'addActivity',
          subAgreementId: 1,
          activity: { ...activity, startsOn: '2026-01-01', endsOn: '2025-01-01' },
          goalIds: [],
          responsibleOrganisationId: null,
        },
      ])[0]!.message,
    ).toContain('slutte før');
  });
});

describe('R3 a request no longer applies when the plan moved on', () => {
  const edit: Edit = { op: 'updateActivity', activityId: 7, before: activity, after: { ...activity, title: 'Jobværksted' } };
  it('R3 unchanged starting point: applies', () => {
    expect(staleEdits([edit], new Map([['activity:7', { ...activity, status: 'running' }]]))).toEqual([]);
  });
  it('R3 the activity was changed by another request: stale, with both values', () => {
    const stale = staleEdits([edit], new Map([['activity:7', { ...activity, description: 'Åben hver dag' }]]));
    expect(stale).toHaveLength(1);
    expect(stale[0]!.what).toBe('Aktiviteten «Jobcafé»');
    expect((stale[0]!.now as { description: string }).description).toBe('Åben hver dag');
  });
  it('R3 the activity is gone: stale', () => {
    expect(staleEdits([edit], new Map())[0]!.now).toBe('findes ikke længere');
  });
  it('R1 a budget line changed since the proposal: stale', () => {
    expect(staleEdits([move(1)], new Map([['budget:1:2:2026', { fromOre: 30_000_000, toOre: 10_000_000 }]]))).toHaveLength(1);
  });
});

describe('R10, R11, R6 the life of a change request', () => {
  const table: [RequestState, RequestAction, 'budget_reallocation' | 'strategic_agreement', RequestState | 'error', boolean][] = [
    ['draft', 'submit', 'budget_reallocation', 'submitted', false],
    ['submitted', 'approve', 'budget_reallocation', 'applied', true],
    ['submitted', 'approve', 'strategic_agreement', 'awaiting_lbf', false],
    ['awaiting_lbf', 'recordLbfApproval', 'strategic_agreement', 'applied', true],
    ['submitted', 'reject', 'budget_reallocation', 'rejected', false],
    ['awaiting_lbf', 'reject', 'strategic_agreement', 'rejected', false],
    ['submitted', 'withdraw', 'budget_reallocation', 'withdrawn', false],
    ['draft', 'approve', 'budget_reallocation', 'error', false],
    ['applied', 'withdraw', 'budget_reallocation', 'error', false],
    ['rejected', 'approve', 'budget_reallocation', 'error', false],
    ['withdrawn', 'submit', 'budget_reallocation', 'error', false],
    ['submitted', 'recordLbfApproval', 'budget_reallocation', 'error', false],
  ];
  it.each(table)('R11 from %s, %s (%s) → %s', (state, action, kind, to, applies) => {
    const r = nextState(kind, state, action);
    if (to === 'error') expect('error' in r && r.error).toContain('kan ikke bruges');
    else expect(r).toEqual({ to, applies });
  });
  it('R11 closed requests offer no actions; they are kept as they are', () => {
    for (const s of requestStates) if (['applied', 'rejected', 'withdrawn'].includes(s)) expect(availableActions(s)).toEqual([]);
  });
});
