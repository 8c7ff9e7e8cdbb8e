import { paymentHoldContract } from '../contracts/payment-holds.ts';
import { listPaymentHolds, recordPaymentHold, releasePaymentHold } from '../services/reports/payment-holds.ts';
import { apiRouter, IdParam, jsonBody, routesFor, z } from './openapi.ts';

const tag = 'Årsrapporter';
const { ok, created } = routesFor(tag);

const Hold = z
  .object({
    id: z.number().int(),
    planId: z.number().int(),
    year: z.number().int().openapi({ description: 'Den forsinkede årsrapports år' }),
    heldOn: z.string(),
    reason: z.string(),
    releasedOn: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('PaymentHold', {
    description: 'Landsbyggefonden holder udbetalingen til en plan tilbage, mens en årsrapport er forsinket (R6)',
  });

/** /api/v1 payment holds (R6): the same use cases and policy as the plan page. */
export function paymentHoldsApi() {
  const api = apiRouter();
  api.openapi(
    ok('get', '/plans/{id}/payment-holds', 'Planens tilbageholdte udbetalinger (R6)', { params: IdParam }, z.array(Hold)),
    async (c) => {
      const holds = await listPaymentHolds(c.get('ctx'), c.req.valid('param').id);
      return c.json(
        holds.map(({ id, planId, year, heldOn, reason, releasedOn, version }) => ({
          id,
          planId,
          year,
          heldOn,
          reason,
          releasedOn,
          version,
        })),
        200,
      );
    },
  );
  api.openapi(
    created(
      'post',
      '/plans/{id}/payment-holds',
      'Landsbyggefonden holder udbetalingen tilbage, mens en årsrapport er forsinket (R6)',
      { params: IdParam, body: jsonBody(paymentHoldContract) },
      z.object({ id: z.number().int() }),
    ),
    async (c) => c.json({ id: await recordPaymentHold(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  api.openapi(
    ok(
      'post',
      '/payment-holds/{id}/release',
      'Landsbyggefonden frigiver udbetalingen igen',
      { params: IdParam, body: jsonBody(z.object({ version: z.number().int().min(1) })) },
      z.object({ planId: z.number().int() }),
    ),
    async (c) => c.json({ planId: await releasePaymentHold(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').version) }, 200),
  );
  return api;
}
