import { createApp } from '../../src/app.ts';
import { areas, composeAreas } from '../../src/areas/index.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import type { Actor, Grant } from '../../src/policy/actor.ts';
import { createSession } from '../../src/services/accounts.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import type { Mail, Mailer } from '../../src/services/mailer.ts';
import { createOutbox, type Outbox } from '../../src/services/notifications.ts';
import type { OidcTestOptions } from '../../src/services/oidc.ts';
import { openTestDatabase, type TestDatabase } from './db.ts';
import { makeUser } from './factories.ts';

export interface Session {
  cookie: string;
  csrf: string;
  actor: Actor;
}

export interface TestApp {
  db: Db;
  kind: TestDatabase['kind'];
  /** PostgreSQL only: the test database's address. */
  dbUrl?: string;
  app: ReturnType<typeof createApp>;
  mails: Mail[];
  /** The mail dispatcher: `request()` waits for it after every write, so `mails` is complete. */
  outbox: Outbox;
  /** A logged-in session for a new user with these grants. */
  as(grants: Grant[], name?: string): Promise<Session>;
  /** A service context acting as `actor`. */
  ctx(actor: Actor): ServiceContext;
  request(
    path: string,
    init?: {
      method?: string;
      session?: Session | null;
      form?: Record<string, string | string[]>;
      json?: unknown;
      headers?: Record<string, string>;
    },
  ): Promise<Response>;
  close(): Promise<void>;
}

export const FIXED_NOW = new Date('2026-11-22T10:00:00Z');

/** The whole application on a fresh test database, called in-process through `app.request()`. */
export async function createTestApp(
  o: { demo?: boolean; now?: () => Date; mailer?: Mailer; env?: Record<string, string>; oidcTest?: OidcTestOptions } = {},
): Promise<TestApp> {
  // The demo data set comes with the database: the run's demo template (test/support/global-setup.ts) has it loaded.
  const t = await openTestDatabase({ demo: o.demo });
  const parts = composeAreas(areas);
  const mails: Mail[] = [];
  const now = o.now ?? (() => FIXED_NOW);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...o.env });
  const errors: unknown[] = [];
  // Every mail is recorded in `mails`; with `o.mailer` (a real SMTP client) it is also sent.
  const mailer: Mailer = {
    async send(m: Mail) {
      mails.push(m);
      await o.mailer?.send(m);
    },
  };
  const outbox = createOutbox({ db: t.db, mailer, now, onError: (err) => console.error(err) });
  const app = createApp({ db: t.db, kind: t.kind, config, now, demo: !!o.demo, mailer, outbox, oidcTest: o.oidcTest }, areas, (err) => {
    errors.push(err);
    console.error(err);
  });
  return {
    db: t.db,
    kind: t.kind,
    dbUrl: t.url,
    app,
    mails,
    outbox,
    ctx: (actor) => ({ db: t.db, actor, now, hooks: parts.hooks }),
    async as(grants, name) {
      const user = await makeUser(t.db, { grants, name });
      const s = await createSession(t.db, user.id, 1);
      return { cookie: `helhed_session=${s.token}`, csrf: s.csrfToken, actor: user.actor };
    },
    async request(path, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      let body: BodyInit | undefined;
      if (init.session) {
        headers.cookie = init.session.cookie;
        if (init.method && init.method !== 'GET') headers['x-csrf-token'] ??= init.session.csrf;
      }
      if (init.form) {
        const p = new URLSearchParams();
        for (const [k, v] of Object.entries(init.form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
        if (init.session && !init.form._csrf) p.set('_csrf', init.session.csrf);
        body = p.toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
        delete headers['x-csrf-token'];
      } else if (init.json !== undefined) {
        body = JSON.stringify(init.json);
        headers['content-type'] = 'application/json';
      }
      const res = await app.request(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
      await outbox.idle();
      return res;
    },
    async close() {
      await outbox.idle();
      await t.close();
      if (errors.length) throw new Error(`${errors.length} uventede serverfejl under testen`);
    },
  };
}
