/**
 * R19 — the life cycles of the partnership agreement (draft → negotiated in the Partnerskabsforum → adopted →
 * expired or replaced) and of a yearly steering dialogue (prepared → held → concluded as a binding agreement once
 * the municipality and every party organisation have signed it), with the follow-up of last year's commitments.
 */

export const agreementStatuses = ['draft', 'negotiated', 'adopted', 'expired', 'replaced'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];
export const agreementStatusLabels: Record<AgreementStatus, string> = {
  draft: 'Udkast',
  negotiated: 'Forhandlet i Partnerskabsforum',
  adopted: 'Vedtaget',
  expired: 'Udløbet',
  replaced: 'Afløst',
};

export const agreementActions = ['negotiate', 'adopt', 'expire', 'replace'] as const;
export type AgreementAction = (typeof agreementActions)[number];
export const agreementActionLabels: Record<AgreementAction, string> = {
  negotiate: 'Registrér forhandlingen i Partnerskabsforum',
  adopt: 'Registrér vedtagelsen',
  expire: 'Markér som udløbet',
  replace: 'Markér som afløst',
};

const agreementMoves: Record<AgreementAction, { from: AgreementStatus; to: AgreementStatus }> = {
  negotiate: { from: 'draft', to: 'negotiated' },
  adopt: { from: 'negotiated', to: 'adopted' },
  expire: { from: 'adopted', to: 'expired' },
  replace: { from: 'adopted', to: 'replaced' },
};

export const agreementActionsFrom = (s: AgreementStatus): AgreementAction[] => agreementActions.filter((a) => agreementMoves[a].from === s);

export interface AgreementStep {
  /** The day of the forum meeting, the decision or the end. */
  on: string;
  /** The Partnerskabsforum meeting it happened at (negotiate; adopt may name it). */
  meetingId: number | null;
  reference: string;
  replacedById: number | null;
}

/**
 * R19 — the next status of the agreement, or the field errors that stop the step: the negotiation happens at a
 * Partnerskabsforum meeting; the adoption needs its decision date and reference; a replacement names its successor.
 */
export function nextAgreementStatus(
  current: AgreementStatus,
  action: AgreementAction,
  step: AgreementStep,
  periodFrom: string,
): { to: AgreementStatus } | { errors: Record<string, string> } {
  const move = agreementMoves[action];
  if (move.from !== current)
    return { errors: { action: `Aftalen er «${agreementStatusLabels[current].toLowerCase()}»; det trin kan ikke tages nu.` } };
  const errors: Record<string, string> = {};
  if (action === 'negotiate' && step.meetingId === null) errors.meetingId = 'Vælg mødet i Partnerskabsforum, hvor aftalen blev forhandlet.';
  if (action === 'adopt' && !step.reference.trim()) errors.reference = 'Skriv beslutningens reference (fx sagsnummer eller mødepunkt).';
  if (action === 'replace' && step.replacedById === null) errors.replacedById = 'Vælg den aftale, der afløser denne.';
  if ((action === 'expire' || action === 'replace') && step.on < periodFrom) errors.on = 'Datoen må ikke ligge før aftalens start.';
  return Object.keys(errors).length ? { errors } : { to: move.to };
}

export const dialogueStates = ['prepared', 'held', 'concluded'] as const;
export type DialogueState = (typeof dialogueStates)[number];
export const dialogueStateLabels: Record<DialogueState, string> = {
  prepared: 'Forberedt',
  held: 'Afholdt',
  concluded: 'Indgået (bindende aftale)',
};

export const followupOutcomes = ['fulfilled', 'partly', 'not_fulfilled'] as const;
export type FollowupOutcome = (typeof followupOutcomes)[number];
export const followupOutcomeLabels: Record<FollowupOutcome, string> = {
  fulfilled: 'Opfyldt',
  partly: 'Delvist opfyldt',
  not_fulfilled: 'Ikke opfyldt',
};

export interface DialogueFacts {
  state: DialogueState;
  commitments: { successCriterion: string }[];
  /** Last year's commitments of the parties, and whether each has a follow-up in this dialogue. */
  followUps: { followedUp: boolean }[];
  municipalitySigned: boolean;
  parties: { signed: boolean }[];
}

/** R19 — commitments may be written while the dialogue is prepared or held; a concluded agreement is binding. */
export const commitmentsOpen = (s: DialogueState) => s !== 'concluded';

/** R19 — a dialogue is held from the prepared state, once last year's commitments are followed up. */
export function canHold(d: DialogueFacts): string | null {
  if (d.state !== 'prepared') return 'Dialogmødet er allerede afholdt.';
  if (d.followUps.some((f) => !f.followedUp)) return 'Følg op på hvert tilsagn fra sidste års aftale, før mødet registreres som afholdt.';
  return null;
}

/**
 * R19 — signing: only a held dialogue is signed, and only when it has commitments, each with the success criterion
 * agreed at signing (seed 003, section 6). Returns the refusal, or null.
 */
export function canSign(d: DialogueFacts): string | null {
  if (d.state === 'prepared') return 'Dialogmødet skal være afholdt, før aftalen underskrives.';
  if (d.state === 'concluded') return 'Aftalen er allerede indgået.';
  if (!d.commitments.length) return 'Aftalen skal have mindst ét tilsagn, før den underskrives.';
  if (d.commitments.some((c) => !c.successCriterion.trim())) return 'Hvert tilsagn skal have et succeskriterium, før aftalen underskrives.';
  return null;
}

/** R19 — the agreement is concluded when the municipality and every party organisation have signed. */
export const isConcluded = (d: Pick<DialogueFacts, 'municipalitySigned' | 'parties'>) =>
  d.municipalitySigned && d.parties.length > 0 && d.parties.every((p) => p.signed);

/**
 * R19 — commitments past their deadline that no follow-up has found fulfilled (what the desk lists).
 */
export function overdueCommitments<C extends { dueOn: string; outcome: FollowupOutcome | null }>(commitments: C[], today: string): C[] {
  return commitments.filter((c) => c.dueOn < today && c.outcome !== 'fulfilled');
}

/** R19 — housing organisations with no steering dialogue in a year (what the desk lists). */
export function withoutDialogue<O extends { id: number }>(organisations: O[], dialoguePartyIds: number[]): O[] {
  const has = new Set(dialoguePartyIds);
  return organisations.filter((o) => !has.has(o.id));
}
