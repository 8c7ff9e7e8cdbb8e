import { moneyApi } from '../api/money.ts';
import { loadDemoMoney } from '../demo/money.ts';
import { moneyNationalStep } from '../demo/national-money.ts';
import { moneyRules } from '../policy/rules/index.ts';
import { budgetSnapshot } from '../services/money/budget.ts';
import { planAuditOwner } from '../services/plans/access.ts';
import { moneyDashboard } from '../web/money/dashboard.tsx';
import { moneyPages, planMoneyPages } from '../web/money/index.ts';
import { planMoneySection } from '../web/money/plan-section.tsx';
import type { Area } from './area.ts';

/** Money (R1, R7, R8): budgets, accounts, the co-financing pool and the overviews. */
export const moneyArea: Area = {
  name: 'money',
  pages: (app) => {
    app.route('/planer', planMoneyPages());
    app.route('/', moneyPages());
  },
  api: moneyApi,
  rules: moneyRules,
  nav: [{ label: 'Økonomi', href: '/oekonomi', prefix: '/oekonomi', order: 20 }],
  dashboard: [{ order: 20, render: moneyDashboard }],
  planSections: [planMoneySection],
  snapshotParts: [budgetSnapshot],
  // A budget's history is the plan's: readable by the plan's lead organisation.
  auditOwners: { budget: planAuditOwner },
  demoSteps: [{ order: 20, name: 'money', run: loadDemoMoney }],
  nationalSteps: [moneyNationalStep],
};
