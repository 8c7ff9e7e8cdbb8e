import { searchRules } from '../policy/rules/index.ts';
import { searchPages } from '../web/search/index.tsx';
import type { Area } from './area.ts';

/** Search: PostgreSQL full-text search in Danish across what the searcher may see. */
export const searchArea: Area = {
  name: 'search',
  pages: (app) => app.route('/soeg', searchPages()),
  rules: searchRules,
  nav: [{ label: 'Søg', href: '/soeg', prefix: '/soeg', order: 95 }],
};
