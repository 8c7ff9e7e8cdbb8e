import { paymentHoldsApi } from '../api/payment-holds.ts';
import { paymentHoldRules } from '../policy/rules/index.ts';
import { paymentHoldDashboard, paymentHoldPages, planPaymentHoldSection } from '../web/payment-holds/index.tsx';
import type { Area } from './area.ts';

/** R6 — Landsbyggefonden holds back payments while a yearly report is late; the plan page, the front page and the secretariat's desk show it. */
export const paymentHoldsArea: Area = {
  name: 'payment-holds',
  pages: (app) => app.route('/planer', paymentHoldPages()),
  api: paymentHoldsApi,
  rules: paymentHoldRules,
  dashboard: [paymentHoldDashboard],
  planSections: [planPaymentHoldSection],
};
