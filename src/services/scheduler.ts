import { copenhagenParts } from '../domain/governance/time.ts';
import type { Db } from '../db/database.ts';

export interface DailyJob {
  name: string;
  /** Hour in Copenhagen (0–23) at which it runs once a day. */
  hour: number;
  run: (db: Db, now: Date) => Promise<unknown>;
}

/**
 * Runs every daily job once a day at its hour in Copenhagen, and `everyMinute` each minute (the outbox retry).
 * One server process runs it; the jobs themselves are idempotent for a day.
 */
export function startScheduler(o: {
  db: Db;
  now: () => Date;
  jobs: readonly DailyJob[];
  everyMinute?: () => void;
  onError: (job: string, err: unknown) => void;
}): () => void {
  const lastRun = new Map<string, string>();
  const tick = () => {
    o.everyMinute?.();
    const now = o.now();
    const { date: day, time } = copenhagenParts(now);
    for (const job of o.jobs) {
      if (Number(time.slice(0, 2)) < job.hour || lastRun.get(job.name) === day) continue;
      lastRun.set(job.name, day);
      job.run(o.db, now).catch((err) => o.onError(job.name, err));
    }
  };
  const timer = setInterval(tick, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
