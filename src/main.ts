import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadDemoData } from './demo/load.ts';
import { createMailer } from './services/mailer.ts';
import { createOutbox } from './services/notifications.ts';
import { startScheduler } from './services/scheduler.ts';
import { type Area, areas as allAreas, composeAreas } from './areas/index.ts';
import { loadReferenceData } from './services/reference.ts';

export interface StartOptions {
  /** Load the demo data set when the database has no users yet. */
  demo: boolean;
}

/**
 * Boot: config → database (+lock) → migrate → reference data → (demo) → createApp → listen. `opening` is the database
 * the command line began to open while this module loaded (`helhed serve`), so the two overlap.
 */
export async function start(
  config: Config,
  opts: StartOptions,
  areas: readonly Area[] = allAreas,
  opening: Promise<Database> = openDatabase(config.database, { demo: opts.demo }),
) {
  const parts = composeAreas(areas);
  const log = pino({ level: config.logLevel });
  const t0 = performance.now();
  const database = await opening;
  const { applied, level } = await migrateToLatest(database.db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  await loadReferenceData(database.db);
  let demo = false;
  if (opts.demo) {
    const r = await loadDemoData(database.db, { steps: parts.demoSteps, hooks: parts.hooks });
    demo = r.demo;
    if (r.loaded) log.info('demo data loaded');
  }
  const mailer = createMailer(config.smtpUrl, config.mailFrom, (m) => log.info(m));
  const now = () => new Date();
  const outbox = createOutbox({
    db: database.db,
    mailer,
    now,
    baseUrl: config.publicUrl,
    onError: (err) => log.error({ err }, 'mail dispatch failed'),
  });
  const jobs = [...parts.dailyJobs, { name: 'mail-digest', hour: 7, run: () => outbox.digest() }];
  const stopScheduler = startScheduler({
    db: database.db,
    now,
    jobs,
    everyMinute: () => outbox.kick(),
    onError: (job, err) => log.error({ err, job }, 'scheduled job failed'),
  });
  const app = createApp({ db: database.db, kind: database.kind, config, now, demo, mailer, outbox }, areas, (err, path) =>
    log.error({ err, path }, 'request failed'),
  );
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  log.info(
    { database: database.kind, migration: level, ms: Math.round(performance.now() - t0) },
    `Helhed kører på http://${config.host}:${port}`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopScheduler();
    server.close();
    await outbox.idle();
    await database.close();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  return { port, stop };
}
