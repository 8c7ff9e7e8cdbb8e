import { addEntry, financeOverview, getPlanFinance, importRows, listEntries, poolOverview, recordPoolEntry, saveBudget } from '../services/money/index.ts';
import { apiRouter, IdParam, json, jsonBody, routesFor, z } from './openapi.ts';

const tag = 'Økonomi';
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Datoen skal skrives ÅÅÅÅ-MM-DD.' });
const ore = (description: string) => z.number().int().openapi({ description: `${description} (hele øre)` });
const nonNegOre = (description: string) => z.number().int().min(0, { error: 'Beløbet må ikke være negativt.' }).max(Number.MAX_SAFE_INTEGER).openapi({ description: `${description} (hele øre)` });

const { ok, created } = routesFor(tag);

const Finance = z.record(z.string(), z.unknown()).openapi('PlanFinance', {
  description: 'Planens økonomi: ramme, år, budgetlinjer med budget og forbrug pr. år (øre), finansieringskilder, totaler med afvigelse, forbrugstakt (basispoint) og prognose, R1-grænser og om budgettet er låst',
});
const LineKind = z.enum(['activity', 'staff', 'activities', 'premises', 'evaluation', 'administration', 'other']);
const FunderKind = z.enum(['lbf', 'municipality', 'organisation', 'other']);
const BudgetInput = z
  .object({
    version: z.number().int().min(0).openapi({ description: 'Budgettets version, som klienten så (0 for et nyt budget)' }),
    frameOre: nonNegOre('Planens samlede ramme'),
    note: z.string().max(4000).default(''),
    lines: z
      .array(
        z.object({
          id: z.number().int().positive().nullable().default(null).openapi({ description: 'Eksisterende linjes id; null for en ny linje' }),
          name: z.string().trim().min(1, { error: 'Skriv budgetlinjens navn.' }).max(200),
          kind: LineKind,
          activityId: z.number().int().positive().nullable().default(null),
          perYear: z.record(z.string().regex(/^\d{4}$/), nonNegOre('Beløb i året')).openapi({ description: 'År → beløb i øre' }),
        }),
      )
      .min(1, { error: 'Budgettet skal have mindst én budgetlinje.' }),
    funders: z
      .array(
        z.object({
          id: z.number().int().positive().nullable().default(null),
          kind: FunderKind,
          name: z.string().trim().min(1).max(200),
          organisationId: z.number().int().positive().nullable().default(null),
          amountOre: nonNegOre('Finansieringskildens beløb'),
        }),
      )
      .min(1, { error: 'Budgettet skal have mindst én finansieringskilde.' }),
  })
  .openapi('BudgetInput');
const Entry = z
  .object({ id: z.number().int(), lineId: z.number().int(), lineName: z.string(), year: z.number().int(), amountOre: z.number().int(), bookedOn: z.string().nullable(), text: z.string(), importId: z.number().int().nullable() })
  .openapi('AccountEntry');
const EntryInput = z
  .object({ lineId: z.number().int().positive(), year: z.number().int().min(2000).max(2100), amountOre: ore('Beløb; negativt for en kreditering').refine((v) => v !== 0, { error: 'Beløbet må ikke være 0.' }), bookedOn: isoDate.nullable().default(null), text: z.string().max(500).default('') })
  .openapi('AccountEntryInput');
const ImportInput = z
  .object({
    dryRun: z.boolean().default(false).openapi({ description: 'Kun kontrol: intet gemmes' }),
    rows: z
      .array(z.object({ budgetLine: z.string().max(200).openapi({ description: 'Budgetlinjens navn' }), year: z.number().int().nullable().optional(), amountOre: ore('Beløb'), bookedOn: isoDate.nullable().optional(), text: z.string().max(500).optional() }))
      .min(1)
      .max(100_000),
  })
  .openapi('AccountImport');
