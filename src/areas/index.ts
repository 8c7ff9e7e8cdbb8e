import { accountsArea } from './accounts.ts';
import type { Area } from './area.ts';
import { changesArea } from './changes.ts';
import { contractsArea } from './contracts.ts';
import { governanceArea } from './governance.ts';
import { keyfiguresArea } from './keyfigures.ts';
import { moneyArea } from './money.ts';
import { notificationsArea } from './notifications.ts';
import { partnershipArea } from './partnership.ts';
import { paymentHoldsArea } from './payment-holds.ts';
import { plansArea } from './plans.ts';
import { registryArea } from './registry.ts';
import { reportsArea } from './reports.ts';
import { portalArea } from './portal.ts';
import { searchArea } from './search.ts';
import { tasksArea } from './tasks.ts';

export { type Area, type Composition, composeAreas } from './area.ts';

/** Every area of Helhed, in mounting order; `main.ts`, the CLI and the tests hand this list to the composition. */
export const areas: readonly Area[] = [
  registryArea,
  plansArea,
  moneyArea,
  notificationsArea,
  keyfiguresArea,
  governanceArea,
  changesArea,
  reportsArea,
  paymentHoldsArea,
  partnershipArea,
  contractsArea,
  tasksArea,
  accountsArea,
  searchArea,
  portalArea,
];
