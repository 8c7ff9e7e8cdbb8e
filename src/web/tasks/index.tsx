import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv, DashboardSection } from '../../app-env.ts';
import { type Task, taskKindLabels } from '../../domain/tasks/index.ts';
import { myTasks, tasksCalendar } from '../../services/tasks/index.ts';
import { Table, Tag } from '../components/index.ts';
import { formatDate } from '../format.ts';
import { home, page } from '../render.tsx';

export const taskPaths = {
  desk: () => '/opgaver',
  calendar: () => '/opgaver/frister.ics',
};

/** "3 opgaver, 1 over fristen" — the count the desk and the front page show. */
export function taskCount(tasks: readonly Task[]): string {
  const late = tasks.filter((t) => t.overdue).length;
  const n = tasks.length === 1 ? '1 åben opgave' : `${tasks.length} åbne opgaver`;
  return late ? `${n}, ${late} over fristen` : n;
}

function DueCell({ t }: { t: Task }) {
  if (t.overdue) {
    return (
      <>
        <Tag kind="error">Over fristen</Tag> {t.due ? formatDate(t.due) : 'nu'}
      </>
    );
  }
  return <>{t.due ? formatDate(t.due) : 'Ingen frist'}</>;
}

function TaskTable({ tasks, caption }: { tasks: readonly Task[]; caption: string }) {
  return (
    <Table
      id="tasks"
      caption={caption}
      columns={[
        { key: 'due', label: 'Frist' },
        { key: 'what', label: 'Opgave' },
        { key: 'where', label: 'Hører til' },
        { key: 'since', label: 'Siden' },
      ]}
      rows={tasks.map((t) => ({
        due: <DueCell t={t} />,
        what: (
          <>
            <strong>{taskKindLabels[t.kind]}:</strong> <a href={t.href}>{t.title}</a>
          </>
        ),
        where: t.context,
        since: t.since ? formatDate(t.since) : '',
      }))}
      empty="Du har ingen åbne opgaver."
    />
  );
}

async function deskPage(c: Context<AppEnv>) {
  const tasks = await myTasks(c.get('ctx'));
  return page(
    c,
    { title: 'Mine opgaver', breadcrumbs: [home, { label: 'Mine opgaver' }] },
    <>
      <h1>
        Mine opgaver <span class="badge badge-info">{tasks.length}</span>
      </h1>
      <p class="font-lead">{taskCount(tasks)}.</p>
      <p>
        Listen beregnes ud fra planerne, bestyrelserne og rapporterne: en opgave forsvinder af sig selv, når den er løst. Beskeder om
        opgaverne står fortsat i indbakken.
      </p>
      <TaskTable tasks={tasks} caption="Mine åbne opgaver, de forsinkede først og derefter efter frist" />
      <p>
        <a href={taskPaths.calendar()}>Hent mine frister som kalender (.ics)</a>
      </p>
    </>,
  );
}

/** The desk at /opgaver and the personal calendar of its deadlines. */
export function taskPages() {
  const r = new Hono<AppEnv>();
  r.get('/', deskPage);
  r.get('/frister.ics', async (c) => {
    const text = await tasksCalendar(c.get('ctx'), new URL(c.req.url).origin);
    return new Response(text, {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'attachment; filename="mine-frister.ics"',
        'x-content-type-options': 'nosniff',
      },
    });
  });
  return r;
}

/** The front page: the signed-in user's own tasks, the five most urgent. */
export const tasksDashboard: DashboardSection = {
  order: 1,
  render: async (ctx) => {
    if (ctx.actor.kind !== 'user') return null;
    const tasks = await myTasks(ctx);
    return (
      <section aria-labelledby="my-tasks-heading">
        <h2 id="my-tasks-heading">Mine opgaver ({tasks.length})</h2>
        {tasks.length === 0 ? (
          <p>Du har ingen åbne opgaver.</p>
        ) : (
          <>
            <TaskTable tasks={tasks.slice(0, 5)} caption={`De mest presserende af mine opgaver (${taskCount(tasks)})`} />
            <p>
              <a href={taskPaths.desk()}>Alle mine opgaver ({tasks.length})</a>
            </p>
          </>
        )}
      </section>
    );
  },
};
