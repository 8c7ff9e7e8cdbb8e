import { Hono } from 'hono';
import type { Context } from 'hono';
import { listChangeRequests, listCityBoardNotices, planChangeAbilities, mayNoteNotices } from '../../services/changes/read.ts';
import { noteCityBoardNotice } from '../../services/changes/requests.ts';
import { loadDemoChanges } from '../../demo/changes.ts';
import { can } from '../../policy/index.ts';
import { partyOrganisationIds } from '../../services/plans/access.ts';
import { getPlan } from '../../services/plans/read.ts';
import { Button, Form, Table, Tag } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { planPaths } from '../plans/paths.ts';
import { idParam } from '../registry/shared.tsx';
import { flash, home, page } from '../render.tsx';
import { changePaths } from './paths.ts';
import { proposePage, saveProposal } from './propose.tsx';
import { requestAction, requestPage } from './request.tsx';

const requestColumns = [
  { key: 'n', label: 'Nr.' },
  { key: 'title', label: 'Ændring' },
  { key: 'kind', label: 'Art' },
  { key: 'state', label: 'Status' },
  { key: 'body', label: 'Beslutter' },
  { key: 'at', label: 'Foreslået' },
];

async function planRequestsPage(c: Context<AppEnv>, planId: number) {
  const ctx = c.get('ctx');
  const [plan, list, may] = await Promise.all([
    getPlan(ctx, planId),
    listChangeRequests(ctx, { planId }),
    planChangeAbilities(ctx, planId),
  ]);
  return page(
    c,
    {
      title: `Ændringer: ${plan.name}`,
      breadcrumbs: [
        home,
        { label: 'Planer', href: planPaths.list() },
        { label: plan.name, href: planPaths.plan(planId) },
        { label: 'Ændringer' },
      ],
    },
    <>
      <h1>Ændringer af {plan.name}</h1>
      <p>
        Efter godkendelsen ændres planen kun gennem ændringsanmodninger. Den kompetente bestyrelse beslutter; hver gennemført ændring bliver
        en ny version af planen.
      </p>
      {may.mayCreate && (
        <p>
          <a class="button button-primary" href={changePaths.propose(planId)}>
            Foreslå ændring
          </a>
        </p>
      )}
      <Table
        caption="Ændringsanmodninger"
        columns={requestColumns}
        rows={list.items.map((r) => ({
          n: String(r.number),
          title: <a href={changePaths.request(planId, r.id)}>{r.title}</a>,
          kind: r.kindLabel,
          state: r.stateLabel,
          body: r.bodyName ?? '—',
          at: formatDate(r.createdAt),
        }))}
        empty="Ingen ændringsanmodninger."
      />
    </>,
  );
}

async function allRequestsPage(c: Context<AppEnv>) {
  const openOnly = c.req.query('alle') !== '1';
  const list = await listChangeRequests(c.get('ctx'), { openOnly });
  return page(
    c,
    { title: 'Ændringsanmodninger', breadcrumbs: [home, { label: 'Ændringer' }] },
    <>
      <h1>Ændringsanmodninger</h1>
      <p>
        {openOnly ? 'Åbne anmodninger på tværs af planerne, dem til beslutning først.' : 'Alle anmodninger.'}{' '}
        <a href={openOnly ? '/aendringer?alle=1' : '/aendringer'}>{openOnly ? 'Vis også afsluttede' : 'Vis kun åbne'}</a> ·{' '}
        <a href={changePaths.notices()}>Orienteringer til Boligsocial Bestyrelse</a>
      </p>
      <Table
        caption="Ændringsanmodninger"
        columns={[{ key: 'plan', label: 'Plan' }, ...requestColumns]}
        rows={list.items.map((r) => ({
          plan: <a href={planPaths.plan(r.planId)}>{r.planName}</a>,
          n: String(r.number),
          title: <a href={changePaths.request(r.planId, r.id)}>{r.title}</a>,
          kind: r.kindLabel,
          state: r.stateLabel,
          body: r.bodyName ?? '—',
          at: formatDate(r.createdAt),
        }))}
        empty="Ingen ændringsanmodninger."
      />
    </>,
  );
}

