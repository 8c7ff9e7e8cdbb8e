import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv, DashboardSection } from '../../app-env.ts';
import { paymentHoldContract } from '../../contracts/payment-holds.ts';
import { openPaymentHolds, planPaymentHolds, recordPaymentHold, releasePaymentHold } from '../../services/reports/payment-holds.ts';
import { Alert, Button, Form, TextArea, TextField } from '../components/index.ts';
import { formatDate } from '../format.ts';
import { contractOrInvalid, formFailure, readForm } from '../forms.ts';
import { idParam } from '../registry/shared.tsx';
import { flash } from '../render.tsx';

const planHref = (planId: number) => `/planer/${planId}`;
export const paymentHoldPaths = {
  hold: (planId: number) => `/planer/${planId}/betalingsstop`,
  release: (planId: number, holdId: number) => `/planer/${planId}/betalingsstop/${holdId}/frigiv`,
};

/** R6 — on the plan page: LBF's holds on payments while a report is late, and LBF's form to record one. */
export async function planPaymentHoldSection(c: Context<AppEnv>, planId: number) {
  const h = await planPaymentHolds(c.get('ctx'), planId);
  if (!h || (!h.holds.length && !h.mayHold)) return null;
  const open = h.holds.filter((x) => !x.releasedOn);
  return (
    <section aria-labelledby="payment-hold" id="payment-hold-section">
      <h2 id="payment-hold">Udbetalinger fra Landsbyggefonden</h2>
      {open.map((x) => (
        <Alert kind="warning" heading={`Landsbyggefonden holder udbetalingen tilbage (årsrapport ${x.year})`}>
          <p>
            Siden {formatDate(x.heldOn)}, fordi årsrapporten for {x.year} er forsinket.{x.reason ? ` ${x.reason}` : ''}
          </p>
          {h.mayRelease && (
            <Form action={paymentHoldPaths.release(planId, x.id)} csrfToken={c.get('csrfToken')}>
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
      {h.mayHold && (
        <Form action={paymentHoldPaths.hold(planId)} csrfToken={c.get('csrfToken')} fieldPrefix="hold-">
          <TextField name="year" label="Forsinket årsrapport (år)" inputmode="numeric" width="s" required />
          <TextArea name="reason" label="Begrundelse" rows={2} />
          <Button variant="secondary">Hold udbetalingen tilbage</Button>
        </Form>
      )}
    </section>
  );
}

/** R6 — /planer/:id/betalingsstop (LBF) and …/:holdId/frigiv. */
export function paymentHoldPages() {
  const r = new Hono<AppEnv>();
  r.post('/:id/betalingsstop', async (c) => {
    const planId = idParam(c);
    const values = await readForm(c);
    try {
      const input = contractOrInvalid(paymentHoldContract, {
        year: /^\d{4}$/.test(values.year ?? '') ? Number(values.year) : Number.NaN,
        reason: values.reason ?? '',
      });
      await recordPaymentHold(c.get('ctx'), planId, input);
    } catch (err) {
      const f = formFailure(err);
      flash(c, `Udbetalingen blev ikke holdt tilbage: ${Object.values(f.errors).join(' ')}`);
      return c.redirect(`${planHref(planId)}#payment-hold`, 303);
    }
    flash(c, 'Udbetalingen er holdt tilbage.');
    return c.redirect(`${planHref(planId)}#payment-hold`, 303);
  });
  r.post('/:id/betalingsstop/:holdId/frigiv', async (c) => {
    const planId = idParam(c);
    await releasePaymentHold(c.get('ctx'), idParam(c, 'holdId'));
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
