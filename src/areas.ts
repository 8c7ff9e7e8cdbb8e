/**
 * Each area (plans, money, governance, key figures, change requests, reports) registers its pages,
 * API routes, policy rules, navigation and dashboard parts when imported here.
 */
export {};
import './web/plans/index.ts';
import './web/money/index.ts';
import './web/notifications/index.tsx';
import './web/keyfigures/index.ts';
import './web/governance/index.ts';
import './web/changes/index.tsx';
import './web/reports/index.tsx';
