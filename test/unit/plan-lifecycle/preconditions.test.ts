import { describe, expect, it } from 'vitest';
import { checkTransition, type PlanFacts, type PlanState } from '../../../src/domain/plan-lifecycle.ts';
import { budgetRequiredViolations, councilBudgetViolations, decisionDateViolations } from '../../../src/domain/plan-preconditions.ts';

const budget = { frameOre: 800_000_000, municipalOre: 100_000_000, breaches: [] as string[] };
const facts = (state: PlanState, more: Partial<PlanFacts> = {}): PlanFacts => ({
  state,
  approvalChain: 'committee_and_council',
  estateCount: 1,
  problemDescription: 'Mange beboere uden for beskæftigelse.',
  goalCount: 1,
  goalsWithoutCriteria: [],
  chosenFocusAreas: ['Beskæftigelse'],
  subAgreementsWithoutActivities: [],
  hasContingencyPlan: true,
  contingencyContacts: 1,
  recordedSteps: [],
  grantReference: null,
  grantDate: null,
  budget,
  decisions: [],
  today: '2026-12-03',
  ...more,
});
const step = (stepKey: string, more: object = {}) => ({ stepKey, decisionDate: '2026-05-04', caseNumber: '2026-0001', ...more });
const messages = (r: { violations: { message: string }[] }) => r.violations.map((v) => v.message).join(' ');
const noRuleCodes = (text: string) => expect(text).not.toMatch(/\bR\d+\b/);

describe('R1 R5 — the City Council step needs a complete budget and records exactly its municipal share', () => {
  it('R5 — the Council step is refused when the plan has no budget', () => {
    const r = checkTransition(
      facts('plan_written', { recordedSteps: ['committee'], budget: null }),
      'recordApprovalStep',
      step('appropriation', { amountOre: 100_000_000 }),
    );
    expect(r.ok).toBe(false);
    expect(messages(r)).toContain('Planen har endnu intet budget.');
    noRuleCodes(messages(r));
  });

  it('R1 — the Council step is refused while the budget breaks the funding split, naming the breach', () => {
    const breach = 'Budgetlinjerne summer til 700.000,00 kr., men planens ramme er 800.000,00 kr. (mangler: 100.000,00 kr.).';
    const r = checkTransition(
      facts('plan_written', { approvalChain: 'council', budget: { ...budget, breaches: [breach] } }),
      'recordApprovalStep',
      step('council', { amountOre: 100_000_000 }),
    );
    expect(messages(r)).toContain('Budgettet skal overholde reglerne for finansiering');
    expect(messages(r)).toContain(breach);
  });

  it('R1 — 25 mio. kr. of municipal co-financing is refused for a plan whose budget gives the municipality 1 mio. kr. of 8 mio. kr.', () => {
    const r = checkTransition(
      facts('plan_written', { approvalChain: 'council' }),
      'recordApprovalStep',
      step('council', { amountOre: 2_500_000_000 }),
    );
    expect(r.ok).toBe(false);
    expect(r.violations).toEqual([
      {
        rule: 'R1',
        code: 'amount_mismatch',
        field: 'amount',
        message:
          'Den kommunale medfinansiering skal svare til kommunens andel i planens budget (1.000.000,00 kr. af en ramme på 8.000.000,00 kr.), men der er angivet 25.000.000,00 kr.',
      },
    ]);
  });

  it('R1 — the Council step passes with the budget’s municipal share; the committee step needs no budget', () => {
    expect(
      checkTransition(
        facts('plan_written', { approvalChain: 'council' }),
        'recordApprovalStep',
        step('council', { amountOre: 100_000_000 }),
      ).ok,
    ).toBe(true);
    expect(checkTransition(facts('plan_written', { budget: null }), 'recordApprovalStep', step('committee')).ok).toBe(true);
  });

  it.each([
    [null, 5, ['budget_missing']],
    [{ ...budget, frameOre: 0 }, 5, ['budget_missing']],
    [{ ...budget, breaches: ['x.'] }, 5, ['budget_incomplete']],
    [budget, 100_000_000, []],
    [budget, null, []],
  ] as const)('R1 — councilBudgetViolations(%j, %s) gives %j', (b, amount, codes) => {
    expect(councilBudgetViolations(b, amount).map((v) => v.code)).toEqual(codes);
  });
});

