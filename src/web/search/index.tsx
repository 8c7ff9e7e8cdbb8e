import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { type HitKind, search } from '../../services/search.ts';
import { FilterBar, TextField } from '../components/index.ts';
import { home, page } from '../render.tsx';

const kindLabels: Record<HitKind, string> = {
  plan: 'Planer',
  activity: 'Aktiviteter',
  goal: 'Mål',
  body: 'Organer',
  meeting: 'Dagsordenspunkter på møder',
};
const order: HitKind[] = ['plan', 'activity', 'goal', 'body', 'meeting'];

/** /soeg — Danish full-text search across plans, activities, goals, bodies and meetings; works without JavaScript. */
export function searchPages() {
  const r = new Hono<AppEnv>();
  r.get('/', async (c) => {
    const q = c.req.query('q') ?? '';
    const result = await search(c.get('ctx'), q);
    const groups = order.map((k) => ({ kind: k, hits: result.hits.filter((h) => h.kind === k) })).filter((g) => g.hits.length);
    return page(
      c,
      { title: result.query ? `Søgning: ${result.query}` : 'Søg', breadcrumbs: [home, { label: 'Søg' }] },
      <>
        <h1>Søg</h1>
        <FilterBar action="/soeg" label="Søg">
          <TextField
            name="q"
            label="Søg i planer, aktiviteter, mål, organer og møder"
            value={result.query}
            hint="Fx lektiecafé, tryghed eller Tingbjerg. Søgningen finder også bøjede former."
          />
        </FilterBar>
        {result.query && (
          <p role="status" id="search-count">
            {result.hits.length === 0
              ? `Ingen resultater for «${result.query}».`
              : `${result.hits.length} ${result.hits.length === 1 ? 'resultat' : 'resultater'} for «${result.query}».`}
          </p>
        )}
        {groups.map((g) => (
          <section aria-labelledby={`hits-${g.kind}`}>
            <h2 id={`hits-${g.kind}`}>
              {kindLabels[g.kind]} ({g.hits.length})
            </h2>
            <ul class="nobullet-list search-hits">
              {g.hits.map((h) => (
                <li class="mb-4">
                  <a href={h.href}>{h.title}</a>
                  <br />
                  <span class="form-hint">{h.context}</span>
                  {h.excerpt && <p class="mt-2 mb-0">{h.excerpt}</p>}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </>,
    );
  });
  return r;
}
