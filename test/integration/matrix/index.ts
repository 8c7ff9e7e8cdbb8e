import { adminRoutes } from './admin-routes.ts';
import { changeRoutes } from './change-routes.ts';
import { contractRoutes } from './contract-routes.ts';
import { governanceRoutes } from './governance-routes.ts';
import { keyfigureRoutes } from './keyfigures-routes.ts';
import { notificationRoutes } from './notification-routes.ts';
import { partnershipRoutes } from './partnership-routes.ts';
import { paymentHoldRoutes } from './payment-hold-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { moneyRoutes } from './money-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { registryRoutes } from './registry-routes.ts';
import type { RouteCase } from './types.ts';

/** Every area's route cases; an area adds its file here. */
export const allRouteCases: RouteCase[] = [
  ...adminRoutes,
  ...registryRoutes,
  ...planRoutes,
  ...moneyRoutes,
  ...notificationRoutes,
  ...keyfigureRoutes,
  ...governanceRoutes,
  ...changeRoutes,
  ...reportRoutes,
  ...partnershipRoutes,
  ...contractRoutes,
  ...paymentHoldRoutes,
];
