import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Edit } from '../../domain/changes/edits.ts';

export interface ChangeRequestTable {
  id: Generated<number>;
  plan_id: number;
  number: number;
  kind: string;
  title: string;
  justification: string;
  edits: JSONColumnType<Edit[], string, string>;
  based_on_version: number;
  state: Generated<string>;
  body_id: number | null;
  routing_reason: Generated<string>;
  routing_rule: Generated<string>;
  decision_mode: string | null;
  meeting_id: number | null;
  written_deadline: string | null;
  proposed_by: number | null;
  proposed_by_label: string;
  submitted_at: Date | null;
  decided_at: Date | null;
  decided_by: number | null;
  decided_by_label: Generated<string>;
  decision_note: Generated<string>;
  lbf_decision_date: string | null;
  lbf_reference: Generated<string>;
  applied_at: Date | null;
  applied_version: number | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date | string>;
}

export interface ChangeRequestEventTable {
  id: Generated<number>;
  request_id: number;
  at: Generated<Date>;
  kind: string;
  actor_user_id: number | null;
  actor_label: string;
  may_vote: boolean | null;
  text: Generated<string>;
  data: JSONColumnType<object, string | null, string | null> | null;
}

/** R11 — one party organisation's answer to a change request. */
export interface ChangeRequestAnswerTable {
  id: Generated<number>;
  request_id: number;
  organisation_id: number;
  answer: 'approve' | 'reject' | 'abstain';
  reason: Generated<string>;
  answered_by: number | null;
  answered_by_label: string;
  answered_at: Date;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date | string>;
}

export interface CityBoardNoticeTable {
  id: Generated<number>;
  plan_id: number;
  request_id: number;
  body_id: number | null;
  text: string;
  created_at: Generated<Date>;
  noted_at: Date | null;
  noted_by_label: Generated<string>;
  noted_by_user_id: Generated<number | null>;
  noted_meeting_id: number | null;
}

export interface ChangeTables {
  change_request: ChangeRequestTable;
  change_request_event: ChangeRequestEventTable;
  change_request_answer: ChangeRequestAnswerTable;
  city_board_notice: CityBoardNoticeTable;
}