const PoolEntryInput = z
  .object({
    kind: z.enum(['deposit', 'allocation', 'release']),
    amountOre: z.number().int().positive({ error: 'Beløbet skal være større end 0.' }).max(Number.MAX_SAFE_INTEGER).openapi({ description: 'Beløb (hele øre)' }),
    planId: z.number().int().positive().nullable().default(null),
    decision: z.string().trim().min(1, { error: 'Skriv beslutningen.' }).max(200),
    decidedOn: isoDate,
    note: z.string().max(2000).default(''),
  })
  .openapi('PoolEntryInput');
const Pool = z.record(z.string(), z.unknown()).openapi('Pool', { description: 'Puljen: saldo, indskud, tildelinger, frigivelser, posteringer og hver plans andel (øre)' });
const Overview = z.record(z.string(), z.unknown()).openapi('FinanceOverview', { description: 'Ramme, forbrug og restbudget pr. plan, bydel, finansieringskilde og år (øre)' });

/** /api/v1 — budgets, accounts, the pool and the overview (R1, R7, R8); the same services as the pages. */
export function moneyApi() {
  const api = apiRouter();
  api.openapi(ok('get', '/plans/{id}/finance', 'Planens budget, regnskab, afvigelse og prognose (R1)', { params: IdParam }, Finance), async (c) =>
    c.json((await getPlanFinance(c.get('ctx'), c.req.valid('param').id)) as never, 200),
  );
  api.openapi(ok('put', '/plans/{id}/budget', 'Gem hele budgettet (R1; låst efter kommunens godkendelse)', { params: IdParam, body: jsonBody(BudgetInput) }, z.object({ version: z.number().int() })), async (c) => {
    const { version, lines, ...rest } = c.req.valid('json');
    const input = { ...rest, lines: lines.map((l) => ({ ...l, perYear: Object.fromEntries(Object.entries(l.perYear).map(([y, v]) => [Number(y), v])) })) };
    return c.json({ version: await saveBudget(c.get('ctx'), c.req.valid('param').id, version, input) }, 200);
  });
  api.openapi(ok('get', '/plans/{id}/accounts', 'Planens regnskabsposter', { params: IdParam }, z.array(Entry)), async (c) => {
    const rows = await listEntries(c.get('ctx'), c.req.valid('param').id);
    return c.json(rows.map(({ createdBy: _b, createdAt: _a, ...r }) => r), 200);
  });
  api.openapi(created('post', '/plans/{id}/accounts', 'Registrér en regnskabspost (R7)', { params: IdParam, body: jsonBody(EntryInput) }, z.object({ id: z.number().int() })), async (c) =>
    c.json({ id: await addEntry(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  api.openapi(
    ok('post', '/plans/{id}/accounts/import', 'Indlæs regnskabsrækker: alt eller intet; fejl pr. række (R7)', { params: IdParam, body: jsonBody(ImportInput) }, z.object({ imported: z.number().int(), totalOre: z.number().int(), importId: z.number().int().nullable() })),
    async (c) => {
      const { rows, dryRun } = c.req.valid('json');
      return c.json(await importRows(c.get('ctx'), c.req.valid('param').id, rows, dryRun), 200);
    },
  );
  api.openapi(ok('get', '/pool', 'Puljen til kommunal medfinansiering (R8)', {}, Pool), async (c) => c.json((await poolOverview(c.get('ctx'))) as never, 200));
  api.openapi(created('post', '/pool/entries', 'Registrér indskud, tildeling eller frigivelse i puljen (R8)', { body: jsonBody(PoolEntryInput) }, z.object({ id: z.number().int(), balanceOre: z.number().int() })), async (c) =>
    c.json(await recordPoolEntry(c.get('ctx'), c.req.valid('json')), 201),
  );
  api.openapi(ok('get', '/finance/overview', 'Økonomioversigt for byen eller en bydel', { query: z.object({ districtId: z.coerce.number().int().positive().optional() }) }, Overview), async (c) =>
    c.json((await financeOverview(c.get('ctx'), { districtId: c.req.valid('query').districtId ?? null })) as never, 200),
  );
  return api;
}
