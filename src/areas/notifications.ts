import { notificationsApi } from '../api/notifications.ts';
import { notificationRules } from '../policy/rules/index.ts';
import { inboxPages, notificationsDashboard } from '../web/notifications/index.tsx';
import type { Area } from './area.ts';

/** The inbox: messages to a user, mailed at once or as a daily digest. */
export const notificationsArea: Area = {
  name: 'notifications',
  pages: (app) => app.route('/indbakke', inboxPages()),
  api: notificationsApi,
  rules: notificationRules,
  nav: [{ label: 'Indbakke', href: '/indbakke', prefix: '/indbakke', order: 90, visible: (a) => a.kind === 'user' }],
  dashboard: [notificationsDashboard],
};
