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
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
