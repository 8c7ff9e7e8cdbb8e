import { type ChangeKind, needsLbfApproval } from './edits.ts';

/**
 * R10, R11, R6 — a change request's life: proposed (draft) → submitted (routed to the competent body) →
 * approved → (strategic agreement: awaiting LBF →) applied as the plan's next version; side exits rejected and
 * withdrawn. Rejected and withdrawn requests are kept.
 */
export const requestStates = ['draft', 'submitted', 'awaiting_lbf', 'applied', 'rejected', 'withdrawn'] as const;
export type RequestState = (typeof requestStates)[number];

export const requestStateLabels: Record<RequestState, string> = {
  draft: 'Kladde',
  submitted: 'Til beslutning',
  awaiting_lbf: 'Godkendt – afventer Landsbyggefonden',
  applied: 'Gennemført',
  rejected: 'Afvist',
  withdrawn: 'Trukket tilbage',
};

/** `approve`, `reject` and `abstain` are a party organisation's answer (R11); the parties' answers together decide. */
export type RequestAction = 'submit' | 'approve' | 'reject' | 'abstain' | 'recordLbfApproval' | 'withdraw' | 'comment';

export const actionLabels: Record<RequestAction, string> = {
  submit: 'Send til beslutning',
  approve: 'Godkend ændringen',
  reject: 'Afvis ændringen',
  abstain: 'Undlad at stemme',
  recordLbfApproval: 'Registrér Landsbyggefondens godkendelse',
  withdraw: 'Træk anmodningen tilbage',
  comment: 'Kommentér',
};

const from: Record<RequestAction, readonly RequestState[]> = {
  submit: ['draft'],
  approve: ['submitted'],
  reject: ['submitted', 'awaiting_lbf'],
  abstain: ['submitted'],
  recordLbfApproval: ['awaiting_lbf'],
  withdraw: ['draft', 'submitted', 'awaiting_lbf'],
  comment: ['draft', 'submitted', 'awaiting_lbf'],
};

export const isOpen = (s: RequestState) => s === 'draft' || s === 'submitted' || s === 'awaiting_lbf';

/** Where an action leads; `applies` when the approved change becomes the plan's next version now. */
export function nextState(
  kind: ChangeKind,
  state: RequestState,
  action: RequestAction,
): { to: RequestState; applies: boolean } | { error: string } {
  if (!from[action].includes(state))
    return { error: `«${actionLabels[action]}» kan ikke bruges, når anmodningen er «${requestStateLabels[state].toLowerCase()}».` };
  switch (action) {
    case 'submit':
      return { to: 'submitted', applies: false };
    case 'approve':
      return needsLbfApproval(kind) ? { to: 'awaiting_lbf', applies: false } : { to: 'applied', applies: true };
    case 'recordLbfApproval':
      return { to: 'applied', applies: true };
    case 'reject':
      return { to: 'rejected', applies: false };
    case 'withdraw':
      return { to: 'withdrawn', applies: false };
    case 'abstain':
    case 'comment':
      return { to: state, applies: false };
  }
}

export const availableActions = (state: RequestState): RequestAction[] =>
  (Object.keys(from) as RequestAction[]).filter((a) => from[a].includes(state));
