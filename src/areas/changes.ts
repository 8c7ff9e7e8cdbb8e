import { changesApi } from '../api/changes.ts';
import { loadDemoChanges } from '../demo/changes.ts';
import { changeRules } from '../policy/rules/index.ts';
import { changeRequestAgendaRef, changeRequestAuditOwner } from '../services/changes/read.ts';
import { changeOverviewPages, planChangePages, planChangesSection } from '../web/changes/index.tsx';
import type { Area } from './area.ts';

/** Change requests (R3, R6, R10–R12): structured edits decided by the competent board. */
export const changesArea: Area = {
  name: 'changes',
  pages: (app) => {
    app.route('/planer', planChangePages());
    app.route('/aendringer', changeOverviewPages());
  },
  api: changesApi,
  rules: changeRules,
  nav: [{ label: 'Ændringer', href: '/aendringer', prefix: '/aendringer', order: 15, visible: (a) => a.kind === 'user' }],
  planSections: [planChangesSection],
  auditOwners: { change_request: changeRequestAuditOwner },
  agendaRefs: { change_request: changeRequestAgendaRef },
  demoSteps: [{ order: 50, name: 'changes', run: loadDemoChanges }],
};
