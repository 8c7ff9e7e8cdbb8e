/**
 * The yearly report to LBF (R6, R7, R10): `buildReport(db, planId, year)` assembles the content from live data;
 * `reportPdf` / `reportWorkbook` render content (live, or a frozen snapshot's) as the Danish PDF and the Excel
 * workbook; the use cases move a report through its life cycle.
 */
export { buildReport, type ReportContent, type ReportCriterion, type ReportMoneyRow } from './build.ts';
export { type FrozenReport, type ReportMeta, reportPdf, reportWorkbook, snapshotPdf, snapshotWorkbook } from './output.ts';
export {
  deadlineFor,
  getFrozenRevision,
  getReport,
  planReportSummary,
  recordVerdicts,
  reportOverview,
  type ReportSnapshot,
  reportStatusRows,
  type ReportView,
  saveNarrative,
  sendReportReminders,
  setDeadline,
  snapshotHash,
  transitionReport,
} from './reports.ts';
