import type { Generated } from 'kysely';

/** The partnership agreement with the housing sector (R19): migration 011. */
export interface PartnershipAgreementTable {
  id: Generated<number>;
  code: string;
  title: string;
  parties: string;
  period_from: string;
  period_to: string | null;
  status: Generated<string>;
  negotiated_on: string | null;
  negotiated_meeting_id: number | null;
  adopted_on: string | null;
  decision_reference: Generated<string>;
  adopted_meeting_id: number | null;
  ended_on: string | null;
  replaced_by_id: number | null;
  source: Generated<string>;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PartnershipThemeTable {
  id: Generated<number>;
  agreement_id: number;
  number: number;
  title: string;
  vision: Generated<string>;
  source_line: Generated<string>;
}

export interface PartnershipTargetTable {
  id: Generated<number>;
  agreement_id: number;
  theme_id: number;
  code: string;
  title: string;
  unit: Generated<string>;
  rule: string;
  baseline_value: number | null;
  baseline_on: string | null;
  target_value: number | null;
  starts_on: string;
  deadline: string | null;
  responsible: Generated<string>;
  measured_how: Generated<string>;
  by_commitments: Generated<boolean>;
  concerns_organisations: Generated<boolean>;
  source_line: Generated<string>;
  sort: Generated<number>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PartnershipMeasurementTable {
  id: Generated<number>;
  target_id: number;
  value: number;
  measured_on: string;
  source: Generated<string>;
  note: Generated<string>;
  recorded_by_label: string;
  recorded_by_user_id: number | null;
  is_demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SteeringDialogueTable {
  id: Generated<number>;
  agreement_id: number;
  kind: Generated<string>;
  organisation_id: number | null;
  area_name: Generated<string>;
  year: number;
  state: Generated<string>;
  meeting_on: string;
  place: Generated<string>;
  agenda: Generated<string>;
  held_on: string | null;
  summary: Generated<string>;
  concluded_on: string | null;
  municipality_signed_at: Date | null;
  municipality_signed_by_label: Generated<string>;
  municipality_signed_by_user_id: number | null;
  previous_id: number | null;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SteeringDialoguePartyTable {
  dialogue_id: number;
  organisation_id: number;
  signed_at: Date | null;
  signed_by_label: Generated<string>;
  signed_by_user_id: number | null;
}

export interface DialogueCommitmentTable {
  id: Generated<number>;
  dialogue_id: number;
  organisation_id: number;
  target_id: number | null;
  what: string;
  amount: number | null;
  unit: Generated<string>;
  due_on: string;
  success_criterion: string;
  sort: Generated<number>;
  is_demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface CommitmentFollowupTable {
  id: Generated<number>;
  commitment_id: number;
  dialogue_id: number;
  outcome: string;
  delivered: number | null;
  note: Generated<string>;
  recorded_by_label: string;
  recorded_by_user_id: number | null;
  is_demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface PartnershipTables {
  partnership_agreement: PartnershipAgreementTable;
  partnership_theme: PartnershipThemeTable;
  partnership_target: PartnershipTargetTable;
  partnership_measurement: PartnershipMeasurementTable;
  steering_dialogue: SteeringDialogueTable;
  steering_dialogue_party: SteeringDialoguePartyTable;
  dialogue_commitment: DialogueCommitmentTable;
  commitment_followup: CommitmentFollowupTable;
}
