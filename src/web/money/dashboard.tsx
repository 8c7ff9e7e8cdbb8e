import type { ServiceContext } from '../../services/context.ts';
import { financeTotals, poolOverview } from '../../services/money/index.ts';
import { Table } from '../components/index.ts';
import { formatKr } from '../format.ts';
import { moneyPaths } from './paths.ts';

/** The front page's economy: frame and spending of the visible plans, and what is left in the pool (R8). */
export async function moneyDashboard(ctx: ServiceContext) {
  const [totals, p] = await Promise.all([financeTotals(ctx), poolOverview(ctx)]);
  const o = { totals };
  return (
    <section>
      <h2>Økonomi</h2>
      <Table
        caption="Økonomi i alt"
        columns={[
          { key: 'what', label: 'Post' },
          { key: 'amount', label: 'Beløb', numeric: true },
        ]}
        rows={[
          { what: <a href={moneyPaths.overview()}>Planernes samlede ramme</a>, amount: formatKr(o.totals.frameOre) },
          { what: 'Forbrug', amount: formatKr(o.totals.actualOre) },
          { what: <a href={moneyPaths.pool()}>Tilbage i puljen til kommunal medfinansiering</a>, amount: formatKr(p.balanceOre) },
        ]}
      />
    </section>
  );
}
