import { describe, expect, it } from 'vitest';
import {
  actionsFrom,
  checkTransition,
  isFrozen,
  nextApprovalStep,
  type PlanAction,
  type PlanFacts,
  type PlanState,
  planStates,
  targetState,
} from '../../../src/domain/plan-lifecycle.ts';

const complete: PlanFacts = {
  state: 'draft',
  approvalChain: 'committee_and_council',
  estateCount: 2,
  problemDescription: 'Mange beboere uden for beskæftigelse.',
  goalCount: 1,
  goalsWithoutCriteria: [],
  chosenFocusAreas: ['Beskæftigelse'],
  subAgreementsWithoutActivities: [],
  hasContingencyPlan: true,
  contingencyContacts: 2,
  recordedSteps: [],
  grantReference: null,
  grantDate: null,
  budget: { frameOre: 80_000_000, municipalOre: 100_000_00, breaches: [] },
  decisions: [],
  today: '2026-11-22',
};
const at = (state: PlanState, more: Partial<PlanFacts> = {}): PlanFacts => ({ ...complete, state, ...more });
const ok = { decisionDate: '2026-03-01', caseNumber: '2026-0001', note: 'Begrundelse' };

describe('R5 plan life cycle: every allowed transition', () => {
  const table: [PlanState, PlanAction, object, Partial<PlanFacts>, PlanState][] = [
    ['draft', 'submitPrequalification', {}, {}, 'prequalification_submitted'],
    ['prequalification_submitted', 'recordPrequalification', ok, {}, 'prequalified'],
    ['prequalification_submitted', 'reject', ok, {}, 'rejected'],
    ['prequalified', 'markWritten', {}, {}, 'plan_written'],
    ['plan_written', 'recordApprovalStep', { ...ok, stepKey: 'committee' }, {}, 'plan_written'],
    [
      'plan_written',
      'recordApprovalStep',
      { ...ok, stepKey: 'appropriation', amountOre: 100_000_00 },
      { recordedSteps: ['committee'] },
      'municipal_approval',
    ],
    [
      'plan_written',
      'recordApprovalStep',
      { ...ok, stepKey: 'council', amountOre: 100_000_00 },
      { approvalChain: 'council' },
      'municipal_approval',
    ],
    ['plan_written', 'reject', ok, {}, 'rejected'],
    ['municipal_approval', 'recordGrant', ok, { recordedSteps: ['committee', 'appropriation'] }, 'granted'],
    [
      'granted',
      'activate',
      {},
      { recordedSteps: ['committee', 'appropriation'], grantReference: 'LBF-1', grantDate: '2026-04-01' },
      'active',
    ],
    ['active', 'end', {}, {}, 'ended'],
    ...(['draft', 'prequalification_submitted', 'prequalified', 'plan_written', 'municipal_approval', 'granted'] as PlanState[]).map(
      (s) => [s, 'withdraw', {}, {}, 'withdrawn'] as [PlanState, PlanAction, object, Partial<PlanFacts>, PlanState],
    ),
  ];
  it.each(table)('R5 %s --%s--> allowed', (state, action, input, facts, to) => {
    const f = at(state, facts);
    expect(checkTransition(f, action, input)).toEqual({ ok: true, violations: [] });
    expect(targetState(f, action, input)).toBe(to);
  });

  it('R5 no other (state, action) pair is allowed', () => {
    const allowed = new Set(table.map(([s, a]) => `${s}:${a}`));
    for (const s of planStates)
      for (const a of [
        'submitPrequalification',
        'recordPrequalification',
        'markWritten',
        'recordApprovalStep',
        'recordGrant',
        'activate',
        'end',
        'reject',
        'withdraw',
      ] as PlanAction[]) {
        if (allowed.has(`${s}:${a}`)) continue;
        const r = checkTransition(at(s), a, ok);
        expect(r.ok, `${s}:${a}`).toBe(false);
        expect(r.violations[0]!.code).toBe('wrong_state');
      }
    expect(actionsFrom('ended')).toEqual([]);
  });
});

