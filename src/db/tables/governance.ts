import type { ColumnType, Generated } from 'kysely';
import type { Versioned } from './foundation.ts';

export interface BodyTable extends Versioned {
  id: Generated<number>;
  code: string;
  name: string;
  type: string;
  parent_id: number | null;
  valid_from: string;
  valid_to: string | null;
  description: Generated<string>;
  meetings_per_year_min: number | null;
  meetings_per_year_max: number | null;
  is_demo: Generated<boolean>;
  /** R11 — how the party organisations' answers decide a change request: 'all' (default) or 'majority'. */
  party_decision_rule: Generated<'all' | 'majority'>;
}

export interface BodyDistrictTable {
  body_id: number;
  district_number: number;
}

export interface BodyUrbanAreaTable {
  body_id: number;
  urban_area_name: string;
}

export interface BodyPlanTable {
  body_id: number;
  plan_id: number;
}

export interface BodyMemberTable extends Versioned {
  id: Generated<number>;
  body_id: number;
  person_name: string;
  user_id: number | null;
  email: Generated<string>;
  represents_kind: 'organisation' | 'administration' | 'other';
  organisation_id: number | null;
  administration: string | null;
  represents_other: Generated<string>;
  level: string;
  role: string;
  starts_on: string;
  ends_on: string | null;
  is_demo: Generated<boolean>;
}

export interface MandateDocumentTable extends Versioned {
  id: Generated<number>;
  body_id: number;
  kind: 'terms_of_reference' | 'rules_of_procedure';
  number: number;
  title: string;
  content: Generated<string>;
  state: Generated<'draft' | 'city_board_approved' | 'in_force' | 'superseded'>;
  city_board_approved_on: string | null;
  city_board_reference: Generated<string>;
  lbf_approved_on: string | null;
  lbf_reference: Generated<string>;
  created_by_label: Generated<string>;
  created_by_user_id: Generated<number | null>;
}

export interface CompetenceTransferTable {
  id: Generated<number>;
  plan_id: number;
  decided_on: string;
  reference: Generated<string>;
  note: Generated<string>;
  recorded_by_label: string;
  recorded_by_user_id: Generated<number | null>;
  created_at: Generated<Date>;
}

export interface MeetingTable extends Versioned {
  id: Generated<number>;
  body_id: number;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  place: Generated<string>;
  state: Generated<'planned' | 'agenda_sent' | 'held' | 'minutes_approved' | 'cancelled'>;
  agenda_sent_at: Date | null;
  held_at: Date | null;
  minutes_sent_at: Date | null;
  minutes_approved_at: Date | null;
  minutes_note: Generated<string>;
  is_demo: Generated<boolean>;
}

export interface AgendaItemTable extends Versioned {
  id: Generated<number>;
  body_id: number;
  meeting_id: number | null;
  sort: Generated<number>;
  title: string;
  description: Generated<string>;
  kind: 'plan' | 'change_request' | 'report' | 'free';
  ref_id: number | null;
  closed: Generated<boolean>;
  proposed_by_label: Generated<string>;
  proposed_by_user_id: Generated<number | null>;
  outcome_kind: 'information' | 'decision' | 'task' | null;
  decision: 'decided' | 'postponed' | 'rejected' | null;
  outcome_text: Generated<string>;
  task_owner: Generated<string>;
  task_due: string | null;
}

export interface MeetingPaperTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  title: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  content: Uint8Array;
  closed: Generated<boolean>;
  uploaded_by_label: string;
  uploaded_by_user_id: Generated<number | null>;
  created_at: Generated<Date>;
  /** Migration 017: the title can be edited, under a version check. */
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface MeetingAttendanceTable {
  meeting_id: number;
  member_id: number;
  present: boolean;
}

export interface MinutesApprovalTable {
  meeting_id: number;
  member_id: number;
  user_id: number;
  approved_at: Generated<Date>;
}

export interface GovernanceTables {
  body: BodyTable;
  body_district: BodyDistrictTable;
  body_urban_area: BodyUrbanAreaTable;
  body_plan: BodyPlanTable;
  body_member: BodyMemberTable;
  mandate_document: MandateDocumentTable;
  competence_transfer: CompetenceTransferTable;
  meeting: MeetingTable;
  agenda_item: AgendaItemTable;
  meeting_paper: MeetingPaperTable;
  meeting_attendance: MeetingAttendanceTable;
  minutes_approval: MinutesApprovalTable;
}
