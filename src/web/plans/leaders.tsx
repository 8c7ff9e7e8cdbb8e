import type { Context } from 'hono';
import { Invalid } from '../../errors.ts';
import { can } from '../../policy/index.ts';
import { addProjectLeader, removeProjectLeader } from '../../services/plans/leaders.ts';
import { getPlan } from '../../services/plans/read.ts';
import { presentPlan } from '../../presenters/plans.ts';
import { Button, ErrorSummary, Form, Table, TextField } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { projectLeaderContract } from '../../contracts/plans.ts';
import { type FormErrors, type FormValues, parseWith, readForm } from '../forms.ts';
import { flash, home, page } from '../render.tsx';
import { planPaths } from './paths.ts';

const leaderSchema = projectLeaderContract;

/** R5 — who leads the plan's daily work; the party organisations appoint them. */
export async function leadersPage(
  c: Context<AppEnv>,
  id: number,
  st: { values?: FormValues; errors?: FormErrors; status?: 200 | 400 } = {},
) {
  const plan = presentPlan(c.get('ctx').actor, await getPlan(c.get('ctx'), id));
  // E-mail addresses only for those with a part in the plan (the presenter leaves them out for anyone else).
  const withEmail = plan.projectLeaders.some((l) => l.email !== undefined);
  const subject = { type: 'plan' as const, id, state: plan.state, partyOrganisationIds: plan.partyOrganisations.map((o) => o.id) };
  const mayManage = can(c.get('actor'), 'manageProjectLeaders', subject);
  const errors = st.errors ?? {};
  const csrf = c.get('csrfToken');
  return page(
    c,
    {
      title: `Projektledere: ${plan.name}`,
      breadcrumbs: [
        home,
        { label: 'Planer', href: planPaths.list() },
        { label: plan.name, href: planPaths.plan(id) },
        { label: 'Projektledere' },
      ],
      status: st.status,
    },
    <>
      <h1>Projektledere</h1>
      <p>
        Plan: <a href={planPaths.plan(id)}>{plan.name}</a>. Projektlederne skriver planens indhold og registrerer målinger for planen.
      </p>
      <Table
        caption="Planens projektledere"
        columns={[{ key: 'n', label: 'Navn' }, ...(withEmail ? [{ key: 'e', label: 'E-mail' }] : []), { key: 'x', label: '' }]}
        rows={plan.projectLeaders.map((l) => ({
          n: l.name,
          e: l.email ?? '',
          x: mayManage ? (
            <Form action={planPaths.removeLeader(id, l.userId)} csrfToken={csrf}>
              <Button type="submit" variant="tertiary">
                Fjern {l.name}
              </Button>
            </Form>
          ) : (
            ''
          ),
        }))}
        empty="Planen har ingen projektledere endnu."
      />
      {mayManage && (
        <>
          <h2>Tilføj projektleder</h2>
          <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
          <Form action={planPaths.leaders(id)} csrfToken={csrf}>
            <TextField
              name="email"
              label="Brugerens e-mail"
              type="email"
              hint="Brugeren skal findes i Helhed"
              value={st.values?.email}
              error={errors.email}
              required
              autocomplete="off"
            />
            <Button type="submit">Tilføj projektleder</Button>
          </Form>
        </>
      )}
    </>,
  );
}

export async function saveLeader(c: Context<AppEnv>, id: number) {
  const values = await readForm(c);
  const parsed = parseWith(leaderSchema, values);
  if (!parsed.ok) return leadersPage(c, id, { values, errors: parsed.errors, status: 400 });
  try {
    await addProjectLeader(c.get('ctx'), id, parsed.data.email);
  } catch (err) {
    if (err instanceof Invalid) return leadersPage(c, id, { values, errors: err.fields, status: 400 });
    throw err;
  }
  flash(c, 'Projektlederen er tilføjet.');
  return c.redirect(planPaths.leaders(id), 303);
}

export async function deleteLeader(c: Context<AppEnv>, id: number, userId: number) {
  await removeProjectLeader(c.get('ctx'), id, userId);
  flash(c, 'Projektlederen er fjernet.');
  return c.redirect(planPaths.leaders(id), 303);
}
