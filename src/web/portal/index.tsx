import type { DashboardSection } from '../../app-env.ts';
import { financeOverview } from '../../services/money/overview.ts';
import { BarChart, millions } from '../components/chart.tsx';
import { Table } from '../components/index.ts';
import { formatKr } from '../format.ts';

/** How many plans the front page's chart and table show (the largest frames first). */
export const PORTAL_PLANS = 12;

/** The funders' colours (dkfds blue, green, brown, grey: distinct without relying on colour alone — the table says it). */
const funders = [
  { key: 'lbfOre', name: 'Landsbyggefonden', colour: '#004993' },
  { key: 'municipalityOre', name: 'Kommunen', colour: '#008139' },
  { key: 'organisationsOre', name: 'Boligorganisationer', colour: '#a35200' },
  { key: 'otherOre', name: 'Andre', colour: '#6f6f6f' },
] as const;

/**
 * The public portal on the front page: where the money in the plans comes from, plan by plan, and the city's
 * budget and spending by year — SVG drawn on the server (works without JavaScript and in print), each chart
 * followed by a table with the exact amounts. Shows only the plans the visitor may see.
 */
export const portalDashboard: DashboardSection = {
  order: 80,
  render: async (ctx) => {
    const o = await financeOverview(ctx);
    const withFrame = o.plans.filter((p) => p.frameOre > 0);
    if (!withFrame.length) return null;
    // The largest plans: a chart of every plan in the country would be metres long (and the page hundreds of KB).
    const plans = [...withFrame].sort((a, b) => b.frameOre - a.frameOre || a.name.localeCompare(b.name, 'da')).slice(0, PORTAL_PLANS);
    const years = o.years.filter((y) => y.budgetOre > 0 || y.actualOre > 0);
    return (
      <section aria-labelledby="portal-heading" class="portal">
        <h2 id="portal-heading">Planerne i tal</h2>
        <p>
          {withFrame.length} helhedsplaner med en samlet ramme på {millions(o.totals.frameOre)}, heraf er {millions(o.totals.actualOre)}{' '}
          brugt.
        </p>
        <h3 id="portal-frames">
          {plans.length < withFrame.length ? `De ${plans.length} største planers ramme` : 'Ramme pr. plan'} fordelt på finansieringskilde
        </h3>
        {plans.length < withFrame.length && (
          <p id="portal-frames-more">
            Diagrammet viser de {plans.length} planer med den største ramme af {withFrame.length}.{' '}
            <a href="/oekonomi">Se alle planers økonomi</a>
          </p>
        )}
        <BarChart
          id="chart-frames"
          title="Ramme pr. plan fordelt på finansieringskilde"
          description="Vandrette søjler, én pr. plan, delt efter Landsbyggefonden, kommunen, boligorganisationerne og andre. Tallene står i tabellen under diagrammet."
          rows={plans.map((p) => ({ label: p.name, segments: funders.map((f) => ({ name: f.name, colour: f.colour, value: p[f.key] })) }))}
        />
        <details class="details">
          <summary class="details-summary">Tabel: ramme pr. plan og finansieringskilde</summary>
          <div class="details-text">
            <Table
              id="portal-frames-table"
              caption="Ramme pr. plan fordelt på finansieringskilde"
              columns={[
                { key: 'name', label: 'Plan' },
                ...funders.map((f) => ({ key: f.key, label: f.name, numeric: true })),
                { key: 'frame', label: 'Ramme', numeric: true },
              ]}
              rows={plans.map((p) => ({
                name: <a href={`/planer/${p.id}`}>{p.name}</a>,
                ...Object.fromEntries(funders.map((f) => [f.key, formatKr(p[f.key])])),
                frame: formatKr(p.frameOre),
              }))}
            />
          </div>
        </details>
        {years.length > 0 && (
          <>
            <h3>Budget og forbrug pr. år</h3>
            <BarChart
              id="chart-years"
              title="Budget og forbrug pr. år for alle planerne"
              description="To søjler pr. år: budgettet og forbruget. Tallene står i tabellen under diagrammet."
              rows={years.flatMap((y) => [
                { label: `${y.year} budget`, segments: [{ name: 'Budget', value: y.budgetOre, colour: '#004993' }] },
                { label: `${y.year} forbrug`, segments: [{ name: 'Forbrug', value: y.actualOre, colour: '#008139' }] },
              ])}
            />
            <details class="details">
              <summary class="details-summary">Tabel: budget og forbrug pr. år</summary>
              <div class="details-text">
                <Table
                  id="portal-years-table"
                  caption="Budget og forbrug pr. år"
                  columns={[
                    { key: 'year', label: 'År' },
                    { key: 'budget', label: 'Budget', numeric: true },
                    { key: 'actual', label: 'Forbrug', numeric: true },
                  ]}
                  rows={years.map((y) => ({ year: String(y.year), budget: formatKr(y.budgetOre), actual: formatKr(y.actualOre) }))}
                />
              </div>
            </details>
          </>
        )}
      </section>
    );
  },
};
