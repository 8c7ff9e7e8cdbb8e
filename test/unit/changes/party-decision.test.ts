import { describe, expect, it } from 'vitest';
import { type PartyAnswer, type PartyDecisionRule, partyDecision } from '../../../src/domain/changes/party-decision.ts';

const answers = (...a: [number, PartyAnswer][]) => a.map(([organisationId, answer]) => ({ organisationId, answer }));
type Row = [rule: PartyDecisionRule, required: number[], given: [number, PartyAnswer][], outcome: 'approve' | 'reject' | null];

describe('R11 the party organisations decide together', () => {
  const cases: Row[] = [
    // One party: its answer decides, as before.
    ['all', [1], [[1, 'approve']], 'approve'],
    ['all', [1], [[1, 'reject']], 'reject'],
    // Two parties under "all": one approval does not decide; both do; one rejection rejects at once.
    ['all', [1, 2], [[1, 'approve']], null],
    [
      'all',
      [1, 2],
      [
        [1, 'approve'],
        [2, 'approve'],
      ],
      'approve',
    ],
    ['all', [1, 2], [[2, 'reject']], 'reject'],
    [
      'all',
      [1, 2],
      [
        [1, 'approve'],
        [2, 'reject'],
      ],
      'reject',
    ],
    // Abstentions consent under "all", but a request nobody approved is not approved.
    [
      'all',
      [1, 2],
      [
        [1, 'approve'],
        [2, 'abstain'],
      ],
      'approve',
    ],
    ['all', [1, 2], [[1, 'abstain']], null],
    [
      'all',
      [1, 2],
      [
        [1, 'abstain'],
        [2, 'abstain'],
      ],
      'reject',
    ],
    // Majority of three: two approvals decide, two rejections decide, one of each waits for the third.
    ['majority', [1, 2, 3], [[1, 'approve']], null],
    [
      'majority',
      [1, 2, 3],
      [
        [1, 'approve'],
        [2, 'approve'],
      ],
      'approve',
    ],
    [
      'majority',
      [1, 2, 3],
      [
        [1, 'reject'],
        [3, 'reject'],
      ],
      'reject',
    ],
    [
      'majority',
      [1, 2, 3],
      [
        [1, 'approve'],
        [2, 'reject'],
      ],
      null,
    ],
    [
      'majority',
      [1, 2, 3],
      [
        [1, 'approve'],
        [2, 'reject'],
        [3, 'abstain'],
      ],
      'reject',
    ],
    // Majority of two: a tie is not a majority, so one rejection decides; approval needs both.
    ['majority', [1, 2], [[1, 'approve']], null],
    ['majority', [1, 2], [[1, 'reject']], 'reject'],
    // An abstention leaves the decision to those who take a position.
    [
      'majority',
      [1, 2, 3],
      [
        [1, 'abstain'],
        [2, 'approve'],
      ],
      null,
    ],
    [
      'majority',
      [1, 2, 3],
      [
        [1, 'abstain'],
        [2, 'approve'],
        [3, 'abstain'],
      ],
      'approve',
    ],
  ];
  it.each(cases)('R11 rule %s, parties %j, answers %j → %s', (rule, required, given, outcome) => {
    expect(partyDecision({ rule, required, answers: answers(...given) }).outcome).toBe(outcome);
  });

  it('R11 the page knows who has answered and who is awaited', () => {
    const d = partyDecision({ rule: 'all', required: [7, 3, 5], answers: answers([3, 'approve'], [5, 'abstain']) });
    expect(d).toMatchObject({ answered: [3, 5], awaited: [7], approvals: 1, rejections: 0, abstentions: 1, outcome: null });
  });

  it('R11 an answer from an organisation that is no longer party on the body does not count', () => {
    const d = partyDecision({ rule: 'all', required: [1, 2], answers: answers([9, 'approve'], [1, 'approve']) });
    expect(d).toMatchObject({ answered: [1], awaited: [2], approvals: 1, outcome: null });
  });

  it('R11 with no party organisation on the body nothing decides', () => {
    expect(partyDecision({ rule: 'all', required: [], answers: [] }).outcome).toBeNull();
    expect(partyDecision({ rule: 'majority', required: [], answers: [] }).outcome).toBeNull();
  });
});
