import type { Db } from '../../../src/db/database.ts';
import type { RoleName } from '../../support/actors.ts';

/** A request the matrix makes for one route, built fresh for every role (writes consume their data). */
export interface MatrixRequest {
  path: string;
  json?: unknown;
  form?: Record<string, string>;
}

export interface RouteCase {
  /** `METHOD /path/:param` exactly as the app registers it. */
  route: string;
  /** Roles that must be allowed; every other role gets 401 (anonymous) or 403. */
  allowed: readonly RoleName[] | 'everyone';
  /** `userId` is the calling role's own user (none for the anonymous public), for routes on one's own things. */
  build: (db: Db, ids: { ownOrg: number; otherOrg: number }, userId: number | null) => Promise<MatrixRequest>;
}
