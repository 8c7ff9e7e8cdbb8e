import { Hono } from 'hono';
import { loadDemoMoney } from '../../demo/money.ts';
import { xlsxType } from '../../services/excel.ts';
import { budgetSnapshot } from '../../services/money/budget.ts';
import {
  accountsTemplateCsv,
  accountsTemplateXlsx,
  overviewWorkbook,
  planFinanceWorkbook,
  poolWorkbook,
} from '../../services/money/export.ts';
import { financeOverview, getPlanFinance, listEntries, poolOverview } from '../../services/money/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { idParam } from '../registry/shared.tsx';
import {
  accountsPage,
  confirmImport,
  discardImportForm,
  importOnePage,
  importPage,
  importStatus,
  removeEntry,
  saveEntry,
  uploadImport,
} from './accounts.tsx';
import { budgetPage, saveBudgetForm } from './budget.tsx';
import { moneyDashboard } from './dashboard.tsx';
import { districtParam, overviewPage } from './overview.tsx';
import { planFinancePage } from './plan.tsx';
import { planMoneySection } from './plan-section.tsx';
import { poolKinds, poolPage, savePoolEntry } from './pool.tsx';
import { readModel } from '../readmodel.ts';

const xlsx = (name: string) => ({ 'content-type': xlsxType, 'content-disposition': `attachment; filename="${name}.xlsx"` });

/** /planer/:id/oekonomi — a plan's budget, accounts and import (R1, R7). */
export function planMoneyPages() {
  const r = new Hono<AppEnv>();
  r.get('/:id/oekonomi', (c) => planFinancePage(c, idParam(c)));
  r.get('/:id/oekonomi/budget', (c) => budgetPage(c, idParam(c)));
  r.post('/:id/oekonomi/budget', (c) => saveBudgetForm(c, idParam(c)));
  r.get('/:id/oekonomi/regnskab', (c) => accountsPage(c, idParam(c)));
  r.post('/:id/oekonomi/regnskab', (c) => saveEntry(c, idParam(c)));
  r.post('/:id/oekonomi/regnskab/:entry/slet', (c) => removeEntry(c, idParam(c), idParam(c, 'entry')));
  r.get('/:id/oekonomi/import', (c) => importPage(c, idParam(c)));
  r.post('/:id/oekonomi/import', (c) => uploadImport(c, idParam(c)));
  r.get('/:id/oekonomi/import/:import', (c) => importOnePage(c, idParam(c), idParam(c, 'import')));
  r.post('/:id/oekonomi/import/:import', (c) => confirmImport(c, idParam(c), idParam(c, 'import')));
  r.post('/:id/oekonomi/import/:import/kasser', (c) => discardImportForm(c, idParam(c), idParam(c, 'import')));
  r.get('/:id/oekonomi/import/:import/status', (c) => importStatus(c, idParam(c), idParam(c, 'import')));
  r.get('/:id/oekonomi/skabelon.csv', async (c) => {
    const f = await getPlanFinance(c.get('ctx'), idParam(c));
    return c.body(
      accountsTemplateCsv(
        f.lines.map((l) => l.name),
        Number(f.asOf.slice(0, 4)),
      ),
      200,
      { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="regnskab-skabelon.csv"' },
    );
  });
  r.get('/:id/oekonomi/skabelon.xlsx', async (c) => {
    const f = await getPlanFinance(c.get('ctx'), idParam(c));
    return c.body(
      new Uint8Array(
        await accountsTemplateXlsx(
          f.lines.map((l) => l.name),
          Number(f.asOf.slice(0, 4)),
        ),
      ),
      200,
      xlsx('regnskab-skabelon'),
    );
  });
  r.get('/:id/oekonomi/oekonomi.xlsx', async (c) => {
    const ctx = c.get('ctx');
    const id = idParam(c);
    const f = await getPlanFinance(ctx, id);
    return c.body(new Uint8Array(await planFinanceWorkbook(f, await listEntries(ctx, id))), 200, xlsx(`oekonomi-plan-${id}`));
  });
  return r;
}

/** /oekonomi and /pulje — the overviews and the municipal co-financing pool (R8). */
export function moneyPages() {
  const r = new Hono<AppEnv>();
  r.get('/oekonomi', readModel(), overviewPage);
  r.get('/oekonomi/oversigt.xlsx', async (c) =>
    c.body(
      new Uint8Array(await overviewWorkbook(await financeOverview(c.get('ctx'), { districtId: districtParam(c) }))),
      200,
      xlsx('oekonomi-oversigt'),
    ),
  );
  r.get('/pulje', (c) => poolPage(c));
  r.post('/pulje/:kind', (c) => {
    const kind = poolKinds[c.req.param('kind') as keyof typeof poolKinds];
    if (!kind) return c.notFound();
    return savePoolEntry(c, kind);
  });
  r.get('/pulje/pulje.xlsx', async (c) => c.body(new Uint8Array(await poolWorkbook(await poolOverview(c.get('ctx')))), 200, xlsx('pulje')));
  return r;
}
