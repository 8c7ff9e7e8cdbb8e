import {
  type BudgetFacts,
  budgetRequiredViolations,
  councilBudgetViolations,
  decisionDateViolations,
  type RecordedDecision,
  type Violation,
} from './plan-preconditions.ts';

export type { BudgetFacts, RecordedDecision, Violation };

/**
 * R5 — the life of a plan: draft → prequalification submitted → prequalified → plan written →
 * municipal approval (a configurable chain of steps) → granted by LBF → active → ended;
 * side exits rejected and withdrawn. Pure rules with Danish reasons.
 */

export const planStates = [
  'draft',
  'prequalification_submitted',
  'prequalified',
  'plan_written',
  'municipal_approval',
  'granted',
  'active',
  'ended',
  'rejected',
  'withdrawn',
] as const;
export type PlanState = (typeof planStates)[number];

export const stateLabels: Record<PlanState, string> = {
  draft: 'Udkast',
  prequalification_submitted: 'Prækvalifikation indsendt',
  prequalified: 'Prækvalificeret',
  plan_written: 'Plan skrevet',
  municipal_approval: 'Godkendt af kommunen',
  granted: 'Tilsagn fra LBF',
  active: 'Aktiv',
  ended: 'Afsluttet',
  rejected: 'Afvist',
  withdrawn: 'Trukket tilbage',
};

export interface ApprovalStep {
  key: string;
  label: string;
  body: string;
  /** The step approves the municipal co-financing and must state its amount. */
  needsAmount: boolean;
}

/**
 * R5 — the municipal approval chain is data: the seeds' single City Council approval including the
 * co-financing, or (since about 2020) the committee's approval plus the Council's separate appropriation.
 */
export const approvalChains: Record<string, { label: string; steps: ApprovalStep[] }> = {
  council: {
    label: 'Borgerrepræsentationen godkender planen inkl. medfinansiering (til ca. 2020)',
    steps: [
      {
        key: 'council',
        label: 'Borgerrepræsentationens godkendelse inkl. kommunal medfinansiering',
        body: 'Borgerrepræsentationen',
        needsAmount: true,
      },
    ],
  },
  committee_and_council: {
    label: 'Teknik- og Miljøudvalget godkender indholdet; Borgerrepræsentationen bevilger kommunens andel',
    steps: [
      {
        key: 'committee',
        label: 'Teknik- og Miljøudvalgets godkendelse og indstilling til LBF',
        body: 'Teknik- og Miljøudvalget',
        needsAmount: false,
      },
      {
        key: 'appropriation',
        label: 'Borgerrepræsentationens bevilling af den kommunale andel',
        body: 'Borgerrepræsentationen',
        needsAmount: true,
      },
    ],
  },
};

export type PlanAction =
  | 'submitPrequalification'
  | 'recordPrequalification'
  | 'markWritten'
  | 'recordApprovalStep'
  | 'recordGrant'
  | 'activate'
  | 'end'
  | 'reject'
  | 'withdraw';

export const actionLabels: Record<PlanAction, string> = {
  submitPrequalification: 'Indsend prækvalifikation',
  recordPrequalification: 'Registrér prækvalifikation fra LBF',
  markWritten: 'Markér planen som skrevet',
  recordApprovalStep: 'Registrér kommunal godkendelse',
  recordGrant: 'Registrér tilsagn fra LBF',
  activate: 'Sæt planen i gang',
  end: 'Afslut planen',
  reject: 'Registrér afslag',
  withdraw: 'Træk planen tilbage',
};

/** What the rules need to know about a plan (assembled by the service). */
export interface PlanFacts {
  state: PlanState;
  approvalChain: string;
  estateCount: number;
  problemDescription: string;
  goalCount: number;
  goalsWithoutCriteria: string[];
  chosenFocusAreas: string[];
  subAgreementsWithoutActivities: string[];
  hasContingencyPlan: boolean;
  contingencyContacts: number;
  recordedSteps: string[];
  /** Steps other areas add to the chain (R17: the area's cooperation contract, approved with the plan). */
  extraSteps?: ApprovalStep[];
  /** R2 — whether the funding period requires a responsible board, and the board that answers for the plan. */
  responsibleBoard?: { required: boolean; periodCode: string; board: { name: string; chairs: number } | null };
  grantReference: string | null;
  grantDate: string | null;
  /** R1 — the plan's budget as it stands (`null`: none yet). */
  budget: BudgetFacts | null;
  /** R5 — the dated decisions already recorded: LBF's prequalification, the approval steps, LBF's grant. */
  decisions: RecordedDecision[];
  /** The calendar day in Copenhagen: decisions are not dated after it. */
  today: string;
}

export interface TransitionInput {
  stepKey?: string;
  decisionDate?: string | null;
  caseNumber?: string;
  amountOre?: number | null;
  note?: string;
}