async function noticesPage(c: Context<AppEnv>) {
  const [notices, mayNote] = await Promise.all([listCityBoardNotices(c.get('ctx')), mayNoteNotices(c.get('ctx'))]);
  const csrf = c.get('csrfToken');
  return page(
    c,
    {
      title: 'Orienteringer til Boligsocial Bestyrelse',
      breadcrumbs: [home, { label: 'Ændringer', href: changePaths.all() }, { label: 'Orienteringer' }],
    },
    <>
      <h1>Orienteringer til Boligsocial Bestyrelse</h1>
      <p>
        En bydelsbestyrelse skal orientere Boligsocial Bestyrelse, når en strategisk samarbejdsaftale ændres. Orienteringen står på
        bestyrelsens næste dagsorden, indtil den er noteret.
      </p>
      <Table
        caption="Orienteringer"
        columns={[
          { key: 'at', label: 'Dato' },
          { key: 'plan', label: 'Plan' },
          { key: 'text', label: 'Orientering' },
          { key: 'state', label: 'Status' },
        ]}
        rows={notices.map((n) => ({
          at: formatDate(n.created_at),
          plan: <a href={planPaths.plan(n.plan_id)}>{n.plan_name}</a>,
          text: <a href={changePaths.request(n.plan_id, n.request_id)}>{n.text}</a>,
          state: n.noted_at ? (
            `Noteret ${formatDateTime(n.noted_at)} af ${n.noted_by_label}`
          ) : mayNote ? (
            <Form action={changePaths.note(n.id)} csrfToken={csrf}>
              <Tag kind="warning">Ikke noteret</Tag>{' '}
              <Button type="submit" variant="tertiary">
                Notér orienteringen<span class="sr-only"> om {n.plan_name}</span>
              </Button>
            </Form>
          ) : (
            <Tag kind="warning">Ikke noteret</Tag>
          ),
        }))}
        empty="Ingen orienteringer."
      />
    </>,
  );
}

/** The change requests on the plan page: the open ones, the last applied, and the way to propose one (R3). */
export async function planChangesSection(c: Context<AppEnv>, planId: number) {
  const ctx = c.get('ctx');
  const [plan, list] = await Promise.all([planChangeAbilities(ctx, planId), listChangeRequests(ctx, { planId })]);
  if (plan.state !== 'active' && list.total === 0) return null;
  const mayCreate = plan.mayCreate;
  const open = list.items.filter((r) => r.state === 'draft' || r.state === 'submitted' || r.state === 'awaiting_lbf');
  return (
    <section aria-labelledby="plan-changes" id="plan-changes-section">
      <h2 id="plan-changes">Ændringer</h2>
      <p>
        Planen er version {plan.currentVersion}.{' '}
        {open.length
          ? `${open.length} ${open.length === 1 ? 'åben ændringsanmodning' : 'åbne ændringsanmodninger'}:`
          : 'Ingen åbne ændringsanmodninger.'}
      </p>
      {open.length > 0 && (
        <ul>
          {open.slice(0, 5).map((r) => (
            <li>
              <a href={changePaths.request(planId, r.id)}>{r.title}</a> ({r.stateLabel}
              {r.bodyName ? `, ${r.bodyName}` : ''})
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={changePaths.ofPlan(planId)}>Alle ændringer af planen ({list.total})</a>
        {mayCreate && (
          <>
            {' · '}
            <a href={changePaths.propose(planId)}>Foreslå ændring</a>
          </>
        )}
      </p>
    </section>
  );
}

/** /planer/:id/aendringer and /aendringer — change requests (R3, R6, R10–R12). */
export function planChangePages() {
  const r = new Hono<AppEnv>();
  r.get('/:id/aendringer', (c) => planRequestsPage(c, idParam(c)));
  r.get('/:id/aendringer/ny', (c) => proposePage(c, idParam(c)));
  r.post('/:id/aendringer/ny', (c) => saveProposal(c, idParam(c)));
  r.get('/:id/aendringer/:rid', (c) => requestPage(c, idParam(c), idParam(c, 'rid')));
  r.post('/:id/aendringer/:rid/:action', (c) => requestAction(c, idParam(c), idParam(c, 'rid'), c.req.param('action')));
  return r;
}

export function changeOverviewPages() {
  const r = new Hono<AppEnv>();
  r.get('/', allRequestsPage);
  r.get('/orienteringer', noticesPage);
  r.post('/orienteringer/:id/noteret', async (c) => {
    await noteCityBoardNotice(c.get('ctx'), idParam(c), null);
    flash(c, 'Orienteringen er noteret.');
    return c.redirect(changePaths.notices(), 303);
  });
  return r;
}
