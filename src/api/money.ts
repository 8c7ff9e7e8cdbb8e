import {
  addEntry,
  financeOverview,
  getPlanFinance,
  importRows,
  listEntries,
  poolOverview,
  recordPoolEntry,
  saveBudget,
} from '../services/money/index.ts';
import { date } from '../contracts/fields.ts';
import { budgetContract, entryContract, poolEntryContract } from '../contracts/money.ts';
import {
  FinanceOverviewSchema,
  PlanFinanceSchema,
  PoolSchema,
  presentFinanceOverview,
  presentPlanFinance,
  presentPool,
} from '../presenters/money.ts';
import { apiRouter, IdParam, json, jsonBody, routesFor, z } from './openapi.ts';

const tag = 'Økonomi';
const isoDate = date('datoen');
const ore = (description: string) =>
  z
    .number()
    .int()
    .openapi({ description: `${description} (hele øre)` });

const { ok, created } = routesFor(tag);

const BudgetInput = budgetContract
  .extend({ version: z.number().int().min(0).openapi({ description: 'Budgettets version, som klienten så (0 for et nyt budget)' }) })
  .openapi('BudgetInput');
const Entry = z
  .object({
    id: z.number().int(),
    lineId: z.number().int(),
    lineName: z.string(),
    year: z.number().int(),
    amountOre: z.number().int(),
    bookedOn: z.string().nullable(),
    text: z.string(),
    importId: z.number().int().nullable(),
  })
  .openapi('AccountEntry');
const EntryInput = entryContract.clone().openapi('AccountEntryInput');
const ImportInput = z
  .object({
    dryRun: z.boolean().default(false).openapi({ description: 'Kun kontrol: intet gemmes; svaret viser, hvad der ville blive erstattet' }),
    confirmReplace: z.boolean().default(false).openapi({
      description:
        'R7: rækker for år med tidligere indlæste poster erstatter dem kun med true; ellers svarer API’et 409 med det, der ville blive erstattet (current.replaces), og intet gemmes',
    }),
    rows: z
      .array(
        z.object({
          budgetLine: z.string().max(200).openapi({ description: 'Budgetlinjens navn' }),
          year: z.number().int().nullable().optional(),
          amountOre: ore('Beløb'),
          bookedOn: isoDate.nullable().optional(),
          text: z.string().max(500).optional(),
        }),
      )
      .min(1)
      .max(100_000),
  })
  .openapi('AccountImport');
const CountSum = z.object({ count: z.number().int(), sumOre: ore('Beløb i alt') });
const Replacement = z
  .object({
    years: z.array(z.object({ year: z.number().int(), before: CountSum, after: CountSum })),
    before: CountSum.openapi({ description: 'De tidligere indlæste poster, der erstattes' }),
    after: CountSum.openapi({ description: 'De nye poster for de samme år' }),
  })
  .openapi('AccountImportReplacement');
const PoolEntryInput = poolEntryContract.clone().openapi('PoolEntryInput');

/** /api/v1 — budgets, accounts, the pool and the overview (R1, R7, R8); the same services as the pages. */
export function moneyApi() {
  const api = apiRouter();
  api.openapi(
    ok('get', '/plans/{id}/finance', 'Planens budget, regnskab, afvigelse og prognose (R1)', { params: IdParam }, PlanFinanceSchema),
    async (c) => c.json(presentPlanFinance(await getPlanFinance(c.get('ctx'), c.req.valid('param').id)), 200),
  );
  api.openapi(
    ok(
      'put',
      '/plans/{id}/budget',
      'Gem hele budgettet (R1; låst efter kommunens godkendelse)',
      { params: IdParam, body: jsonBody(BudgetInput) },
      z.object({ version: z.number().int() }),
    ),
    async (c) => {
      const { version, lines, ...rest } = c.req.valid('json');
      const input = {
        ...rest,
        lines: lines.map((l) => ({ ...l, perYear: Object.fromEntries(Object.entries(l.perYear).map(([y, v]) => [Number(y), v])) })),
      };
      return c.json({ version: await saveBudget(c.get('ctx'), c.req.valid('param').id, version, input) }, 200);
    },
  );
  api.openapi(ok('get', '/plans/{id}/accounts', 'Planens regnskabsposter', { params: IdParam }, z.array(Entry)), async (c) => {
    const rows = await listEntries(c.get('ctx'), c.req.valid('param').id);
    return c.json(
      rows.map(({ createdBy: _b, createdAt: _a, ...r }) => r),
      200,
    );
  });
  api.openapi(
    created(
      'post',
      '/plans/{id}/accounts',
      'Registrér en regnskabspost (R7)',
      { params: IdParam, body: jsonBody(EntryInput) },
      z.object({ id: z.number().int() }),
    ),
    async (c) => c.json({ id: await addEntry(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  api.openapi(
    ok(
      'post',
      '/plans/{id}/accounts/import',
      'Indlæs regnskabsrækker: alt eller intet; fejl pr. række (R7)',
      { params: IdParam, body: jsonBody(ImportInput) },
      z.object({
        imported: z.number().int(),
        totalOre: z.number().int(),
        importId: z.number().int().nullable(),
        replaces: Replacement.nullable().openapi({ description: 'De tidligere indlæste poster, rækkerne erstatter (null: ingen)' }),
      }),
    ),
    async (c) => {
      const { rows, dryRun, confirmReplace } = c.req.valid('json');
      return c.json(await importRows(c.get('ctx'), c.req.valid('param').id, rows, dryRun, confirmReplace), 200);
    },
  );
  api.openapi(ok('get', '/pool', 'Puljen til kommunal medfinansiering (R8)', {}, PoolSchema), async (c) =>
    c.json(presentPool(await poolOverview(c.get('ctx'))), 200),
  );
  api.openapi(
    created(
      'post',
      '/pool/entries',
      'Registrér indskud, tildeling eller frigivelse i puljen (R8)',
      { body: jsonBody(PoolEntryInput) },
      z.object({ id: z.number().int(), balanceOre: z.number().int() }),
    ),
    async (c) => c.json(await recordPoolEntry(c.get('ctx'), c.req.valid('json')), 201),
  );
  api.openapi(
    ok(
      'get',
      '/finance/overview',
      'Økonomioversigt for byen eller en bydel',
      { query: z.object({ districtId: z.coerce.number().int().positive().optional() }) },
      FinanceOverviewSchema,
    ),
    async (c) =>
      c.json(presentFinanceOverview(await financeOverview(c.get('ctx'), { districtId: c.req.valid('query').districtId ?? null })), 200),
  );
  return api;
}
