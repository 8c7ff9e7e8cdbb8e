import { calendar } from '../../domain/governance/ical.ts';
import { copenhagenInstant } from '../../domain/governance/time.ts';
import { taskKindLabels } from '../../domain/tasks/index.ts';
import type { ServiceContext } from '../context.ts';
import { myTasks } from './tasks.ts';

/**
 * The user's personal iCalendar feed: one event per open task with a deadline, at 9:00 on the deadline day
 * (Copenhagen time); a done task leaves the feed with the next refresh.
 * @example const ics = await tasksCalendar(ctx, 'https://helhed.kk.dk');
 */
export async function tasksCalendar(ctx: ServiceContext, origin: string): Promise<string> {
  const tasks = await myTasks(ctx);
  const stamp = ctx.now();
  return calendar(
    'Mine frister i Helhed',
    tasks.flatMap((t) => {
      if (!t.due) return [];
      const start = copenhagenInstant(t.due, '09:00');
      return [
        {
          uid: `${t.id.replace(/:/g, '-')}@helhed`,
          start,
          end: new Date(start.getTime() + 30 * 60_000),
          summary: `Frist: ${taskKindLabels[t.kind]} – ${t.title}`,
          description: t.context,
          url: origin + t.href,
          stamp,
        },
      ];
    }),
  );
}
