import type { Db } from '../db/database.ts';

export interface DailyJob {
  name: string;
  /** Local hour (0–23) at which it runs once a day. */
  hour: number;
  run: (db: Db, now: Date) => Promise<unknown>;
}

const dailyJobs: DailyJob[] = [];

/** Areas register their daily work here (the mail digest, report reminders …). */
export function addDailyJob(job: DailyJob): void {
  dailyJobs.push(job);
}

export const registeredDailyJobs = (): readonly DailyJob[] => dailyJobs;

/**
 * Runs every registered daily job once a day at its hour, and `everyMinute` each minute (the outbox retry).
 * One server process runs it; the jobs themselves are idempotent for a day.
 */
export function startScheduler(o: { db: Db; now: () => Date; everyMinute?: () => void; onError: (job: string, err: unknown) => void }): () => void {
  const lastRun = new Map<string, string>();
  const tick = () => {
    o.everyMinute?.();
    const now = o.now();
    const day = now.toLocaleDateString('sv-SE');
    for (const job of dailyJobs) {
      if (now.getHours() < job.hour || lastRun.get(job.name) === day) continue;
      lastRun.set(job.name, day);
      job.run(o.db, now).catch((err) => o.onError(job.name, err));
    }
  };
  const timer = setInterval(tick, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
