import { paymentHoldRules } from '../policy/rules/index.ts';
import { paymentHoldDashboard, paymentHoldPages, planPaymentHoldSection } from '../web/payment-holds/index.tsx';
import type { Area } from './area.ts';

/** R6 — Landsbyggefonden holds back payments while a yearly report is late; the plan page and the front page show it. */
export const paymentHoldsArea: Area = {
  name: 'payment-holds',
  pages: (app) => app.route('/planer', paymentHoldPages()),
  rules: paymentHoldRules,
  dashboard: [paymentHoldDashboard],
  planSections: [planPaymentHoldSection],
};