const from: Record<PlanAction, PlanState[]> = {
  submitPrequalification: ['draft'],
  recordPrequalification: ['prequalification_submitted'],
  markWritten: ['prequalified'],
  recordApprovalStep: ['plan_written'],
  recordGrant: ['municipal_approval'],
  activate: ['granted'],
  end: ['active'],
  reject: ['prequalification_submitted', 'plan_written'],
  withdraw: ['draft', 'prequalification_submitted', 'prequalified', 'plan_written', 'municipal_approval', 'granted'],
};

/** R5 — the state an action leads to (an approval step keeps the plan in `plan_written` until the last step). */
export function targetState(f: PlanFacts, action: PlanAction, input: TransitionInput = {}): PlanState {
  switch (action) {
    case 'submitPrequalification':
      return 'prequalification_submitted';
    case 'recordPrequalification':
      return 'prequalified';
    case 'markWritten':
      return 'plan_written';
    case 'recordApprovalStep': {
      const steps = chainOf(f).steps.map((s) => s.key);
      const done = new Set([...f.recordedSteps, input.stepKey ?? '']);
      return steps.every((s) => done.has(s)) ? 'municipal_approval' : 'plan_written';
    }
    case 'recordGrant':
      return 'granted';
    case 'activate':
      return 'active';
    case 'end':
      return 'ended';
    case 'reject':
      return 'rejected';
    case 'withdraw':
      return 'withdrawn';
  }
}

export const chainOf = (f: Pick<PlanFacts, 'approvalChain'> & { extraSteps?: ApprovalStep[] }) => {
  const chain = approvalChains[f.approvalChain] ?? approvalChains.committee_and_council!;
  return f.extraSteps?.length ? { ...chain, steps: [...chain.steps, ...f.extraSteps] } : chain;
};

/** R5 — the dated decisions of the chain in order, with their Danish names (for the order of decision dates). */
export const decisionOrder = (f: Pick<PlanFacts, 'approvalChain' | 'extraSteps'>) => [
  { key: 'prequalification', label: 'Landsbyggefondens prækvalifikation' },
  ...chainOf(f).steps.map((s) => ({ key: s.key, label: s.label })),
  { key: 'grant', label: 'tilsagnet fra Landsbyggefonden' },
];

/** R5 — the next step of the approval chain not yet recorded, in order. */
export function nextApprovalStep(f: Pick<PlanFacts, 'approvalChain' | 'recordedSteps' | 'extraSteps'>): ApprovalStep | null {
  return chainOf(f).steps.find((s) => !f.recordedSteps.includes(s.key)) ?? null;
}

/** R3, R4 — the three governing documents are in place: goals with success criteria, a sub-agreement with activities per focus area, a contingency plan. */
export function documentViolations(f: PlanFacts): Violation[] {
  const v: Violation[] = [];
  if (f.goalCount === 0) v.push({ rule: 'R3', code: 'no_goals', message: 'Den strategiske samarbejdsaftale skal have mindst ét mål.' });
  for (const g of f.goalsWithoutCriteria)
    v.push({ rule: 'R4', code: 'goal_without_criteria', message: `Målet "${g}" har ingen succeskriterier.` });
  if (f.chosenFocusAreas.length === 0)
    v.push({ rule: 'R3', code: 'no_sub_agreements', message: 'Planen skal have mindst én delaftale (ét indsatsområde).' });
  for (const s of f.subAgreementsWithoutActivities)
    v.push({ rule: 'R3', code: 'sub_agreement_empty', message: `Delaftalen "${s}" har ingen aktiviteter.` });
  if (!f.hasContingencyPlan) v.push({ rule: 'R3', code: 'no_contingency', message: 'Planen mangler en beredskabsplan med trin.' });
  else if (f.contingencyContacts === 0)
    v.push({ rule: 'R3', code: 'no_contacts', message: 'Beredskabsplanen skal angive, hvem der kaldes, og i hvilken rækkefølge.' });
  return v;
}

/**
 * R2 — from the 2015-18 period (a setting of the period) a plan needs a responsible board with unambiguous leadership
 * (entydig ledelse: exactly one chair) before it can be approved.
 */
export function boardViolations(f: Pick<PlanFacts, 'responsibleBoard'>): Violation[] {
  const r = f.responsibleBoard;
  if (!r?.required) return [];
  const why = `I bevillingsperioden ${r.periodCode} skal en plan have en ansvarlig bestyrelse med entydig ledelse, før den kan godkendes`;
  if (!r.board) return [{ rule: 'R2', code: 'no_board', message: `${why}; planen har ingen ansvarlig bestyrelse.` }];
  if (r.board.chairs !== 1) {
    return [
      {
        rule: 'R2',
        code: 'board_leadership',
        message: `${why}; ${r.board.name} har ${r.board.chairs === 0 ? 'ingen formand' : `${r.board.chairs} formænd`}.`,
      },
    ];
  }
  return [];
}

