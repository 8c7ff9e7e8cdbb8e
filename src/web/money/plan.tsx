import type { Context } from 'hono';
import { funderKindLabels, lineKindLabels, municipalCapText } from '../../domain/money/budget.ts';
import { forecastRuleText } from '../../domain/money/finance.ts';
import { can } from '../../policy/index.ts';
import { getPlanFinance } from '../../services/money/index.ts';
import { budgetSubject, budgetAbilities } from '../../services/money/access.ts';
import { Alert, Table } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatKr } from '../format.ts';
import { page } from '../render.tsx';
import { SummaryList } from '../registry/shared.tsx';
import { BudgetActualChart, ShareBar } from './charts.tsx';
import { moneyPaths } from './paths.ts';
import { OutlookTag, pct, planCrumbs, Variance } from './shared.tsx';

/** /planer/:id/oekonomi — the plan's budget, funders and accounts with variance, burn rate and forecast (R1). */
export async function planFinancePage(c: Context<AppEnv>, planId: number) {
  const ctx = c.get('ctx');
  const actor = c.get('actor');
  const f = await getPlanFinance(ctx, planId);
  const may = await budgetAbilities(ctx, planId);
  const mayEdit = may.update;
  const mayRecord = may.recordAccounts;
  const t = f.totals;
  const lbf = f.funders.filter((x) => x.kind === 'lbf').reduce((s, x) => s + x.amountOre, 0);
  const local = f.funders.filter((x) => x.kind !== 'lbf').reduce((s, x) => s + x.amountOre, 0);
  return page(
    c,
    { title: `Økonomi: ${f.planName}`, breadcrumbs: planCrumbs(planId, f.planName) },
    <>
      <h1>Økonomi: {f.planName}</h1>
      {f.locked && (
        <Alert kind="info" heading="Budgettet er låst">
          <p>
            Kommunen har godkendt planen, så budgettet kan ikke længere rettes direkte — heller ikke af administratorer. Ændringer sker
            gennem en ændringsanmodning. <a href={moneyPaths.budget(planId)}>Læs hvorfor</a>.
          </p>
        </Alert>
      )}
      {!f.hasBudget ? (
        <>
          <p>Planen har intet budget endnu.</p>
          {mayEdit && (
            <p>
              <a class="button button-primary" href={moneyPaths.budget(planId)}>
                Læg budget
              </a>
            </p>
          )}
        </>
      ) : (
        <>
          <SummaryList
            items={[
              ['Samlet ramme', formatKr(f.frameOre)],
              ['Periode', `${formatDate(f.startsOn)} – ${formatDate(f.endsOn)}`],
              ['Forbrug i alt', `${formatKr(t.actualOre)} (${pct(t.spentBp)} af budgettet)`],
              ['Afvigelse (budget − forbrug)', <Variance ore={t.varianceOre} />],
              ['Budget til dato', `${formatKr(t.budgetToDateOre)} (pr. ${formatDate(f.asOf)})`],
              ['Forbrugstakt', pct(t.burnRateBp)],
              [
                'Prognose ved planens slut',
                <>
                  {formatKr(t.forecastOre)} <OutlookTag figures={t} />{' '}
                  {t.outlook !== 'no_basis' && `(${formatKr(Math.abs(t.forecastVarianceOre))})`}
                </>,
              ],
            ]}
          />
          <p>
            {mayEdit && (
              <a class="button button-secondary" href={moneyPaths.budget(planId)}>
                Ret budgettet
              </a>
            )}{' '}
            <a class="button button-tertiary" href={moneyPaths.accounts(planId)}>
              Regnskab
            </a>{' '}
            {mayRecord && (
              <a class="button button-tertiary" href={moneyPaths.import(planId)}>
                Indlæs regnskab
              </a>
            )}{' '}
            <a class="button button-tertiary" href={moneyPaths.planXlsx(planId)}>
              Hent som Excel
            </a>
          </p>

          <h2>Budget og forbrug pr. budgetlinje</h2>
          <Table
            caption="Budgetlinjer: budget, forbrug, afvigelse, forbrugstakt og prognose for hele perioden"
            id="finance-lines"
            columns={[
              { key: 'name', label: 'Budgetlinje' },
              { key: 'budget', label: 'Budget', numeric: true },
              { key: 'actual', label: 'Forbrug', numeric: true },
              { key: 'variance', label: 'Afvigelse', numeric: true },
              { key: 'burn', label: 'Forbrugstakt', numeric: true },
              { key: 'forecast', label: 'Prognose', numeric: true },
            ]}
            rows={[
              ...f.lines.map((l) => ({
                name: (
                  <>
                    {l.name}
                    <br />
                    <span class="form-hint">
                      {l.kind === 'activity' && l.activityTitle ? `Aktivitet: ${l.activityTitle}` : lineKindLabels[l.kind]}
                    </span>
                  </>
                ),
                budget: formatKr(l.figures.budgetOre),
                actual: formatKr(l.figures.actualOre),
                variance: <Variance ore={l.figures.varianceOre} />,
                burn: pct(l.figures.burnRateBp),
                forecast: formatKr(l.figures.forecastOre),
              })),
              {
                name: <strong>I alt</strong>,
                budget: <strong>{formatKr(t.budgetOre)}</strong>,
                actual: <strong>{formatKr(t.actualOre)}</strong>,
                variance: (
                  <strong>
                    <Variance ore={t.varianceOre} />
                  </strong>
                ),
                burn: <strong>{pct(t.burnRateBp)}</strong>,
                forecast: <strong>{formatKr(t.forecastOre)}</strong>,
              },
            ]}
          />
          <h2>Pr. år</h2>
          <BudgetActualChart label="Budget og forbrug pr. år" rows={f.years.map((y) => ({ label: String(y), ...t.perYear[y]! }))} />
          <Table
            caption="Budget, forbrug og afvigelse pr. år"
            id="finance-years"
            columns={[
              { key: 'year', label: 'År' },
              { key: 'budget', label: 'Budget', numeric: true },
              { key: 'actual', label: 'Forbrug', numeric: true },
              { key: 'variance', label: 'Afvigelse', numeric: true },
            ]}
            rows={f.years.map((y) => ({
              year: String(y),
              budget: formatKr(t.perYear[y]!.budgetOre),
              actual: formatKr(t.perYear[y]!.actualOre),
              variance: <Variance ore={t.perYear[y]!.varianceOre} />,
            }))}
          />
          <Table
            caption="Budgetlinjer pr. år (budget / forbrug)"
            compact
            columns={[{ key: 'name', label: 'Budgetlinje' }, ...f.years.map((y) => ({ key: `y${y}`, label: String(y), numeric: true }))]}
            rows={f.lines.map((l) => ({
              name: l.name,
              ...Object.fromEntries(
                f.years.map((y) => [`y${y}`, `${formatKr(l.perYear[y]!.budgetOre)} / ${formatKr(l.perYear[y]!.actualOre)}`]),
              ),
            }))}
          />
          <details class="details">
            <summary class="details-summary">
              <span class="details-summary-text">Sådan beregnes afvigelse, forbrugstakt og prognose</span>
            </summary>
            <div class="details-text">
              <p>{forecastRuleText}</p>
            </div>
          </details>

          <h2>Finansiering</h2>
          <ShareBar label="Finansieringskilder" parts={f.funders.map((x) => ({ label: x.name, amountOre: x.amountOre }))} />
          <Table
            caption="Finansieringskilder og deres andel af rammen"
            id="finance-funders"
            columns={[
              { key: 'name', label: 'Finansieringskilde' },
              { key: 'kind', label: 'Type' },
              { key: 'amount', label: 'Beløb', numeric: true },
              { key: 'share', label: 'Andel', numeric: true },
            ]}
            rows={f.funders.map((x) => ({
              name: x.name,
              kind: funderKindLabels[x.kind],
              amount: formatKr(x.amountOre),
              share: pct(x.shareBp),
            }))}
          />
          {f.violations.length === 0 ? (
            <p>
              Reglerne for finansiering er overholdt: budgetlinjerne og finansieringen summer begge til rammen; Landsbyggefonden betaler{' '}
              {formatKr(lbf)} (højst {f.limits.lbfMaxPct} % i perioden), den lokale medfinansiering er {formatKr(local)} (mindst{' '}
              {f.limits.localMinPct} %). Andele er afrundet til to decimaler.
              {f.limits.municipalMaxPct !== undefined && <> {municipalCapText(Math.round(f.limits.municipalMaxPct * 100))}.</>}
              {f.municipalSplit && (
                <>
                  {' '}
                  Kommunens andel: kontraktstyret arbejde {formatKr(f.municipalSplit.contractedOre)} og facilitering{' '}
                  {formatKr(f.municipalSplit.facilitationOre)}
                </>
              )}
            </p>
          ) : (
            <Alert kind="warning" heading="Budgettet overholder ikke reglerne for finansiering">
              <ul>
                {f.violations.map((v) => (
                  <li>{v.message}</li>
                ))}
              </ul>
            </Alert>
          )}
        </>
      )}
    </>,
  );
}
