import type { KeyfigureTables } from './tables/keyfigures.ts';
import type { FoundationTables } from './tables/foundation.ts';
import type { NotificationTables } from './tables/notifications.ts';
import type { GovernanceTables } from './tables/governance.ts';
import type { MoneyTables } from './tables/money.ts';
import type { PlanTables } from './tables/plans.ts';

/** The whole database as Kysely sees it: one interface per area in `tables/`. */
export interface DB extends FoundationTables, PlanTables, MoneyTables, NotificationTables, KeyfigureTables, GovernanceTables {}
