import { keyfiguresApi } from '../api/keyfigures.ts';
import { loadDemoKeyfigures } from '../demo/keyfigures.ts';
import { keyfiguresNationalStep } from '../demo/national-keyfigures.ts';
import { keyfigureRules } from '../policy/rules/index.ts';
import { keyfigurePages } from '../web/keyfigures/index.ts';
import type { Area } from './area.ts';

/** Key figures (R18, R20): statistics, aggregation, national criteria, map and open data. */
export const keyfiguresArea: Area = {
  name: 'keyfigures',
  pages: (app) => app.route('/noegletal', keyfigurePages()),
  api: keyfiguresApi,
  rules: keyfigureRules,
  nav: [{ label: 'Nøgletal', href: '/noegletal', prefix: '/noegletal', order: 40 }],
  demoSteps: [{ order: 40, name: 'keyfigures', run: loadDemoKeyfigures }],
  nationalSteps: [keyfiguresNationalStep],
};
