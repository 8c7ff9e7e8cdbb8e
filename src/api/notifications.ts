import { createRoute } from '@hono/zod-openapi';
import { inbox, markRead } from '../services/notifications.ts';
import { apiRouter, errorResponses, IdParam, json, pageOf, PagingQuery, z } from './openapi.ts';

const tag = 'Indbakke';
const Item = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string(),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .openapi('InboxItem');

/** /api/v1/inbox — the caller's own messages. */
export function notificationsApi() {
  const api = apiRouter();
  api.openapi(
    createRoute({
      method: 'get',
      path: '/inbox',
      tags: [tag],
      summary: 'Mine beskeder',
      request: { query: z.object({ ...PagingQuery, unread: z.enum(['true', 'false']).optional() }) },
      responses: { 200: json(pageOf(Item, 'InboxPage').extend({ unread: z.number().int() }), 'Beskeder'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const box = await inbox(c.get('ctx'), { page: q.page, unreadOnly: q.unread === 'true' });
      return c.json({ ...box, items: box.items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/inbox/{id}/read',
      tags: [tag],
      summary: 'Markér en besked som læst',
      request: { params: IdParam },
      responses: { 200: json(z.object({ ok: z.boolean() }), 'Markeret'), ...errorResponses },
    }),
    async (c) => {
      await markRead(c.get('ctx'), c.req.valid('param').id);
      return c.json({ ok: true }, 200);
    },
  );
  return api;
}
