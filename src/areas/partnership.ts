import { partnershipApi } from '../api/partnership.ts';
import { loadDemoPartnership } from '../demo/partnership.ts';
import { partnershipRules } from '../policy/rules/index.ts';
import { dialogueAuditOwner } from '../services/partnership/index.ts';
import { partnershipDashboard, partnershipPages } from '../web/partnership/index.tsx';
import { partnershipPaths } from '../web/partnership/paths.ts';
import type { Area } from './area.ts';

/** The partnership agreement with the housing sector (R19): agreement, targets, forums' part, steering dialogues. */
export const partnershipArea: Area = {
  name: 'partnership',
  pages: (app) => app.route('/hovedaftale', partnershipPages()),
  api: partnershipApi,
  rules: partnershipRules,
  nav: [{ label: 'Hovedaftale', href: partnershipPaths.home(), prefix: '/hovedaftale', order: 35 }],
  dashboard: [partnershipDashboard],
  auditOwners: { steering_dialogue: dialogueAuditOwner },
  demoSteps: [{ order: 70, name: 'partnership', run: loadDemoPartnership }],
};