/** R5 — whether `action` may be taken now, with every unmet precondition explained in Danish. */
export function checkTransition(f: PlanFacts, action: PlanAction, input: TransitionInput = {}): { ok: boolean; violations: Violation[] } {
  const v: Violation[] = [];
  if (!from[action].includes(f.state)) {
    v.push({
      rule: 'R5',
      code: 'wrong_state',
      message: `"${actionLabels[action]}" kan ikke ske, når planen har status "${stateLabels[f.state]}".`,
    });
    return { ok: false, violations: v };
  }
  const needDate = () => {
    if (!input.decisionDate) v.push({ rule: 'R5', code: 'date', field: 'decisionDate', message: 'Angiv beslutningsdatoen.' });
  };
  const dated = (key: string) => v.push(...decisionDateViolations(decisionOrder(f), f.decisions, key, input.decisionDate, f.today));
  const needRef = (what: string) => {
    if (!input.caseNumber?.trim()) v.push({ rule: 'R5', code: 'reference', field: 'caseNumber', message: `Angiv ${what}.` });
  };
  switch (action) {
    case 'submitPrequalification':
      if (f.estateCount === 0)
        v.push({ rule: 'R5', code: 'no_estates', message: 'Prækvalifikationen skal omfatte mindst én boligafdeling.' });
      if (!f.problemDescription.trim())
        v.push({ rule: 'R5', code: 'no_problem', message: 'Prækvalifikationen skal have en beskrivelse af problemerne (højst 5 sider).' });
      else if (f.problemDescription.length > 15_000)
        v.push({ rule: 'R5', code: 'problem_too_long', message: 'Problembeskrivelsen må højst fylde 5 sider (ca. 15.000 tegn).' });
      break;
    case 'recordPrequalification':
      needDate();
      dated('prequalification');
      needRef('LBF’s journalnummer');
      break;
    case 'markWritten':
      v.push(...documentViolations(f));
      break;
    case 'recordApprovalStep': {
      const next = nextApprovalStep(f);
      const step = chainOf(f).steps.find((s) => s.key === input.stepKey);
      if (!step)
        v.push({ rule: 'R5', code: 'unknown_step', field: 'stepKey', message: 'Vælg et godkendelsesskridt fra planens godkendelseskæde.' });
      else if (f.recordedSteps.includes(step.key))
        v.push({ rule: 'R5', code: 'step_done', field: 'stepKey', message: `"${step.label}" er allerede registreret.` });
      else if (next && next.key !== step.key)
        v.push({ rule: 'R5', code: 'step_order', field: 'stepKey', message: `"${next.label}" skal registreres først.` });
      v.push(...documentViolations(f));
      v.push(...boardViolations(f));
      needDate();
      if (step) dated(step.key);
      needRef('sagsnummeret');
      if (step?.needsAmount && !(input.amountOre && input.amountOre > 0)) {
        v.push({ rule: 'R5', code: 'amount', field: 'amount', message: 'Angiv beløbet for den kommunale medfinansiering.' });
      }
      // R1, R5 — the City Council approves the plan including the co-financing: a complete budget, and its municipal share.
      if (step?.needsAmount) v.push(...councilBudgetViolations(f.budget, input.amountOre));
      break;
    }
    case 'recordGrant':
      needDate();
      dated('grant');
      needRef('tilsagnets reference');
      v.push(...budgetRequiredViolations(f.budget, 'Tilsagnet fra Landsbyggefonden kan ikke registreres'));
      break;
    case 'activate': {
      const missing = chainOf(f).steps.filter((s) => !f.recordedSteps.includes(s.key));
      for (const s of missing)
        v.push({ rule: 'R5', code: 'step_missing', message: `Planen kan ikke sættes i gang: "${s.label}" er ikke registreret.` });
      if (!f.grantReference || !f.grantDate)
        v.push({ rule: 'R5', code: 'grant_missing', message: 'Planen kan ikke sættes i gang uden tilsagn fra Landsbyggefonden.' });
      v.push(...budgetRequiredViolations(f.budget, 'Planen kan ikke sættes i gang'));
      break;
    }
    case 'reject':
      if (!input.note?.trim()) v.push({ rule: 'R5', code: 'reason', field: 'note', message: 'Angiv begrundelsen for afslaget.' });
      needDate();
      dated('rejection');
      break;
    case 'end':
    case 'withdraw':
      break;
  }
  return { ok: v.length === 0, violations: v };
}

/** The actions that lead out of a state (for buttons; each still checked by `checkTransition`). */
export const actionsFrom = (state: PlanState): PlanAction[] => (Object.keys(from) as PlanAction[]).filter((a) => from[a].includes(state));

/** R5 — approved plans freeze: their content changes only through change requests (version 2, 3 …). */
export const isFrozen = (state: PlanState) => !['draft', 'prequalification_submitted', 'prequalified', 'plan_written'].includes(state);