describe('R5 — decision dates follow the chain and do not lie in the future', () => {
  const decided = [
    { key: 'prequalification', date: '2025-03-01' },
    { key: 'committee', date: '2026-05-04' },
    { key: 'appropriation', date: '2026-06-10' },
  ];

  it('R5 — LBF’s grant cannot be dated before the Council’s appropriation it builds on', () => {
    const r = checkTransition(
      facts('municipal_approval', { recordedSteps: ['committee', 'appropriation'], decisions: decided }),
      'recordGrant',
      { decisionDate: '2026-06-01', caseNumber: 'LBF-1' },
    );
    expect(r.violations).toEqual([
      {
        rule: 'R5',
        code: 'date_order',
        field: 'decisionDate',
        message:
          'Beslutningsdatoen 01.06.2026 ligger før Borgerrepræsentationens bevilling af den kommunale andel (10.06.2026), som beslutningen bygger på. Tjek datoen.',
      },
    ]);
  });

  it('R5 — the appropriation cannot be dated before the committee’s approval, nor the committee before the prequalification', () => {
    const r = checkTransition(
      facts('plan_written', { recordedSteps: ['committee'], decisions: decided.slice(0, 2) }),
      'recordApprovalStep',
      step('appropriation', { decisionDate: '2026-05-03', amountOre: 100_000_000 }),
    );
    expect(messages(r)).toContain('ligger før Teknik- og Miljøudvalgets godkendelse og indstilling til LBF (04.05.2026)');
    const early = checkTransition(
      facts('plan_written', { decisions: decided.slice(0, 1) }),
      'recordApprovalStep',
      step('committee', { decisionDate: '2025-01-01' }),
    );
    expect(messages(early)).toContain('ligger før Landsbyggefondens prækvalifikation (01.03.2025)');
  });

  it('R5 — the same day as the decision it builds on is in order', () => {
    const r = checkTransition(
      facts('municipal_approval', { recordedSteps: ['committee', 'appropriation'], decisions: decided }),
      'recordGrant',
      { decisionDate: '2026-06-10', caseNumber: 'LBF-1' },
    );
    expect(r.ok).toBe(true);
  });

  it.each([
    ['recordPrequalification', 'prequalification_submitted', { caseNumber: 'J-1' }],
    ['recordApprovalStep', 'plan_written', step('committee')],
    ['recordGrant', 'municipal_approval', { caseNumber: 'LBF-1' }],
    ['reject', 'plan_written', { note: 'Afslag' }],
  ] as const)('R5 — %s cannot be dated in the future', (action, state, input) => {
    const r = checkTransition(facts(state, { recordedSteps: ['committee', 'appropriation'] }), action, {
      ...input,
      decisionDate: '2026-12-04',
    });
    expect(r.violations.map((v) => v.code)).toContain('date_future');
    expect(messages(r)).toContain('Beslutningsdatoen 04.12.2026 ligger efter i dag (03.12.2026).');
  });

  it('R5 — decisionDateViolations ignores a decision outside the chain’s order', () => {
    const order = [
      { key: 'prequalification', label: 'a' },
      { key: 'grant', label: 'b' },
    ];
    expect(decisionDateViolations(order, decided, 'rejection', '2020-01-01', '2026-12-03')).toEqual([]);
    expect(decisionDateViolations(order, decided, 'grant', null, '2026-12-03')).toEqual([]);
  });
});

describe('R1 R5 — a plan is granted and started only with its budget', () => {
  const granted = { recordedSteps: ['committee', 'appropriation'], grantReference: 'LBF-1', grantDate: '2026-06-20' };

  it('R5 — the plan cannot become active without a budget', () => {
    const r = checkTransition(facts('granted', { ...granted, budget: null }), 'activate', {});
    expect(r.ok).toBe(false);
    expect(messages(r)).toBe('Planen kan ikke sættes i gang, fordi planen ikke har noget budget.');
  });

  it('R5 — LBF’s grant cannot be recorded without a budget', () => {
    const r = checkTransition(facts('municipal_approval', { ...granted, budget: null }), 'recordGrant', {
      decisionDate: '2026-06-20',
      caseNumber: 'LBF-1',
    });
    expect(messages(r)).toBe('Tilsagnet fra Landsbyggefonden kan ikke registreres, fordi planen ikke har noget budget.');
  });

  it('R1 — nor with a budget that breaks the funding split', () => {
    const r = budgetRequiredViolations({ ...budget, breaches: ['Finansieringen mangler 1,00 kr.'] }, 'Planen kan ikke sættes i gang');
    expect(r[0]!.message).toBe(
      'Planen kan ikke sættes i gang, fordi budgettet ikke overholder reglerne for finansiering: Finansieringen mangler 1,00 kr.',
    );
    expect(checkTransition(facts('granted', granted), 'activate', {}).ok).toBe(true);
  });
});
