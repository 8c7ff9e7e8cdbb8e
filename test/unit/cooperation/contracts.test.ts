import { describe, expect, it } from 'vitest';
import {
  type ContractSnapshot,
  contractApprovalStep,
  contractStepKey,
  contractThemes,
  diffContract,
  parseRoles,
  revisionViolations,
} from '../../../src/domain/cooperation/index.ts';
import { chainOf, checkTransition, nextApprovalStep, type PlanFacts, targetState } from '../../../src/domain/plan-lifecycle.ts';
import { administrations } from '../../../src/policy/actor.ts';

const v1: ContractSnapshot = {
  title: 'Kontrakt om boligsocialt samarbejde',
  goals: [
    {
      id: 1,
      theme: 'Børn, unge og beskæftigelse',
      title: 'Flere unge i fritidsjob',
      description: '',
      successCriteria: '40 unge om året',
      roles: [{ kind: 'administration', party: 'BIF', responsibility: 'Jobcentret' }],
    },
    { id: 2, theme: 'Sundhed', title: 'Bedre trivsel', description: '', successCriteria: 'Trivselsmåling', roles: [] },
  ],
};

describe('R17 contract versions', () => {
  it('R17 the five themes bordering the core services are the contract themes', () => {
    expect(contractThemes).toEqual([
      'Børn, unge og beskæftigelse',
      'Uddannelse, beskæftigelse og erhverv',
      'Kultur og fritid',
      'Udsatte grupper',
      'Sundhed',
    ]);
  });

  it('R17 a revision diff names the goal and each changed field with before and after', () => {
    const v2: ContractSnapshot = { ...v1, goals: [{ ...v1.goals[0]!, successCriteria: '60 unge om året' }, v1.goals[1]!] };
    const d = diffContract(v1, v2);
    expect(d.goals).toEqual([
      {
        goalId: 1,
        title: 'Flere unge i fritidsjob',
        kind: 'changed',
        changes: [{ field: 'successCriteria', before: '40 unge om året', after: '60 unge om året' }],
      },
    ]);
  });

  it('R17 added and removed goals are in the diff; the first version lists every goal as added', () => {
    const v2: ContractSnapshot = {
      ...v1,
      goals: [v1.goals[0]!, { id: 3, theme: 'Kultur og fritid', title: 'Foreningsliv', description: '', successCriteria: 'x', roles: [] }],
    };
    const d = diffContract(v1, v2);
    expect(d.goals.map((g) => [g.goalId, g.kind])).toEqual([
      [3, 'added'],
      [2, 'removed'],
    ]);
    expect(diffContract(null, v1).goals.every((g) => g.kind === 'added')).toBe(true);
  });

  it('R17 roles per administration and per housing organisation are parsed from "Part: ansvar" lines', () => {
    const r = parseRoles('buf: klubberne\nfsb: lommepengejob\n\nBIF: jobcentret', administrations);
    expect(r.errors).toEqual([]);
    expect(r.roles).toEqual([
      { kind: 'administration', party: 'BUF', responsibility: 'klubberne' },
      { kind: 'organisation', party: 'fsb', responsibility: 'lommepengejob' },
      { kind: 'administration', party: 'BIF', responsibility: 'jobcentret' },
    ]);
    expect(parseRoles('uden kolon', administrations).errors[0]).toMatch(/Part: rolle og ansvar/);
  });
});

describe('R17 approval with the plans', () => {
  const facts: PlanFacts = {
    state: 'plan_written',
    approvalChain: 'committee_and_council',
    estateCount: 1,
    problemDescription: 'x',
    goalCount: 1,
    goalsWithoutCriteria: [],
    chosenFocusAreas: ['a'],
    subAgreementsWithoutActivities: [],
    hasContingencyPlan: true,
    contingencyContacts: 1,
    recordedSteps: ['committee', 'appropriation'],
    grantReference: null,
    grantDate: null,
    budget: { frameOre: 800_000_000, municipalOre: 100_000_000, breaches: [] },
    decisions: [],
    today: '2026-11-22',
  };
  const withContract = { ...facts, extraSteps: [contractApprovalStep('Nørrebro')] };

  it("R17 a plan in an area with a contract gains the contract's approval as a step of its chain", () => {
    expect(chainOf(withContract).steps.map((s) => s.key)).toEqual(['committee', 'appropriation', contractStepKey]);
    expect(nextApprovalStep(withContract)?.label).toMatch(/kontrakten om boligsocialt samarbejde for Nørrebro/);
    expect(chainOf(facts).steps.map((s) => s.key)).toEqual(['committee', 'appropriation']);
  });

  it('R17 the plan is not approved by the municipality until the contract step is recorded', () => {
    expect(targetState(withContract, 'recordApprovalStep', { stepKey: 'appropriation' })).toBe('plan_written');
    expect(targetState(withContract, 'recordApprovalStep', { stepKey: contractStepKey })).toBe('municipal_approval');
    const check = checkTransition(withContract, 'recordApprovalStep', {
      stepKey: contractStepKey,
      decisionDate: '2026-01-10',
      caseNumber: '2026-1',
    });
    expect(check.ok).toBe(true);
  });

  it('R17 a contract already approved with another plan of the area counts as done', () => {
    const done = { ...withContract, recordedSteps: ['committee', 'appropriation', contractStepKey] };
    expect(nextApprovalStep(done)).toBeNull();
  });
});

describe('R17 revision by the forum', () => {
  const approved = { status: 'approved' as const, contractBodyId: 7, approvedOn: '2020-01-01', changed: true };

  it('R17 an approved contract is revised at a meeting of its own forum/board, without political approval', () => {
    expect(revisionViolations({ ...approved, meeting: { bodyId: 7, state: 'held', date: '2026-03-01' } })).toEqual({});
  });

  it('R17 a revision needs the meeting, of the right body, not cancelled, not before the approval', () => {
    expect(revisionViolations({ ...approved, meeting: null }).meetingId).toMatch(/Vælg det møde/);
    expect(revisionViolations({ ...approved, meeting: { bodyId: 8, state: 'held', date: '2026-03-01' } }).meetingId).toMatch(
      /det forum eller den bestyrelse/,
    );
    expect(revisionViolations({ ...approved, meeting: { bodyId: 7, state: 'cancelled', date: '2026-03-01' } }).meetingId).toMatch(/aflyst/);
    expect(revisionViolations({ ...approved, meeting: { bodyId: 7, state: 'held', date: '2019-03-01' } }).meetingId).toMatch(
      /før kontraktens politiske godkendelse/,
    );
  });

  it('R17 a draft is edited by its working groups without a meeting; no change is refused', () => {
    expect(revisionViolations({ status: 'draft', contractBodyId: 7, approvedOn: null, changed: true, meeting: null })).toEqual({});
    expect(revisionViolations({ ...approved, changed: false, meeting: { bodyId: 7, state: 'held', date: '2026-03-01' } })._form).toMatch(
      /ingen ændringer/,
    );
  });
});
