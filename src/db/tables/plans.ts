import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Versioned } from './foundation.ts';

export interface FundingPeriodTable extends Versioned {
  id: Generated<number>;
  code: string;
  name: string;
  starts_on: string;
  ends_on: string;
  yearly_frame_ore: number | null;
  lbf_cap_bp: Generated<number>;
  local_floor_bp: Generated<number>;
  requires_board: Generated<boolean>;
  note: Generated<string>;
  /** R2 — the period was extended to this day (migration 015); plans may run until then. */
  extended_to: Generated<string | null>;
  extension_note: Generated<string>;
}

export interface FocusAreaTable {
  id: Generated<number>;
  funding_period_id: number;
  name: string;
  sort: Generated<number>;
}

export interface PlanTable extends Versioned {
  id: Generated<number>;
  name: string;
  district_id: number | null;
  funding_period_id: number;
  starts_on: string;
  ends_on: string;
  lead_organisation_id: number;
  state: Generated<string>;
  approval_chain: Generated<string>;
  problem_description: Generated<string>;
  grant_reference: string | null;
  grant_date: string | null;
  current_version: Generated<number>;
  source_url: string | null;
  /** Danish: which of the plan's facts are public (and from `source_url`); the rest is demo data. */
  public_facts: Generated<string>;
  is_demo: Generated<boolean>;
}

export interface PlanEstateTable {
  plan_id: number;
  estate_id: number;
}

export interface StrategicAgreementTable extends Versioned {
  plan_id: number;
  purpose: Generated<string>;
}

export interface ChallengeTable {
  id: Generated<number>;
  plan_id: number;
  title: string;
  description: Generated<string>;
  sort: Generated<number>;
}

export interface GoalTable {
  id: Generated<number>;
  plan_id: number;
  challenge_id: number | null;
  title: string;
  description: Generated<string>;
  sort: Generated<number>;
}

/** numeric columns arrive as number (see database.ts type parsers). */
export interface SuccessCriterionTable {
  id: Generated<number>;
  plan_id: number;
  goal_id: number;
  indicator_name: string;
  unit: Generated<string>;
  direction: 'increase' | 'decrease';
  baseline_value: ColumnType<number, number | string, number | string>;
  baseline_date: string;
  baseline_source: Generated<string>;
  target_value: ColumnType<number, number | string, number | string>;
  target_date: string;
  sort: Generated<number>;
}

export interface MeasurementTable {
  id: Generated<number>;
  plan_id: number;
  criterion_id: number;
  value: ColumnType<number, number | string, number | string>;
  measured_on: string;
  source: Generated<string>;
  recorded_by: number | null;
  recorded_by_label: Generated<string>;
  created_at: Generated<Date>;
  /** Migration 017: a measurement can be corrected, under a version check. */
  version: Generated<number>;
  updated_at: Generated<Date>;
}

/** R4 — what a correction or removal of a measurement replaced (migration 017); outlives the measurement. */
export interface MeasurementRevisionTable {
  id: Generated<number>;
  measurement_id: number;
  plan_id: number;
  criterion_id: number;
  kind: 'corrected' | 'removed';
  old_value: ColumnType<number, number | string, number | string>;
  old_measured_on: string;
  old_source: Generated<string>;
  new_value: ColumnType<number | null, number | string | null, number | string | null>;
  new_measured_on: string | null;
  reason: Generated<string>;
  revised_by: number | null;
  revised_by_label: Generated<string>;
  revised_at: Generated<Date>;
}

export interface SubAgreementTable extends Versioned {
  id: Generated<number>;
  plan_id: number;
  focus_area_id: number;
  summary: Generated<string>;
}

export interface ActivityTable extends Versioned {
  id: Generated<number>;
  plan_id: number;
  sub_agreement_id: number;
  title: string;
  description: Generated<string>;
  target_group: Generated<string>;
  starts_on: string | null;
  ends_on: string | null;
  status: Generated<'planned' | 'running' | 'ended' | 'cancelled'>;
  sort: Generated<number>;
}

export interface ActivityGoalTable {
  activity_id: number;
  goal_id: number;
}

export interface ActivityPartyTable {
  id: Generated<number>;
  activity_id: number;
  party_kind: 'organisation' | 'administration' | 'civil_society' | 'police';
  organisation_id: number | null;
  administration: string | null;
  name: Generated<string>;
  part: 'responsible' | 'carries_out' | 'contributes';
}

export interface ContingencyPlanTable extends Versioned {
  plan_id: number;
  steps: Generated<string>;
  police_cooperation: Generated<string>;
  last_reviewed: string | null;
}

export interface ContingencyContactTable {
  id: Generated<number>;
  plan_id: number;
  call_order: number;
  role: string;
  organisation: Generated<string>;
  name: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
}

export interface PlanTransitionTable {
  id: Generated<number>;
  plan_id: number;
  from_state: string;
  to_state: string;
  step_key: string | null;
  body: Generated<string>;
  decision_date: string | null;
  case_number: Generated<string>;
  amount_ore: number | null;
  note: Generated<string>;
  actor_user_id: number | null;
  actor_label: string;
  at: Generated<Date>;
}

export interface PlanVersionTable {
  id: Generated<number>;
  plan_id: number;
  number: number;
  snapshot: JSONColumnType<Record<string, unknown>>;
  reason: Generated<string>;
  created_by_label: string;
  created_by_user_id: Generated<number | null>;
  created_at: Generated<Date>;
}

export interface PlanTables {
  funding_period: FundingPeriodTable;
  focus_area: FocusAreaTable;
  plan: PlanTable;
  plan_estate: PlanEstateTable;
  strategic_agreement: StrategicAgreementTable;
  challenge: ChallengeTable;
  goal: GoalTable;
  success_criterion: SuccessCriterionTable;
  measurement: MeasurementTable;
  measurement_revision: MeasurementRevisionTable;
  sub_agreement: SubAgreementTable;
  activity: ActivityTable;
  activity_goal: ActivityGoalTable;
  activity_party: ActivityPartyTable;
  contingency_plan: ContingencyPlanTable;
  contingency_contact: ContingencyContactTable;
  plan_transition: PlanTransitionTable;
  plan_version: PlanVersionTable;
}
