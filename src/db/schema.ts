import type { FoundationTables } from './tables/foundation.ts';
import type { GovernanceTables } from './tables/governance.ts';
import type { KeyfigureTables } from './tables/keyfigures.ts';
import type { ChangeTables } from './tables/changes.ts';
import type { NotificationTables } from './tables/notifications.ts';
import type { PlanTables } from './tables/plans.ts';
import type { MoneyTables } from './tables/money.ts';
import type { ReportTables } from './tables/reports.ts';
import type { PartnershipTables } from './tables/partnership.ts';
import type { SecurityTables } from './tables/security.ts';
import type { AccountTables } from './tables/accounts.ts';
import type { CooperationTables } from './tables/cooperation.ts';

/** The whole database as Kysely sees it: one interface per area in `tables/`. */
export interface DB
  extends FoundationTables,
    PlanTables,
    MoneyTables,
    NotificationTables,
    KeyfigureTables,
    ChangeTables,
    GovernanceTables,
    ReportTables,
    PartnershipTables,
    SecurityTables,
    AccountTables,
    CooperationTables {}
