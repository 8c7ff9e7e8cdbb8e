import { governanceApi } from '../api/governance.ts';
import { loadDemoGovernance } from '../demo/governance.ts';
import { governanceNationalStep } from '../demo/national-governance.ts';
import { governanceRules } from '../policy/rules/index.ts';
import { governanceDashboard } from '../web/governance/desk.tsx';
import { governancePages } from '../web/governance/index.ts';
import { planLocalGroupsSection } from '../web/governance/plan-section.tsx';
import type { Area } from './area.ts';

/** Governance (R9–R17): bodies, members, mandates, competence, meetings; a plan's local groups on its page (R14). */
export const governanceArea: Area = {
  name: 'governance',
  pages: (app) => app.route('/styring', governancePages()),
  api: governanceApi,
  rules: governanceRules,
  nav: [{ label: 'Styring', href: '/styring', prefix: '/styring', order: 30 }],
  dashboard: [{ order: 30, render: governanceDashboard }],
  planSections: [planLocalGroupsSection],
  demoSteps: [{ order: 30, name: 'governance', run: loadDemoGovernance }],
  nationalSteps: [governanceNationalStep],
};
