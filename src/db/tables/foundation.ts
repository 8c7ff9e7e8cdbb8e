import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Columns every versioned row has. */
export interface Versioned {
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Geometry = JSONColumnType<{ type: string; coordinates: unknown }>;

export interface MunicipalityTable extends Versioned {
  id: Generated<number>;
  code: string;
  name: string;
  /** R1 — the municipality's cap on its share of a plan's frame, basis points (migration 015). */
  municipal_share_max_bp: Generated<number>;
  /** R1 — Copenhagen's split of its share: contracted work and facilitation, basis points of the frame. */
  contracted_work_bp: Generated<number | null>;
  facilitation_bp: Generated<number | null>;
}

export interface DistrictTable extends Versioned {
  id: Generated<number>;
  municipality_id: number;
  number: number;
  name: string;
  area_m2: number | null;
  geometry: Geometry | null;
}

export interface UrbanAreaTable extends Versioned {
  id: Generated<number>;
  municipality_id: number;
  district_id: number | null;
  name: string;
  area_group: string | null;
  valid_from: string;
  valid_to: string | null;
  geometry: Geometry | null;
}

export interface OrganisationTable extends Versioned {
  id: Generated<number>;
  name: string;
  short_name: string;
  cvr: string | null;
  website: string | null;
  /** Where the organisation's name is published (demo data: every real fact carries its source). */
  source: Generated<string | null>;
  is_demo: Generated<boolean>;
}

export interface EstateTable extends Versioned {
  id: Generated<number>;
  organisation_id: number;
  number: number;
  name: string;
  address: Generated<string>;
  postal_code: Generated<string>;
  district_id: number | null;
  urban_area_id: number | null;
  dwellings: Generated<number>;
  residents: Generated<number>;
  is_demo: Generated<boolean>;
}

export interface AppUserTable extends Versioned {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string | null;
  is_demo: Generated<boolean>;
  disabled: Generated<boolean>;
  notify_mode: Generated<'immediate' | 'digest' | 'none'>;
}

export interface RoleGrantTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  organisation_id: number | null;
  administration: string | null;
  plan_id: number | null;
  body_id: number | null;
  created_at: Generated<Date>;
}

export interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  entity_version: number | null;
  plan_id: number | null;
  summary: Generated<string>;
  changes: ColumnType<AuditChange[], string, string>;
}

export interface FoundationTables {
  municipality: MunicipalityTable;
  district: DistrictTable;
  urban_area: UrbanAreaTable;
  organisation: OrganisationTable;
  estate: EstateTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
  kysely_migration: { name: string; timestamp: string };
}
