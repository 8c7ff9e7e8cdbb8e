import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { inbox, markRead, notifyMode, type NotifyMode, setNotifyMode, myNotifyMode } from '../../services/notifications.ts';
import { Button, ChoiceGroup, Form, Pagination, Table, Tag } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import type { DashboardSection } from '../../app-env.ts';
import { formatDateTime } from '../format.ts';
import { readForm } from '../forms.ts';
import { idParam } from '../registry/shared.tsx';
import { flash, home, page } from '../render.tsx';

const modes: Record<NotifyMode, string> = {
  immediate: 'Send en e-mail med det samme for hver besked',
  digest: 'Saml beskederne i én e-mail om dagen (kl. 7)',
  none: 'Ingen e-mail; kun i indbakken',
};

async function inboxPage(c: Context<AppEnv>) {
  const ctx = c.get('ctx');
  const pageNo = Number(c.req.query('side') ?? 1) || 1;
  const box = await inbox(ctx, { page: pageNo });
  const mode = await myNotifyMode(ctx);
  const csrf = c.get('csrfToken');
  return page(
    c,
    { title: 'Indbakke', breadcrumbs: [home, { label: 'Indbakke' }] },
    <>
      <h1>Indbakke</h1>
      <p>
        Her står det, du skal handle på eller have besked om: ændringsanmodninger, beslutninger, møder og rapportfrister.{' '}
        {box.unread ? `${box.unread} ulæste.` : 'Ingen ulæste.'}
      </p>
      <Table
        caption="Beskeder"
        columns={[
          { key: 'when', label: 'Tidspunkt' },
          { key: 'what', label: 'Besked' },
          { key: 'x', label: '' },
        ]}
        rows={box.items.map((n) => ({
          when: formatDateTime(n.createdAt),
          what: (
            <>
              {!n.read && <Tag kind="info">Ny</Tag>} {n.link ? <a href={n.link}>{n.title}</a> : n.title}
              {n.body && <p class="mt-2 mb-0">{n.body}</p>}
            </>
          ),
          x: n.read ? (
            'Læst'
          ) : (
            <Form action={`/indbakke/${n.id}/laest`} csrfToken={csrf}>
              <Button type="submit" variant="tertiary">
                Markér som læst<span class="sr-only">: {n.title}</span>
              </Button>
            </Form>
          ),
        }))}
        empty="Indbakken er tom."
      />
      <Pagination page={box.page} pageCount={box.pageCount} hrefFor={(p) => `/indbakke?side=${p}`} />
      {box.unread > 0 && (
        <Form action="/indbakke/laest" csrfToken={csrf}>
          <Button type="submit" variant="secondary">
            Markér alle som læst
          </Button>
        </Form>
      )}
      <h2>E-mail</h2>
      <Form action="/indbakke/indstillinger" csrfToken={csrf}>
        <ChoiceGroup
          name="mode"
          type="radio"
          label="Hvordan vil du have beskederne på e-mail?"
          options={Object.entries(modes).map(([value, label]) => ({ value, label }))}
          values={[mode]}
          required
        />
        <Button type="submit">Gem valget</Button>
      </Form>
    </>,
  );
}

export function inboxPages() {
  const r = new Hono<AppEnv>();
  r.get('/', inboxPage);
  r.post('/laest', async (c) => {
    await markRead(c.get('ctx'));
    flash(c, 'Alle beskeder er markeret som læst.');
    return c.redirect('/indbakke', 303);
  });
  r.post('/:id/laest', async (c) => {
    await markRead(c.get('ctx'), idParam(c));
    return c.redirect('/indbakke', 303);
  });
  r.post('/indstillinger', async (c) => {
    const mode = z.enum(['immediate', 'digest', 'none']).safeParse((await readForm(c)).mode);
    if (mode.success) {
      await setNotifyMode(c.get('ctx'), mode.data);
      flash(c, 'Dit valg er gemt.');
    } else flash(c, 'Vælg, hvordan du vil have beskeder.');
    return c.redirect('/indbakke', 303);
  });
  return r;
}

/** The notifications area's part of the front page. */
export const notificationsDashboard: DashboardSection = {
  order: 1,
  render: async (ctx) => {
    if (ctx.actor.kind !== 'user') return null;
    const box = await inbox(ctx, { unreadOnly: true });
    if (!box.unread) return null;
    return (
      <div class="alert alert-info alert--show-icon" role="status">
        <div class="alert-body">
          <p class="alert-heading">Du har {box.unread === 1 ? 'én ulæst besked' : `${box.unread} ulæste beskeder`}</p>
          <ul class="alert-text">
            {box.items.slice(0, 5).map((n) => (
              <li>{n.link ? <a href={n.link}>{n.title}</a> : n.title}</li>
            ))}
          </ul>
          <p class="alert-text">
            <a href="/indbakke">Gå til indbakken</a>
          </p>
        </div>
      </div>
    );
  },
};
