import { tasksApi } from '../api/tasks.ts';
import { taskRules } from '../policy/rules/index.ts';
import { taskPages, tasksDashboard } from '../web/tasks/index.tsx';
import type { Area } from './area.ts';

/** "Mine opgaver" (R6, R9–R13): each user's open obligations across plans, bodies and years, computed from the data. */
export const tasksArea: Area = {
  name: 'tasks',
  pages: (app) => app.route('/opgaver', taskPages()),
  api: tasksApi,
  rules: taskRules,
  nav: [{ label: 'Mine opgaver', href: '/opgaver', prefix: '/opgaver', order: 1, visible: (a) => a.kind === 'user' }],
  dashboard: [tasksDashboard],
};
