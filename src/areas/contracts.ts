import { cooperationApi } from '../api/cooperation.ts';
import { loadDemoContracts } from '../demo/cooperation.ts';
import { cooperationRules } from '../policy/rules/index.ts';
import { contractApprovalSteps } from '../services/cooperation/index.ts';
import { cooperationPages } from '../web/cooperation/index.tsx';
import { cooperationPaths } from '../web/cooperation/paths.ts';
import { planContractSection } from '../web/cooperation/plan-section.tsx';
import type { Area } from './area.ts';

/**
 * Contracts on housing-social cooperation (R17): one per vulnerable urban area, approved politically with the plans
 * (a step of their approval chain), revised by the area's forum/board at a meeting; plan activities linked to goals.
 */
export const contractsArea: Area = {
  name: 'contracts',
  pages: (app) => app.route('/kontrakter', cooperationPages()),
  api: cooperationApi,
  rules: cooperationRules,
  nav: [{ label: 'Kontrakter', href: cooperationPaths.list(), prefix: '/kontrakter', order: 33 }],
  planSections: [planContractSection],
  approvalSteps: [contractApprovalSteps],
  demoSteps: [{ order: 75, name: 'contracts', run: loadDemoContracts }],
};
