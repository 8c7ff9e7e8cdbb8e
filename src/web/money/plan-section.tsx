import type { Context } from 'hono';
import { can } from '../../policy/index.ts';
import { budgetSubject, budgetAbilities } from '../../services/money/access.ts';
import { planFinance, getPlanFinance } from '../../services/money/index.ts';
import { today } from '../../services/context.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatKr } from '../format.ts';
import { SummaryList } from '../registry/shared.tsx';
import { moneyPaths } from './paths.ts';
import { OutlookTag, pct, Variance } from './shared.tsx';

/** The economy summary on the plan page: frame, spent, variance and forecast, with a link to the details (R1). */
export async function planMoneySection(c: Context<AppEnv>, planId: number) {
  const ctx = c.get('ctx');
  if (!(await budgetAbilities(ctx, planId)).read) return null;
  const f = await getPlanFinance(ctx, planId);
  return (
    <section aria-labelledby="plan-economy" id="plan-economy-section">
      <h2 id="plan-economy">Økonomi</h2>
      {!f.hasBudget ? (
        <p>
          Planen har intet budget endnu. <a href={moneyPaths.plan(planId)}>Gå til økonomien</a>
        </p>
      ) : (
        <>
          <SummaryList
            items={[
              ['Samlet ramme', formatKr(f.frameOre)],
              ['Forbrug', `${formatKr(f.totals.actualOre)} (${pct(f.totals.spentBp)})`],
              ['Afvigelse (budget − forbrug)', <Variance ore={f.totals.varianceOre} />],
              [
                'Prognose ved planens slut',
                <>
                  {formatKr(f.totals.forecastOre)} <OutlookTag figures={f.totals} />
                </>,
              ],
            ]}
          />
          <p>
            <a href={moneyPaths.plan(planId)}>Se budget, finansiering og regnskab</a>
          </p>
        </>
      )}
    </section>
  );
}
