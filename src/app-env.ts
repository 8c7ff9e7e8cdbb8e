import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Config } from './config.ts';
import type { DatabaseKind, Db } from './db/database.ts';
import type { Actor } from './policy/actor.ts';
import type { ServiceContext } from './services/context.ts';
import type { ServiceHooks } from './services/context.ts';
import type { Mailer } from './services/mailer.ts';
import type { DataVersion } from './services/readmodel.ts';
import type { Outbox } from './services/notifications.ts';
import type { OidcTestOptions } from './services/oidc.ts';

/** What the boot code hands to the composition root (`createApp(deps, areas)`). */
export interface AppDeps {
  db: Db;
  kind: DatabaseKind;
  config: Config;
  now: () => Date;
  demo: boolean;
  /** Sends e-mail (nodemailer transport in production, a collector in tests). */
  mailer?: Mailer;
  /** Mails the inbox messages that writes put in the outbox (created from `mailer` when absent). */
  outbox?: Outbox;
  /** Tests only: lets the OpenID Connect client reach an `http://127.0.0.1` test provider. Never set in production. */
  oidcTest?: OidcTestOptions;
}

/** An entry of the main navigation. */
export interface NavEntry {
  label: string;
  href: string;
  /** Paths under this prefix mark the entry active. */
  prefix: string;
  visible?: (actor: Actor) => boolean;
  order: number;
}

/** An area's part of the front page (plans, economy, meetings, key figures). */
export interface DashboardSection {
  order: number;
  render: (ctx: ServiceContext) => Promise<Child | null>;
}

/** An area's section on the plan page (the money area: the economy summary), shown after the plan's facts. */
export type PlanSection = (c: Context<AppEnv>, planId: number) => Promise<Child | null>;

/** What the areas contribute to shared pages, composed once at boot from the area modules. */
export interface WebParts {
  nav: readonly NavEntry[];
  dashboard: readonly DashboardSection[];
  planSections: readonly PlanSection[];
  hooks: ServiceHooks;
}

/** The request environment every page and API route sees. */
export interface AppEnv {
  Variables: {
    actor: Actor;
    csrfToken: string;
    sessionToken: string | null;
    authVia: 'session' | 'token' | 'none';
    /** The data version read with the viewer (signed in only); read models read it themselves otherwise. */
    dataVersion?: DataVersion;
    ctx: ServiceContext;
    deps: AppDeps;
    parts: WebParts;
  };
}
