import { planStates, stateLabels } from '../../domain/plan-lifecycle.ts';
import type { ServiceContext } from '../../services/context.ts';
import { planStateCounts } from '../../services/plans/options.ts';
import { Table } from '../components/index.ts';
import { formatNumber } from '../format.ts';
import { withQuery } from '../paths.ts';

/** The front page's plan overview: how many plans in each state, as far as the user may see. */
export async function plansDashboard(ctx: ServiceContext) {
  const counts = await planStateCounts(ctx);
  return (
    <section>
      <h2>Helhedsplaner</h2>
      <Table
        caption="Planer efter status"
        columns={[
          { key: 'state', label: 'Status' },
          { key: 'n', label: 'Antal', numeric: true },
        ]}
        rows={planStates
          .filter((s) => counts.get(s))
          .map((s) => ({ state: <a href={withQuery('/planer', { state: s })}>{stateLabels[s]}</a>, n: formatNumber(counts.get(s) ?? 0) }))}
        empty="Ingen planer endnu."
      />
    </section>
  );
}
