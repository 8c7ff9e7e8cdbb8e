import { Hono } from 'hono';
import { registryCounts } from '../services/registry-counts.ts';
import type { Child } from 'hono/jsx';
import type { ServiceContext } from '../services/context.ts';
import { Table } from './components/index.ts';
import type { AppEnv } from '../app-env.ts';
import { formatNumber } from './format.ts';
import { paths } from './paths.ts';
import { page } from './render.tsx';
import { readModel } from './readmodel.ts';

export function homePages() {
  const r = new Hono<AppEnv>();
  r.get('/', readModel(), async (c) => {
    const ctx = c.get('ctx');
    const [n, parts] = await Promise.all([
      registryCounts(ctx),
      Promise.all([...c.get('parts').dashboard].sort((a, b) => a.order - b.order).map((s) => s.render(ctx))),
    ]);
    const actor = c.get('actor');
    return page(
      c,
      { title: 'Forside' },
      <>
        <h1>Boligsociale helhedsplaner i København</h1>
        <p class="font-lead">
          Helhed samler kommunen, boligorganisationerne, bestyrelserne og Landsbyggefonden om helhedsplanerne: ansøgning og godkendelse,
          aktiviteter, økonomi, mål, beslutninger og den årlige rapport.
        </p>
        {actor.kind === 'anonymous' && (
          <p>
            <a class="button button-primary" href={paths.login()}>
              Log ind
            </a>
          </p>
        )}
        {parts}
        <h2>Registeret</h2>
        <Table
          caption="Registerets indhold"
          columns={[
            { key: 'what', label: 'Hvad' },
            { key: 'n', label: 'Antal', numeric: true },
          ]}
          rows={[
            { what: <a href={paths.districts()}>Bydele</a>, n: formatNumber(n.districts) },
            { what: <a href={paths.urbanAreas()}>Udsatte byområder</a>, n: formatNumber(n.areas) },
            { what: <a href={paths.organisations()}>Boligorganisationer</a>, n: formatNumber(n.orgs) },
            { what: <a href={paths.estates()}>Boligafdelinger</a>, n: formatNumber(n.estates) },
          ]}
        />
      </>,
    );
  });
  r.get('/om-data', (c) =>
    page(
      c,
      { title: 'Om data', breadcrumbs: [{ label: 'Forside', href: '/' }, { label: 'Om data' }] },
      <>
        <h1>Om data</h1>
        <ul>
          <li>Bydele: Københavns Kommune, Open Data KBH: Bydele.</li>
          <li>Udsatte byområder: Københavns Kommune, Open Data KBH: Udsatte byområder (Politik for Udsatte Byområder 2017).</li>
          <li>Kommunegrænser: Indeholder data fra Styrelsen for Dataforsyning og Infrastruktur, DAGI.</li>
          <li>De officielle lister 2010–2017: Transport-, Bygnings- og Boligministeriet m.fl.</li>
        </ul>
        {c.get('deps').demo && <p>Denne installation kører med demodata: afdelinger, planer og personer er opdigtede.</p>}
      </>,
    ),
  );
  r.get('/tilgaengelighed', (c) =>
    page(
      c,
      { title: 'Tilgængelighedserklæring', breadcrumbs: [{ label: 'Forside', href: '/' }, { label: 'Tilgængelighed' }] },
      <>
        <h1>Tilgængelighedserklæring</h1>
        <p>
          Helhed bygger på Det Fælles Designsystem og testes automatisk med axe-core mod WCAG 2.1 niveau A og AA på alle sider, som
          browsertestene besøger. Alle sider virker uden JavaScript; kort har en tabel som alternativ.
        </p>
      </>,
    ),
  );
  return r;
}
