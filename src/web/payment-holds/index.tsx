import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv, DashboardSection } from '../../app-env.ts';
import { paymentHoldContract } from '../../contracts/payment-holds.ts';
import { openPaymentHolds, planPaymentHolds, recordPaymentHold, releasePaymentHold } from '../../services/reports/payment-holds.ts';
import { Alert, Button, ErrorSummary, Form, HiddenField, TextArea, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import { type Conflict, Forbidden } from '../../errors.ts';
import { formatDate } from '../format.ts';
import { contractOrInvalid, type FormFailure, formFailure, readForm } from '../forms.ts';
import { idParam } from '../registry/shared.tsx';
import { flash, home, page } from '../render.tsx';

const planHref = (planId: number) => `/planer/${planId}`;
export const paymentHoldPaths = {
  hold: (planId: number) => `/planer/${planId}/betalingsstop`,
  release: (planId: number, holdId: number) => `/planer/${planId}/betalingsstop/${holdId}/frigiv`,
};

type HoldState = {
  values?: Record<string, string>;
  errors?: Record<string, string>;
  status?: 200 | FormFailure['status'];
  conflict?: Conflict;
};

/** R6 — LBF's form to record a hold; the year and reason typed are kept when it is refused. */
function HoldForm({ c, planId, st }: { c: Context<AppEnv>; planId: number; st: HoldState }) {
  const e = st.errors ?? {};
  return (
    <Form action={paymentHoldPaths.hold(planId)} csrfToken={c.get('csrfToken')} fieldPrefix="hold-">
      <TextField
        name="year"
        label="Forsinket årsrapport (år)"
        inputmode="numeric"
        width="s"
        value={st.values?.year}
        error={e.year}
        required
      />
      <TextArea name="reason" label="Begrundelse" rows={2} value={st.values?.reason} error={e.reason} />
      <Button variant="secondary">Hold udbetalingen tilbage</Button>
    </Form>
  );
}

/** R6 — the open and released holds of a plan, with LBF's release buttons (each against the version shown). */
async function Holds({ c, planId, st = {} }: { c: Context<AppEnv>; planId: number; st?: HoldState }) {
  const h = await planPaymentHolds(c.get('ctx'), planId);
  if (!h || (!h.holds.length && !h.mayHold)) return null;
  const open = h.holds.filter((x) => !x.releasedOn);
  return (
    <>
      {open.map((x) => (
        <Alert kind="warning" heading={`Landsbyggefonden holder udbetalingen tilbage (årsrapport ${x.year})`}>
          <p>
            Siden {formatDate(x.heldOn)}, fordi årsrapporten for {x.year} er forsinket.{x.reason ? ` ${x.reason}` : ''}
          </p>
          {h.mayRelease && (
            <Form action={paymentHoldPaths.release(planId, x.id)} csrfToken={c.get('csrfToken')}>
              <HiddenField name="version" value={String(x.version)} />
              <Button variant="secondary">Frigiv udbetalingen</Button>
            </Form>
          )}
        </Alert>
      ))}
      {open.length === 0 && <p>Landsbyggefonden holder ingen udbetalinger tilbage.</p>}
      {h.holds.some((x) => x.releasedOn) && (
        <ul>
          {h.holds
            .filter((x) => x.releasedOn)
            .map((x) => (
              <li>
                Årsrapport {x.year}: holdt tilbage {formatDate(x.heldOn)}, frigivet {formatDate(x.releasedOn!)}
              </li>
            ))}
        </ul>
      )}
      {h.mayHold && <HoldForm c={c} planId={planId} st={st} />}
    </>
  );
}

/** R6 — on the plan page: LBF's holds on payments while a report is late, and LBF's form to record one. */
export async function planPaymentHoldSection(c: Context<AppEnv>, planId: number) {
  const body = await Holds({ c, planId });
  if (!body) return null;
  return (
    <section aria-labelledby="payment-hold" id="payment-hold-section">
      <h2 id="payment-hold">Udbetalinger fra Landsbyggefonden</h2>
      {body}
    </section>
  );
}

/** R6 — /planer/:id/betalingsstop: the plan's holds on a page of their own, where a refused form is shown again. */
async function holdPage(c: Context<AppEnv>, planId: number, st: HoldState = {}) {
  const h = await planPaymentHolds(c.get('ctx'), planId);
  if (!h) throw new Forbidden('Du kan ikke se planens udbetalinger.');
  const title = `Udbetalinger fra Landsbyggefonden: ${h.planName}`;
  return page(
    c,
    {
      title,
      breadcrumbs: [home, { label: 'Planer', href: '/planer' }, { label: h.planName, href: planHref(planId) }, { label: 'Udbetalinger' }],
      status: st.status,
    },
    <>
      <h1>{title}</h1>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary
        title="Ændringen blev ikke gemt"
        fieldPrefix="hold-"
        errors={Object.entries(st.errors ?? {}).map(([field, message]) => ({ field, message }))}
      />
      {(await Holds({ c, planId, st })) ?? <p>Landsbyggefonden holder ingen udbetalinger tilbage.</p>}
    </>,
  );
}

/** R6 — /planer/:id/betalingsstop (LBF) and …/:holdId/frigiv; a refusal shows the form again with the reason (400/409). */
export function paymentHoldPages() {
  const r = new Hono<AppEnv>();
  r.get('/:id/betalingsstop', (c) => holdPage(c, idParam(c)));
  r.post('/:id/betalingsstop', async (c) => {
    const planId = idParam(c);
    const values = await readForm(c);
    try {
      const input = contractOrInvalid(paymentHoldContract, {
        year: /^\d{4}$/.test((values.year ?? '').trim()) ? Number(values.year!.trim()) : Number.NaN,
        reason: values.reason ?? '',
      });
      await recordPaymentHold(c.get('ctx'), planId, input);
    } catch (err) {
      return holdPage(c, planId, { values, ...formFailure(err) });
    }
    flash(c, 'Udbetalingen er holdt tilbage.');
    return c.redirect(`${planHref(planId)}#payment-hold`, 303);
  });
  r.post('/:id/betalingsstop/:holdId/frigiv', async (c) => {
    const planId = idParam(c);
    const values = await readForm(c);
    try {
      await releasePaymentHold(c.get('ctx'), idParam(c, 'holdId'), /^\d{1,9}$/.test(values.version ?? '') ? Number(values.version) : -1);
    } catch (err) {
      return holdPage(c, planId, formFailure(err));
    }
    flash(c, 'Udbetalingen er frigivet.');
    return c.redirect(`${planHref(planId)}#payment-hold`, 303);
  });
  return r;
}

/** R6 — on the front page (the desk of LBF, the secretariat and the municipality): plans whose payments are held back. */
export const paymentHoldDashboard: DashboardSection = {
  order: 26,
  render: async (ctx) => {
    if (ctx.actor.kind !== 'user') return null;
    const holds = await openPaymentHolds(ctx);
    if (!holds.length) return null;
    return (
      <section aria-labelledby="payment-holds-desk">
        <h2 id="payment-holds-desk">Tilbageholdte udbetalinger</h2>
        <ul>
          {holds.map((h) => (
            <li>
              <a href={`${planHref(h.planId)}#payment-hold`}>{h.planName}</a>: årsrapport {h.year} forsinket; Landsbyggefonden holder
              udbetalingen tilbage siden {formatDate(h.heldOn)}
            </li>
          ))}
        </ul>
      </section>
    );
  },
};
