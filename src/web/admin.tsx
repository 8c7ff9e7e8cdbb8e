import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { Invalid } from '../errors.ts';
import { administrationLabels, administrations, roleLabels, roles } from '../policy/actor.ts';
import { approveUser, listPendingUsers } from '../services/approvals.ts';
import { organisationOptions } from '../services/organisations.ts';
import { Alert, Button, ErrorSummary, Form, SelectField, Table } from './components/index.ts';
import { formatDateTime } from './format.ts';
import { readForm } from './forms.ts';
import { personPages } from './persons.tsx';
import { flash, home, page } from './render.tsx';

export const adminPaths = {
  admin: () => '/admin',
  pending: () => '/admin/brugere',
  approve: (id: number) => `/admin/brugere/${id}/godkend`,
  persons: () => '/admin/personer',
};

const assignable = roles.filter((r) => r !== 'project_leader' && r !== 'board_member');

/** The administrator's pages: users waiting for a role after their first sign-in at a provider. */
export function adminPages() {
  const r = new Hono<AppEnv>();
  const admin = { label: 'Administration', href: adminPaths.admin() };

  r.get('/', async (c) => {
    await listPendingUsers(c.get('ctx')); // administrators only
    return page(
      c,
      { title: 'Administration', breadcrumbs: [home, { label: 'Administration' }] },
      <>
        <h1>Administration</h1>
        <ul>
          <li>
            <a href={adminPaths.pending()}>Brugere der afventer godkendelse</a>
          </li>
          <li>
            <a href={adminPaths.persons()}>En persons oplysninger (indsigt, eksport og sletning)</a>
          </li>
        </ul>
      </>,
    );
  });

  const pendingPage = async (c: Context<AppEnv>, o: { errors?: Record<string, string>; userId?: number; status?: 200 | 400 } = {}) => {
    const ctx = c.get('ctx');
    const [pending, orgs] = await Promise.all([listPendingUsers(ctx), organisationOptions(ctx)]);
    return page(
      c,
      { title: 'Afventer godkendelse', breadcrumbs: [home, admin, { label: 'Afventer godkendelse' }], status: o.status },
      <>
        <h1>Brugere der afventer godkendelse</h1>
        <p class="font-lead">
          Brugere, der loggede ind første gang via en log ind-udbyder uden en rolle, som Helhed kunne genkende. Giv dem en rolle for at
          godkende dem.
        </p>
        {o.errors && (
          <ErrorSummary errors={Object.entries(o.errors).map(([field, message]) => ({ field: `u${o.userId}-${field}`, message }))} />
        )}
        {pending.length === 0 ? (
          <Alert kind="info">
            <p>Ingen brugere afventer godkendelse.</p>
          </Alert>
        ) : (
          <>
            <Table
              caption="Afventer godkendelse"
              columns={[
                { key: 'name', label: 'Navn' },
                { key: 'email', label: 'E-mail' },
                { key: 'provider', label: 'Udbyder' },
                { key: 'at', label: 'Første log ind' },
              ]}
              rows={pending.map((u) => ({ name: u.name, email: u.email, provider: u.provider, at: formatDateTime(u.requestedAt) }))}
            />
            {pending.map((u) => (
              <section aria-labelledby={`u${u.id}-h`}>
                <h2 id={`u${u.id}-h`} class="h3">
                  Godkend {u.name}
                </h2>
                <Form action={adminPaths.approve(u.id)} csrfToken={c.get('csrfToken')} fieldPrefix={`u${u.id}-`}>
                  <SelectField
                    name="role"
                    label="Rolle"
                    required
                    error={o.userId === u.id ? o.errors?.role : undefined}
                    options={[{ value: '', label: 'Vælg rolle' }, ...assignable.map((x) => ({ value: x, label: roleLabels[x] }))]}
                  />
                  <SelectField
                    name="administration"
                    label="Forvaltning (til kommunal medarbejder)"
                    error={o.userId === u.id ? o.errors?.administration : undefined}
                    options={[
                      { value: '', label: 'Ingen' },
                      ...administrations.map((x) => ({ value: x, label: `${x} — ${administrationLabels[x]}` })),
                    ]}
                  />
                  <SelectField
                    name="organisationId"
                    label="Boligorganisation (til medarbejder i boligorganisation)"
                    error={o.userId === u.id ? o.errors?.organisationId : undefined}
                    options={[{ value: '', label: 'Ingen' }, ...orgs.map((x) => ({ value: String(x.id), label: x.label }))]}
                  />
                  <Button type="submit">Godkend {u.name}</Button>
                </Form>
              </section>
            ))}
          </>
        )}
      </>,
    );
  };

  r.route('/personer', personPages());
  r.get('/brugere', (c) => pendingPage(c));
  r.post('/brugere/:id/godkend', async (c) => {
    const id = Number(c.req.param('id'));
    const v = await readForm(c);
    try {
      await approveUser(c.get('ctx'), id, {
        role: v.role ?? '',
        administration: v.administration || null,
        organisationId: v.organisationId ? Number(v.organisationId) : null,
      });
    } catch (err) {
      if (err instanceof Invalid) return pendingPage(c, { errors: err.fields, userId: id, status: 400 });
      throw err;
    }
    flash(c, 'Brugeren er godkendt og har fået sin rolle.');
    return c.redirect(adminPaths.pending(), 303);
  });
  return r;
}
