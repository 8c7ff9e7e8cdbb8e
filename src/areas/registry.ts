import { registryApi } from '../api/registry.ts';
import { coreNationalSteps } from '../demo/national.ts';
import { registryRules } from '../policy/rules/index.ts';
import { registryAuditOwners } from '../services/audit.ts';
import { registryNav } from '../web/nav.ts';
import { districtPages, urbanAreaPages } from '../web/registry/districts.tsx';
import { estatePages } from '../web/registry/estates.tsx';
import { organisationPages } from '../web/registry/organisations.tsx';
import type { Area } from './area.ts';

/** The registry: districts, vulnerable urban areas, housing organisations and estates. */
export const registryArea: Area = {
  name: 'registry',
  pages: (app) => {
    app.route('/bydele', districtPages());
    app.route('/byomraader', urbanAreaPages());
    app.route('/organisationer', organisationPages());
    app.route('/afdelinger', estatePages());
  },
  api: registryApi,
  rules: registryRules,
  nav: registryNav,
  auditOwners: registryAuditOwners,
  nationalSteps: coreNationalSteps,
};
