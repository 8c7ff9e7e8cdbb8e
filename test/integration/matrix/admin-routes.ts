import { roleNames } from '../../support/actors.ts';
import { makeUser } from '../../support/factories.ts';
import type { RouteCase } from './types.ts';

let n = 0;
const users = roleNames.filter((r) => r !== 'anonymous');

/** The administrator's pages (users awaiting approval, a person's data) and the signed-in user's own tasks. */
export const adminRoutes: RouteCase[] = [
  { route: 'GET /api/v1/me/tasks', allowed: users, build: async () => ({ path: '/api/v1/me/tasks' }) },
  {
    route: 'POST /admin/brugere/:id/godkend',
    allowed: ['admin'],
    build: async (db) => {
      const u = await makeUser(db, { email: `afventer-${++n}@matrix.test`, grants: [] });
      return { path: `/admin/brugere/${u.id}/godkend`, form: { role: 'secretariat' } };
    },
  },
  {
    route: 'POST /admin/personer/slet',
    allowed: ['admin'],
    build: async (db) => {
      const email = `slettes-${++n}@matrix.test`;
      await makeUser(db, { email, name: `Slettes ${n}`, grants: [] });
      return { path: '/admin/personer/slet', form: { email, navn: '', confirm: 'SLET' } };
    },
  },
];
