import type { Rule } from '../types.ts';
import { accountRules } from './accounts.ts';
import { changeRules } from './changes.ts';
import { cooperationRules } from './cooperation.ts';
import { governanceRules } from './governance.ts';
import { keyfigureRules } from './keyfigures.ts';
import { moneyRules } from './money.ts';
import { notificationRules } from './notifications.ts';
import { partnershipRules } from './partnership.ts';
import { paymentHoldRules } from './payment-holds.ts';
import { planRules } from './plans.ts';
import { registryRules } from './registry.ts';
import { reportRules } from './reports.ts';
import { searchRules } from './search.ts';
import { taskRules } from './tasks.ts';

export {
  accountRules,
  changeRules,
  cooperationRules,
  governanceRules,
  keyfigureRules,
  moneyRules,
  notificationRules,
  partnershipRules,
  paymentHoldRules,
  planRules,
  registryRules,
  reportRules,
  searchRules,
  taskRules,
};

/**
 * Every rule of the application, area by area: one static list, so `can()` answers the same whatever else a
 * process has imported. An area's module (`src/areas/<area>.ts`) names its own list; a test checks that every
 * area's rules are in this one.
 */
export const allRules: readonly Rule[] = [
  ...registryRules,
  ...planRules,
  ...moneyRules,
  ...notificationRules,
  ...keyfigureRules,
  ...governanceRules,
  ...changeRules,
  ...reportRules,
  ...partnershipRules,
  ...cooperationRules,
  ...paymentHoldRules,
  ...taskRules,
  ...accountRules,
  ...searchRules,
];