describe('R3/R4/R5 preconditions, each explained in Danish', () => {
  const cases: [string, PlanState, PlanAction, object, Partial<PlanFacts>, string][] = [
    ['R5 prequalification needs estates', 'draft', 'submitPrequalification', {}, { estateCount: 0 }, 'mindst én boligafdeling'],
    [
      'R5 prequalification needs a problem description',
      'draft',
      'submitPrequalification',
      {},
      { problemDescription: ' ' },
      'beskrivelse af problemerne',
    ],
    [
      'R5 problem description at most 5 pages',
      'draft',
      'submitPrequalification',
      {},
      { problemDescription: 'x'.repeat(15_001) },
      'højst fylde 5 sider',
    ],
    [
      'R5 LBF prequalification needs a date',
      'prequalification_submitted',
      'recordPrequalification',
      { caseNumber: 'X' },
      {},
      'beslutningsdatoen',
    ],
    [
      'R5 LBF prequalification needs a reference',
      'prequalification_submitted',
      'recordPrequalification',
      { decisionDate: '2026-01-01' },
      {},
      'journalnummer',
    ],
    ['R3 plan written needs goals', 'prequalified', 'markWritten', {}, { goalCount: 0 }, 'mindst ét mål'],
    [
      'R4 each goal needs success criteria',
      'prequalified',
      'markWritten',
      {},
      { goalsWithoutCriteria: ['Flere i job'] },
      'Målet "Flere i job" har ingen succeskriterier',
    ],
    ['R3 plan written needs a sub-agreement', 'prequalified', 'markWritten', {}, { chosenFocusAreas: [] }, 'mindst én delaftale'],
    [
      'R3 sub-agreements need activities',
      'prequalified',
      'markWritten',
      {},
      { subAgreementsWithoutActivities: ['Beskæftigelse'] },
      'Delaftalen "Beskæftigelse" har ingen aktiviteter',
    ],
    [
      'R3 plan written needs a contingency plan',
      'prequalified',
      'markWritten',
      {},
      { hasContingencyPlan: false },
      'mangler en beredskabsplan',
    ],
    ['R3 contingency plan needs a call list', 'prequalified', 'markWritten', {}, { contingencyContacts: 0 }, 'hvem der kaldes'],
    [
      'R3 the Council step needs the three documents',
      'plan_written',
      'recordApprovalStep',
      { ...ok, stepKey: 'committee' },
      { hasContingencyPlan: false },
      'beredskabsplan',
    ],
    [
      'R5 approval steps in order',
      'plan_written',
      'recordApprovalStep',
      { ...ok, stepKey: 'appropriation', amountOre: 1 },
      {},
      'skal registreres først',
    ],
    [
      'R5 a step is recorded once',
      'plan_written',
      'recordApprovalStep',
      { ...ok, stepKey: 'committee' },
      { recordedSteps: ['committee'] },
      'allerede registreret',
    ],
    ['R5 unknown step', 'plan_written', 'recordApprovalStep', { ...ok, stepKey: 'mayor' }, {}, 'godkendelseskæde'],
    [
      'R5 the appropriation states the co-financing amount',
      'plan_written',
      'recordApprovalStep',
      { ...ok, stepKey: 'appropriation' },
      { recordedSteps: ['committee'] },
      'kommunale medfinansiering',
    ],
    [
      'R5 approval step needs a case number',
      'plan_written',
      'recordApprovalStep',
      { stepKey: 'committee', decisionDate: '2026-01-01' },
      {},
      'sagsnummeret',
    ],
    ['R5 grant needs a reference', 'municipal_approval', 'recordGrant', { decisionDate: '2026-01-01' }, {}, 'tilsagnets reference'],
    [
      'R5 no start without every approval step (2022: the appropriation was forgotten)',
      'granted',
      'activate',
      {},
      { recordedSteps: ['committee'], grantReference: 'L', grantDate: '2026-01-01' },
      'Borgerrepræsentationens bevilling',
    ],
    [
      'R5 no start without the LBF grant',
      'granted',
      'activate',
      {},
      { recordedSteps: ['committee', 'appropriation'] },
      'uden tilsagn fra Landsbyggefonden',
    ],
    ['R5 a rejection states its reason', 'plan_written', 'reject', { decisionDate: '2026-01-01' }, {}, 'begrundelsen'],
  ];
  it.each(cases)('%s', (_name, state, action, input, facts, text) => {
    const r = checkTransition(at(state, facts), action, input);
    expect(r.ok).toBe(false);
    expect(r.violations.map((v) => v.message).join(' ')).toContain(text);
  });

  it('R5 the next approval step follows the chain', () => {
    expect(nextApprovalStep({ approvalChain: 'committee_and_council', recordedSteps: [] })?.key).toBe('committee');
    expect(nextApprovalStep({ approvalChain: 'committee_and_council', recordedSteps: ['committee'] })?.key).toBe('appropriation');
    expect(nextApprovalStep({ approvalChain: 'council', recordedSteps: ['council'] })).toBeNull();
  });

  it('R5 content is frozen from the municipal approval on', () => {
    expect(planStates.filter(isFrozen)).toEqual(['municipal_approval', 'granted', 'active', 'ended', 'rejected', 'withdrawn']);
  });
});
