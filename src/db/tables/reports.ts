import type { ColumnType, Generated } from 'kysely';

export interface ReportDeadlineTable {
  year: number;
  due_on: string;
  remind_days: Generated<number>;
  set_by_label: Generated<string>;
  set_by_user_id: Generated<number | null>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface ReportTable {
  id: Generated<number>;
  plan_id: number;
  year: number;
  revision: Generated<number>;
  previous_id: number | null;
  state: Generated<string>;
  narrative: ColumnType<Record<string, string>, string | undefined, string>;
  /** R6 — next year's milestone plan (migration 020). */
  milestones: ColumnType<{ dueOn: string; description: string; responsible: string }[], string | undefined, string>;
  snapshot: ColumnType<object | null, string | null | undefined, string | null>;
  content_hash: string | null;
  ready_at: Date | null;
  approved_at: Date | null;
  approved_by_label: Generated<string>;
  approved_by_user_id: Generated<number | null>;
  submitted_at: Date | null;
  submitted_by_label: Generated<string>;
  submitted_by_user_id: Generated<number | null>;
  acknowledged_at: Date | null;
  acknowledged_by_label: Generated<string>;
  acknowledged_by_user_id: Generated<number | null>;
  lbf_reference: Generated<string>;
  reopen_reason: Generated<string>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ReportVerdictTable {
  id: Generated<number>;
  report_id: number;
  criterion_id: number;
  verdict: string;
  comment: Generated<string>;
  body_id: number | null;
  meeting_id: number | null;
  decided_on: string;
  recorded_by_label: string;
  recorded_by_user_id: Generated<number | null>;
  created_at: Generated<Date>;
}

export interface ReportReminderTable {
  plan_id: number;
  year: number;
  kind: string;
  sent_at: Generated<Date>;
}

export interface ReportTables {
  report_deadline: ReportDeadlineTable;
  report: ReportTable;
  report_verdict: ReportVerdictTable;
  report_reminder: ReportReminderTable;
}
