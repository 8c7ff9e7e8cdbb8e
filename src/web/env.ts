import type { Config } from '../config.ts';
import type { Db, DatabaseKind } from '../db/database.ts';
import type { Actor } from '../policy/actor.ts';
import type { ServiceContext } from '../services/context.ts';

/** What the composition root hands to every route module. */
export interface AppDeps {
  db: Db;
  kind: DatabaseKind;
  config: Config;
  now: () => Date;
  demo: boolean;
  /** Sends e-mail (nodemailer transport in production, a collector in tests). */
  mailer?: import('../services/mailer.ts').Mailer;
  /** Mails the inbox messages that writes put in the outbox (created from `mailer` when absent). */
  outbox?: import('../services/notifications.ts').Outbox;
}

export interface AppEnv {
  Variables: {
    actor: Actor;
    csrfToken: string;
    sessionToken: string | null;
    authVia: 'session' | 'token' | 'none';
    ctx: ServiceContext;
    deps: AppDeps;
  };
}
