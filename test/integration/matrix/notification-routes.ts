import type { Db } from '../../../src/db/database.ts';
import { roleNames } from '../../support/actors.ts';
import type { RouteCase } from './types.ts';

const users = roleNames.filter((r) => r !== 'anonymous');

/** A message in the caller's own inbox (the anonymous public has none: the id then belongs to nobody). */
async function ownMessage(db: Db, userId: number | null): Promise<number> {
  if (userId === null) return 999_999;
  const r = await db
    .insertInto('notification')
    .values({ user_id: userId, kind: 'test', title: 'Besked', body: '', link: '', plan_id: null, read_at: null, emailed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The inbox: every logged-in user has their own; nobody else's. */
export const notificationRoutes: RouteCase[] = [
  { route: 'GET /api/v1/inbox', allowed: users, build: async () => ({ path: '/api/v1/inbox' }) },
  {
    route: 'POST /api/v1/inbox/:id/read',
    allowed: users,
    build: async (db, _ids, userId) => ({ path: `/api/v1/inbox/${await ownMessage(db, userId)}/read`, json: {} }),
  },
  {
    route: 'POST /indbakke/laest',
    allowed: users,
    build: async (db, _ids, userId) => {
      await ownMessage(db, userId);
      return { path: '/indbakke/laest', form: {} };
    },
  },
  {
    route: 'POST /indbakke/:id/laest',
    allowed: users,
    build: async (db, _ids, userId) => ({ path: `/indbakke/${await ownMessage(db, userId)}/laest`, form: {} }),
  },
  {
    route: 'POST /indbakke/indstillinger',
    allowed: users,
    build: async () => ({ path: '/indbakke/indstillinger', form: { mode: 'digest' } }),
  },
];
