import { plansApi } from '../api/plans.ts';
import { loadDemoPlans } from '../demo/plans.ts';
import { planRules } from '../policy/rules/index.ts';
import { planAgendaRef } from '../services/governance/meetings.ts';
import { planAuditOwner } from '../services/plans/access.ts';
import { plansDashboard } from '../web/plans/dashboard.tsx';
import { planPages } from '../web/plans/index.ts';
import type { Area } from './area.ts';

/** The plans (R1–R7): frame, the three governing documents, life cycle, versions, measurements. */
export const plansArea: Area = {
  name: 'plans',
  pages: (app) => app.route('/planer', planPages()),
  api: plansApi,
  rules: planRules,
  nav: [{ label: 'Planer', href: '/planer', prefix: '/planer', order: 10 }],
  dashboard: [{ order: 10, render: plansDashboard }],
  auditOwners: { plan: planAuditOwner },
  agendaRefs: { plan: planAgendaRef },
  demoSteps: [{ order: 10, name: 'plans', run: loadDemoPlans }],
};
