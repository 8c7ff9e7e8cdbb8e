import type { Context } from 'hono';
import { financeOverview } from '../../services/money/index.ts';
import type { FinanceOverview } from '../../services/money/overview.ts';
import { stateLabels } from '../../domain/plan-lifecycle.ts';
import { FilterBar, SelectField, Table } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatKr, formatNumber } from '../format.ts';
import { home, page } from '../render.tsx';
import { BudgetActualChart, ShareBar } from './charts.tsx';
import { moneyPaths } from './paths.ts';

export const districtParam = (c: Context<AppEnv>) => (/^\d{1,9}$/.test(c.req.query('bydel') ?? '') ? Number(c.req.query('bydel')) : null);

const moneyCols = [
  { key: 'frame', label: 'Ramme', numeric: true },
  { key: 'actual', label: 'Forbrug', numeric: true },
  { key: 'remaining', label: 'Restbudget', numeric: true },
  { key: 'lbf', label: 'LBF', numeric: true },
  { key: 'municipality', label: 'Kommunen', numeric: true },
  { key: 'organisations', label: 'Boligorg.', numeric: true },
  { key: 'other', label: 'Andre', numeric: true },
];
const moneyCells = (t: FinanceOverview['totals']) => ({
  frame: formatKr(t.frameOre),
  actual: formatKr(t.actualOre),
  remaining: formatKr(t.remainingOre),
  lbf: formatKr(t.lbfOre),
  municipality: formatKr(t.municipalityOre),
  organisations: formatKr(t.organisationsOre),
  other: formatKr(t.otherOre),
});

/** /oekonomi — frame, spent and remaining by plan, district, funder and year, for the city or one district. */
export async function overviewPage(c: Context<AppEnv>) {
  const o = await financeOverview(c.get('ctx'), { districtId: districtParam(c) });
  const scope = o.districtName ?? 'København';
  return page(
    c,
    { title: 'Økonomi', breadcrumbs: [home, { label: 'Økonomi' }] },
    <>
      <h1>Økonomi: {scope}</h1>
      <p>
        Ramme, forbrug og restbudget for de planer, du kan se, fordelt på finansieringskilder, bydele og år.{' '}
        <a href={moneyPaths.pool()}>Puljen til kommunal medfinansiering</a>.
      </p>
      <FilterBar action={moneyPaths.overview()} label="Vis">
        <SelectField
          name="bydel"
          label="Bydel"
          options={[{ value: '', label: 'Hele byen' }, ...o.districtOptions.map((d) => ({ value: String(d.id), label: d.name }))]}
          value={o.districtId ? String(o.districtId) : ''}
        />
      </FilterBar>
      <p>
        <a class="button button-tertiary" href={moneyPaths.overviewXlsx(o.districtId)}>
          Hent alle tabeller som Excel
        </a>
      </p>
      <Table
        caption={`I alt: ${scope}`}
        id="overview-totals"
        columns={[{ key: 'scope', label: 'Område' }, { key: 'plans', label: 'Planer', numeric: true }, ...moneyCols]}
        rows={[{ scope, plans: formatNumber(o.plans.length), ...moneyCells(o.totals) }]}
      />
      <ShareBar
        label="Finansiering i alt"
        parts={[
          { label: 'Landsbyggefonden', amountOre: o.totals.lbfOre },
          { label: 'Kommunen', amountOre: o.totals.municipalityOre },
          { label: 'Boligorganisationer', amountOre: o.totals.organisationsOre },
          { label: 'Andre', amountOre: o.totals.otherOre },
        ]}
      />
      {o.totals.contractedOre + o.totals.facilitationOre > 0 && (
        <p id="overview-municipal-split">
          Heraf kommunens andel: kontraktstyret arbejde {formatKr(o.totals.contractedOre)} og facilitering{' '}
          {formatKr(o.totals.facilitationOre)}
        </p>
      )}
      <h2>Pr. år</h2>
      <BudgetActualChart
        label="Budget og forbrug pr. år"
        rows={o.years.map((y) => ({ label: String(y.year), budgetOre: y.budgetOre, actualOre: y.actualOre }))}
      />
      <Table
        caption="Budget og forbrug pr. år"
        id="overview-years"
        columns={[
          { key: 'year', label: 'År' },
          { key: 'budget', label: 'Budget', numeric: true },
          { key: 'actual', label: 'Forbrug', numeric: true },
        ]}
        rows={o.years.map((y) => ({ year: String(y.year), budget: formatKr(y.budgetOre), actual: formatKr(y.actualOre) }))}
        empty="Ingen budgetter endnu."
      />
      {!o.districtId && (
        <>
          <h2>Pr. bydel</h2>
          <Table
            caption="Ramme, forbrug og finansiering pr. bydel"
            id="overview-districts"
            columns={[{ key: 'district', label: 'Bydel' }, { key: 'plans', label: 'Planer', numeric: true }, ...moneyCols]}
            rows={o.districts.map((d) => ({
              district: d.districtId ? <a href={moneyPaths.overview(d.districtId)}>{d.districtName}</a> : d.districtName,
              plans: formatNumber(d.plans),
              ...moneyCells(d),
            }))}
            empty="Ingen budgetter endnu."
          />
        </>
      )}
      <h2>Pr. plan</h2>
      <Table
        caption="Ramme, forbrug og finansiering pr. plan"
        id="overview-plans"
        columns={[{ key: 'plan', label: 'Plan' }, { key: 'state', label: 'Status' }, ...moneyCols]}
        rows={o.plans.map((p) => ({
          plan: <a href={moneyPaths.plan(p.id)}>{p.name}</a>,
          state: stateLabels[p.state as never] ?? p.state,
          ...moneyCells(p),
        }))}
        empty="Ingen budgetter endnu."
      />
    </>,
  );
}
