import { createRoute } from '@hono/zod-openapi';
import { taskKindLabels, taskKinds } from '../domain/tasks/index.ts';
import { myTasks } from '../services/tasks/index.ts';
import { apiRouter, errorResponses, json, z } from './openapi.ts';

const tag = 'Mine opgaver';

const Task = z
  .object({
    id: z.string().openapi({ description: 'Stabil nøgle for opgaven (bruges også som UID i kalenderen)', example: 'decideChange:12' }),
    kind: z.enum(taskKinds).openapi({ description: 'Hvad der skal gøres' }),
    kindLabel: z.string().openapi({ example: 'Beslut ændringsanmodning' }),
    title: z.string(),
    context: z.string().openapi({ description: 'Planen eller organet, opgaven hører til' }),
    href: z.string().openapi({ description: 'Siden, hvor opgaven løses', example: '/planer/4/aendringer/12' }),
    due: z.string().nullable().openapi({ description: 'Frist (ÅÅÅÅ-MM-DD), når data fastsætter en', example: '2026-12-06' }),
    since: z.string().nullable().openapi({ description: 'Hvornår opgaven opstod (ÅÅÅÅ-MM-DD), når det vides' }),
    overdue: z.boolean(),
  })
  .openapi('Task');

const TaskList = z.object({ items: z.array(Task), total: z.number().int(), overdue: z.number().int() }).openapi('TaskList');

/** /api/v1/me/tasks — the caller's open tasks, as the desk at /opgaver shows them. */
export function tasksApi() {
  const api = apiRouter();
  api.openapi(
    createRoute({
      method: 'get',
      path: '/me/tasks',
      tags: [tag],
      summary: 'Mine opgaver: åbne opgaver med frister, de forsinkede først',
      responses: { 200: json(TaskList, 'Opgaverne'), ...errorResponses },
    }),
    async (c) => {
      const tasks = await myTasks(c.get('ctx'));
      const items = tasks.map((t) => ({
        id: t.id,
        kind: t.kind,
        kindLabel: taskKindLabels[t.kind],
        title: t.title,
        context: t.context,
        href: t.href,
        due: t.due,
        since: t.since,
        overdue: t.overdue,
      }));
      return c.json({ items, total: items.length, overdue: items.filter((t) => t.overdue).length }, 200);
    },
  );
  return api;
}
