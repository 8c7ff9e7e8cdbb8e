/** Governance vocabulary (R9–R17): body types, member levels and roles, meeting states, with Danish labels. */

/** The municipal administrations a member (or a municipal user) can represent. */
export const administrations = ['TMF', 'SOF', 'BIF', 'BUF', 'KFF', 'SUF', 'ØKF'] as const;

export const bodyTypes = [
  'city_board',
  'district_board',
  'local_group',
  'forum',
  'partnership_forum',
  'cooperation_forum',
  'secretariat',
] as const;
export type BodyType = (typeof bodyTypes)[number];

export const bodyTypeLabels: Record<BodyType, string> = {
  city_board: 'Boligsocial bestyrelse (byniveau)',
  district_board: 'Bydelsbestyrelse',
  local_group: 'Lokal styre-/følgegruppe',
  forum: 'Boligsocialt forum',
  partnership_forum: 'Partnerskabsforum',
  cooperation_forum: 'Samarbejdsforum',
  secretariat: 'Sekretariat',
};

export const memberLevels = [
  'director',
  'central_head',
  'decentral_head',
  'business_manager',
  'project_leader',
  'resident',
  'staff',
  'other',
] as const;
export type MemberLevel = (typeof memberLevels)[number];

export const memberLevelLabels: Record<MemberLevel, string> = {
  director: 'Direktør',
  central_head: 'Central chef',
  decentral_head: 'Decentral chef',
  business_manager: 'Forretningsfører',
  project_leader: 'Projektleder',
  resident: 'Beboervalgt',
  staff: 'Medarbejder',
  other: 'Andet',
};

export const memberRoles = ['chair', 'member', 'observer', 'secretary'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const memberRoleLabels: Record<MemberRole, string> = {
  chair: 'Formand',
  member: 'Medlem',
  observer: 'Observatør',
  secretary: 'Sekretær',
};

export const meetingStates = ['planned', 'agenda_sent', 'held', 'minutes_approved', 'cancelled'] as const;
export type MeetingState = (typeof meetingStates)[number];

export const meetingStateLabels: Record<MeetingState, string> = {
  planned: 'Planlagt',
  agenda_sent: 'Dagsorden udsendt',
  held: 'Afholdt',
  minutes_approved: 'Referat godkendt',
  cancelled: 'Aflyst',
};

export const itemKinds = ['plan', 'change_request', 'report', 'free'] as const;
export type ItemKind = (typeof itemKinds)[number];
export const itemKindLabels: Record<ItemKind, string> = {
  plan: 'Helhedsplan',
  change_request: 'Ændringsanmodning',
  report: 'Rapport',
  free: 'Frit punkt',
};

export const outcomeKinds = ['information', 'decision', 'task'] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];
export const outcomeKindLabels: Record<OutcomeKind, string> = { information: 'Orientering', decision: 'Beslutning', task: 'Opgave' };

export const decisions = ['decided', 'postponed', 'rejected'] as const;
export type Decision = (typeof decisions)[number];
export const decisionLabels: Record<Decision, string> = { decided: 'Besluttet', postponed: 'Udsat', rejected: 'Afvist' };

export const mandateKinds = ['terms_of_reference', 'rules_of_procedure'] as const;
export type MandateKind = (typeof mandateKinds)[number];
export const mandateKindLabels: Record<MandateKind, string> = {
  terms_of_reference: 'Kommissorium',
  rules_of_procedure: 'Forretningsorden',
};
export const mandateStateLabels = {
  draft: 'Udkast',
  city_board_approved: 'Godkendt af Boligsocial Bestyrelse – afventer LBF',
  in_force: 'Gældende (godkendt af LBF)',
  superseded: 'Afløst',
} as const;

/** Whether a dated thing is valid on a day (ISO dates compare as strings). */
export const validOn = (x: { validFrom: string; validTo: string | null }, on: string) =>
  x.validFrom <= on && (x.validTo === null || x.validTo >= on);
