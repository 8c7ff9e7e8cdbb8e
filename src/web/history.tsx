import { Hono } from 'hono';
import { NotFound } from '../errors.ts';
import { entityHistory } from '../services/audit.ts';
import { Pagination, Table } from './components/index.ts';
import type { AppEnv } from './env.ts';
import { formatDateTime } from './format.ts';
import { fieldLabels } from './messages.ts';
import { paths, withQuery } from './paths.ts';
import { home, page } from './render.tsx';

const actionLabels: Record<string, string> = { create: 'Oprettet', update: 'Ændret', delete: 'Slettet' };
const show = (v: unknown) => (v === null || v === undefined || v === '' ? '(tom)' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The audit trail of any entity: who, when, what changed (before → after). */
export function historyPages() {
  const r = new Hono<AppEnv>();
  r.get('/:type/:id', async (c) => {
    const type = c.req.param('type');
    const id = c.req.param('id');
    if (!/^[a-zA-Z]{2,40}$/.test(type) || !/^[\w-]{1,40}$/.test(id)) throw new NotFound();
    const pageNo = Number(c.req.query('page')) || 1;
    const h = await entityHistory(c.get('ctx'), type, id, { page: pageNo, pageSize: 50 });
    return page(
      c,
      { title: 'Historik', breadcrumbs: [home, { label: 'Historik' }] },
      <>
        <h1>Historik</h1>
        <Table
          caption={`${h.total} registrerede ændringer`}
          columns={[{ key: 'at', label: 'Tidspunkt' }, { key: 'who', label: 'Hvem' }, { key: 'what', label: 'Hvad' }, { key: 'changes', label: 'Ændringer' }]}
          rows={h.items.map((e) => ({
            at: formatDateTime(e.at),
            who: e.actorLabel,
            what: `${actionLabels[e.action] ?? e.action}: ${e.summary}`,
            changes: (
              <ul class="nobullet-list">
                {e.changes.map((ch) => (
                  <li>
                    {fieldLabels[ch.field] ?? ch.field}: {show(ch.before)} → {show(ch.after)}
                  </li>
                ))}
              </ul>
            ),
          }))}
          empty="Ingen ændringer er registreret."
        />
        <Pagination page={h.page} pageCount={h.pageCount} hrefFor={(p: number) => withQuery(paths.history(type, id), { page: p })} />
      </>,
    );
  });
  return r;
}
