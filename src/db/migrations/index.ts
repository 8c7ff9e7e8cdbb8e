import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_foundation.ts';
import * as m002 from './002_plans.ts';
import * as m003 from './003_money.ts';
import * as m004 from './004_governance.ts';
import * as m005 from './005_keyfigures.ts';
import * as m006 from './006_notifications.ts';
import * as m007 from './007_change_requests.ts';
import * as m008 from './008_reports.ts';
import * as m009 from './009_performance.ts';
import * as m010 from './010_people.ts';
import * as m011 from './011_partnership.ts';
import * as m013 from './013_login_throttle.ts';
import * as m014 from './014_sign_in.ts';
import * as m015 from './015_cooperation.ts';
import * as m017 from './017_corrections.ts';
import * as m018 from './018_budget_change_requests.ts';
import * as m019 from './019_party_answers.ts';
import * as m020 from './020_rules.ts';
import * as m021 from './021_lists_and_sources.ts';
import * as m022 from './022_data_version.ts';
import * as m023 from './023_keyfigure_counts.ts';

/**
 * Every migration, in order. Listed explicitly (a file-scanning loader fails under vitest on Node 20).
 * Migrations are frozen: they take `Kysely<any>` and never import application code.
 */
export const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_plans': m002,
  '003_money': m003,
  '004_governance': m004,
  '005_keyfigures': m005,
  '006_notifications': m006,
  '007_change_requests': m007,
  '008_reports': m008,
  '009_performance': m009,
  '010_people': m010,
  '011_partnership': m011,
  '013_login_throttle': m013,
  '014_sign_in': m014,
  '015_cooperation': m015,
  '017_corrections': m017,
  '018_budget_change_requests': m018,
  '019_party_answers': m019,
  '020_rules': m020,
  '021_lists_and_sources': m021,
  '022_data_version': m022,
  '023_keyfigure_counts': m023,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
