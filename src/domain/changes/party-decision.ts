/**
 * R11 — the housing organisations that are party to the concrete grant decide on changes to it (seed 002). When a
 * plan has several party organisations on the deciding body, each gives its own answer; the request is decided by
 * their answers together, by the body's rule: every party (`all`, the default) or a majority of the parties.
 */

export const partyAnswers = ['approve', 'reject', 'abstain'] as const;
export type PartyAnswer = (typeof partyAnswers)[number];

export const partyAnswerLabels: Record<PartyAnswer, string> = {
  approve: 'Godkender',
  reject: 'Afviser',
  abstain: 'Undlader at stemme',
};

export const partyDecisionRules = ['all', 'majority'] as const;
export type PartyDecisionRule = (typeof partyDecisionRules)[number];

export const partyDecisionRuleLabels: Record<PartyDecisionRule, string> = {
  all: 'Alle parter skal godkende',
  majority: 'Flertal blandt parterne',
};

export interface PartyDecisionInput {
  rule: PartyDecisionRule;
  /** The party organisations represented on the deciding body by a member who may vote (ids). */
  required: number[];
  /** The answers given so far, one per organisation; answers of organisations no longer required are ignored. */
  answers: { organisationId: number; answer: PartyAnswer }[];
}

export interface PartyDecision {
  /** `null` while the answers still given could change the outcome. */
  outcome: 'approve' | 'reject' | null;
  answered: number[];
  awaited: number[];
  approvals: number;
  rejections: number;
  abstentions: number;
}

/**
 * R11 — whether the parties' answers decide the request, and how.
 *
 * - `all`: one rejection rejects at once; the request is approved when every party has answered and none rejected,
 *   and at least one approved (abstentions consent, but a request nobody approved is not approved).
 * - `majority`: of the parties that take a position (abstentions do not count), more must approve than reject. The
 *   request is decided as soon as the answers still awaited cannot change that: approved when the approvals
 *   outnumber the rejections even if every awaited party rejects, rejected when they cannot even if every awaited
 *   party approves (a tie is not a majority).
 *
 * @example partyDecision({ rule: 'all', required: [1, 2], answers: [{ organisationId: 1, answer: 'approve' }] })
 *   // { outcome: null, answered: [1], awaited: [2], … }
 */
export function partyDecision(input: PartyDecisionInput): PartyDecision {
  const required = [...new Set(input.required)];
  const byOrg = new Map(input.answers.filter((a) => required.includes(a.organisationId)).map((a) => [a.organisationId, a.answer]));
  const answered = required.filter((o) => byOrg.has(o));
  const awaited = required.filter((o) => !byOrg.has(o));
  const count = (a: PartyAnswer) => [...byOrg.values()].filter((x) => x === a).length;
  const approvals = count('approve');
  const rejections = count('reject');
  const abstentions = count('abstain');
  const pending = awaited.length;
  let outcome: PartyDecision['outcome'] = null;
  if (required.length > 0) {
    if (input.rule === 'all') {
      if (rejections > 0) outcome = 'reject';
      else if (pending === 0) outcome = approvals > 0 ? 'approve' : 'reject';
    } else {
      if (approvals > rejections + pending) outcome = 'approve';
      else if (approvals + pending <= rejections) outcome = 'reject';
    }
  }
  return { outcome, answered, awaited, approvals, rejections, abstentions };
}
