import type { ColumnType, Generated } from 'kysely';
import type { Versioned } from './foundation.ts';

type Json<T> = ColumnType<T, string, string>;

/** Contracts on housing-social cooperation (R17): migration 015. */
export interface CooperationContractTable extends Versioned {
  id: Generated<number>;
  area_name: string;
  body_id: number | null;
  title: string;
  status: Generated<string>;
  approved_on: string | null;
  approval_reference: Generated<string>;
  approved_with_plan_id: number | null;
  current_version: Generated<number>;
  source: Generated<string>;
  is_demo: Generated<boolean>;
}

export interface CooperationGoalTable extends Versioned {
  id: Generated<number>;
  contract_id: number;
  theme: string;
  title: string;
  description: Generated<string>;
  success_criteria: Generated<string>;
  roles: ColumnType<unknown, string | undefined, string>;
  sort: Generated<number>;
}

export interface CooperationContractVersionTable {
  id: Generated<number>;
  contract_id: number;
  number: number;
  snapshot: Json<unknown>;
  diff: Json<unknown>;
  kind: 'approval' | 'revision';
  decided_on: string;
  meeting_id: number | null;
  reference: Generated<string>;
  note: Generated<string>;
  created_by_label: string;
  created_by_user_id: number | null;
  created_at: Generated<Date>;
}

export interface ActivityContractGoalTable {
  activity_id: number;
  goal_id: number;
  created_at: Generated<Date>;
}

/** R6 — LBF holds back payment while a yearly report is late (migration 015). */
export interface PaymentHoldTable extends Versioned {
  id: Generated<number>;
  plan_id: number;
  report_year: number;
  held_on: string;
  reason: Generated<string>;
  released_on: string | null;
  recorded_by_label: string;
  recorded_by_user_id: number | null;
  released_by_label: Generated<string>;
}

export interface CooperationTables {
  payment_hold: PaymentHoldTable;
  cooperation_contract: CooperationContractTable;
  cooperation_goal: CooperationGoalTable;
  cooperation_contract_version: CooperationContractVersionTable;
  activity_contract_goal: ActivityContractGoalTable;
}
