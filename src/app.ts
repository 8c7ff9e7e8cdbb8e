import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type Area, composeAreas } from './areas/index.ts';
import { createApi } from './api/index.ts';
import { problemFor, problemResponse } from './api/problem.ts';
import { latestMigration, migrationLevel } from './db/migrate.ts';
import { apiDocsPage } from './web/apidocs.tsx';
import { authPages } from './web/auth.tsx';
import type { AppDeps, AppEnv } from './app-env.ts';
import { errorPage, handleError } from './web/errors.tsx';
import { historyPages } from './web/history.tsx';
import { homePages } from './web/home.tsx';
import { csrf, identify, securityHeaders } from './web/middleware.ts';
import { readableInput } from './web/input.ts';
import { readModel } from './web/readmodel.ts';
import { staticAssets, staticTwins } from './web/static.ts';
import { createOutbox } from './services/notifications.ts';

export type { AppDeps };

/**
 * The composition root: security, identity, CSRF, static files, the areas' pages and API, errors.
 * @example const app = createApp({ db, kind: 'pglite', config, now: () => new Date(), demo: false }, areas)
 */
export function createApp(deps: AppDeps, areas: readonly Area[], log: (err: unknown, path: string) => void = (e) => console.error(e)) {
  const parts = composeAreas(areas);
  const app = new Hono<AppEnv>();
  app.use(securityHeaders);
  app.route('/', staticAssets(deps.config.production));
  if (deps.config.benchTwins) app.route('/__twin', staticTwins());
  app.get('/healthz', async (c) =>
    c.json({ status: 'ok', database: deps.kind, migration: await migrationLevel(deps.db), latestMigration }),
  );
  const limit = bodyLimit({
    maxSize: deps.config.uploadLimitBytes + 1024 * 1024,
    onError: (c) => c.text('Forespørgslen er for stor.', 413),
  });
  // Only a request that may carry a body is measured: reading the limit makes a full web Request of the incoming one.
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next)));
  app.use(identify(deps, parts));
  app.use(readableInput);
  app.use(csrf);
  const outbox =
    deps.outbox ??
    (deps.mailer
      ? createOutbox({ db: deps.db, mailer: deps.mailer, now: deps.now, baseUrl: deps.config.publicUrl, onError: (e) => log(e, 'outbox') })
      : undefined);
  if (outbox) {
    deps.outbox = outbox;
    app.use(async (c, next) => {
      await next();
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.res.status < 400) outbox.kick();
    });
  }

  const { api, document } = createApi(parts.apis);
  // The API's heaviest list (full-text search over every plan) is a read model as the heavy pages are.
  app.get('/api/v1/plans', readModel());
  app.route('/api', api);
  app.route('/api/docs', apiDocsPage(document));
  app.route('/', homePages());
  app.route('/', authPages());
  app.route('/historik', historyPages());
  for (const mount of parts.pages) mount(app);

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? problemResponse(c, { type: 'about:blank', title: 'Findes ikke', status: 404, detail: 'Stien findes ikke i API’et.' })
      : errorPage(c, 404, 'Siden findes ikke. Tjek adressen, eller gå til forsiden.'),
  );
  app.onError(handleError(log, problemFor));
  return app;
}
