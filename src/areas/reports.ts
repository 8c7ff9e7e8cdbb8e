import { reportsApi } from '../api/reports.ts';
import { reportsNationalStep } from '../demo/national-reports.ts';
import { loadDemoReports } from '../demo/reports.ts';
import { can } from '../policy/index.ts';
import { reportRules } from '../policy/rules/index.ts';
import { reportAgendaRef, reportAuditOwner, sendReportReminders } from '../services/reports/reports.ts';
import { planReportPages, planReportsSection, reportOverviewPages, reportsDashboard } from '../web/reports/index.tsx';
import { reportPaths } from '../web/reports/paths.ts';
import type { Area } from './area.ts';

/** The yearly report to LBF (R6, R7, R10). */
export const reportsArea: Area = {
  name: 'reports',
  pages: (app) => {
    app.route('/planer', planReportPages());
    app.route('/rapporter', reportOverviewPages());
  },
  api: reportsApi,
  rules: reportRules,
  nav: [
    {
      label: 'Årsrapporter',
      href: reportPaths.overview(),
      prefix: '/rapporter',
      order: 25,
      visible: (a) => can(a, 'list', { type: 'reportOverview' }),
    },
  ],
  dashboard: [reportsDashboard],
  planSections: [planReportsSection],
  auditOwners: { report: reportAuditOwner },
  agendaRefs: { report: reportAgendaRef },
  dailyJobs: [{ name: 'report-reminders', hour: 6, run: (db, now) => sendReportReminders(db, now) }],
  demoSteps: [{ order: 60, name: 'reports', run: loadDemoReports }],
  nationalSteps: [reportsNationalStep],
};
