import { portalDashboard } from '../web/portal/index.tsx';
import type { Area } from './area.ts';

/** The public portal on the front page: the plans' money as charts drawn on the server, with tables beside them. */
export const portalArea: Area = {
  name: 'portal',
  dashboard: [portalDashboard],
};
