import { Hono } from 'hono';
import { withoutRuleCodes } from '../domain/text.ts';
import { NotFound } from '../errors.ts';
import { entityHistory } from '../services/audit.ts';
import { Pagination, Table } from './components/index.ts';
import type { AppEnv } from '../app-env.ts';
import { formatDateTime } from './format.ts';
import { historyAction, historyChanges } from './history-format.tsx';
import { paths, withQuery } from './paths.ts';
import { home, page } from './render.tsx';
import { readModel } from './readmodel.ts';

/** The audit trail of any entity: who, when, what changed (before → after). */
export function historyPages() {
  const r = new Hono<AppEnv>();
  r.get('/:type/:id', readModel({ audit: true }), async (c) => {
    const type = c.req.param('type');
    const id = c.req.param('id');
    if (!/^[a-zA-Z][a-zA-Z_]{1,39}$/.test(type) || !/^[\w-]{1,40}$/.test(id)) throw new NotFound();
    const pageNo = Number(c.req.query('page')) || 1;
    const h = await entityHistory(c.get('ctx'), type, id, { page: pageNo, pageSize: 50 });
    return page(
      c,
      { title: 'Historik', breadcrumbs: [home, { label: 'Historik' }] },
      <>
        <h1>Historik</h1>
        <Table
          caption={`${h.total} registrerede ændringer`}
          columns={[
            { key: 'at', label: 'Tidspunkt' },
            { key: 'who', label: 'Hvem' },
            { key: 'what', label: 'Hvad' },
            { key: 'changes', label: 'Ændringer' },
          ]}
          rows={h.items.map((e) => {
            const { shown, others } = historyChanges(e.changes);
            return {
              at: formatDateTime(e.at),
              who: e.actorLabel,
              what: `${historyAction(e.action)}: ${withoutRuleCodes(e.summary)}`,
              changes: (
                <ul class="nobullet-list">
                  {shown.map((ch) => (
                    <li>
                      {ch.label}: {ch.before} → {ch.after}
                    </li>
                  ))}
                  {others > 0 && <li>{others === 1 ? 'Desuden ét teknisk felt' : `Desuden ${others} tekniske felter`}</li>}
                </ul>
              ),
            };
          })}
          empty="Ingen ændringer er registreret."
        />
        <Pagination page={h.page} pageCount={h.pageCount} hrefFor={(p: number) => withQuery(paths.history(type, id), { page: p })} />
      </>,
    );
  });
  return r;
}
