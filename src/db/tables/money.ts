import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Versioned } from './foundation.ts';

/** R1 — a plan's budget frame (one per plan). Money is whole øre (bigint → number). */
export interface BudgetTable extends Versioned {
  plan_id: number;
  frame_ore: number;
  note: Generated<string>;
  /** R1 — the municipal share split into contracted work and facilitation (migration 015); null: not split. */
  municipal_contracted_ore: Generated<number | null>;
  municipal_facilitation_ore: Generated<number | null>;
}

export type BudgetLineKind = 'activity' | 'staff' | 'activities' | 'premises' | 'evaluation' | 'administration' | 'other';

export interface BudgetLineTable {
  id: Generated<number>;
  plan_id: number;
  name: string;
  kind: BudgetLineKind;
  activity_id: number | null;
  sort: Generated<number>;
}

export interface BudgetAmountTable {
  line_id: number;
  year: number;
  amount_ore: number;
}

export type FunderKind = 'lbf' | 'municipality' | 'organisation' | 'other';

export interface FunderTable {
  id: Generated<number>;
  plan_id: number;
  kind: FunderKind;
  name: string;
  organisation_id: number | null;
  amount_ore: number;
  sort: Generated<number>;
}

/** One imported accounts row, as previewed and stored until the import commits. */
export interface ImportRow {
  row: number;
  lineId: number;
  lineName: string;
  year: number;
  amountOre: number;
  bookedOn: string | null;
  text: string;
}

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

export interface AccountImportTable {
  id: Generated<number>;
  plan_id: number;
  file_name: string;
  status: Generated<'preview' | 'running' | 'done' | 'failed' | 'discarded'>;
  rows: JSONColumnType<ImportRow[]>;
  errors: JSONColumnType<ImportRowError[]>;
  row_count: Generated<number>;
  total_ore: Generated<number>;
  years: JSONColumnType<number[]>;
  message: Generated<string>;
  created_by: number | null;
  created_by_label: string;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface AccountEntryTable {
  id: Generated<number>;
  plan_id: number;
  line_id: number;
  year: number;
  amount_ore: number;
  booked_on: string | null;
  text: Generated<string>;
  import_id: number | null;
  created_by_label: string;
  created_by_user_id: Generated<number | null>;
  created_at: Generated<Date>;
}

/** R8 — the municipal co-financing pool: a running balance that a CHECK keeps at or above zero. */
export interface PoolTable extends Versioned {
  id: Generated<number>;
  name: string;
  balance_ore: Generated<number>;
  entry_count: Generated<number>;
  /** R8 — the pool's conditions (migration 015). */
  requires_vulnerable_area: Generated<boolean>;
  requires_municipal_cooperation: Generated<boolean>;
}

export type PoolEntryKind = 'deposit' | 'allocation' | 'release';

export interface PoolEntryTable {
  id: Generated<number>;
  pool_id: number;
  seq: number;
  kind: PoolEntryKind;
  amount_ore: number;
  plan_id: number | null;
  plan_transition_id: number | null;
  decision: string;
  decided_on: string;
  note: Generated<string>;
  balance_after_ore: number;
  created_by_label: string;
  created_by_user_id: Generated<number | null>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface MoneyTables {
  budget: BudgetTable;
  budget_line: BudgetLineTable;
  budget_amount: BudgetAmountTable;
  funder: FunderTable;
  account_import: AccountImportTable;
  account_entry: AccountEntryTable;
  pool: PoolTable;
  pool_entry: PoolEntryTable;
}
