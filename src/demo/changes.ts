import type { ServiceHooks } from '../services/context.ts';
import type { Db, Trx } from '../db/database.ts';
import { actorFor } from '../services/accounts.ts';
import type { ServiceContext } from '../services/context.ts';
import { decideChange, proposeChange, submitChange } from '../services/changes/requests.ts';
import { planFinance } from '../services/money/index.ts';

/**
 * Demo change requests (R3, R11, R12), made through the same use cases as the pages: on Bispebjerg-Nordvest
 * a budget reallocation decided by the district board (a party member) and applied as version 2; on
 * Urbanplanen, whose competence was moved to the city board (R12), an activity change waiting for a
 * written decision.
 */
export async function loadDemoChanges(trx: Trx, hooks: ServiceHooks): Promise<void> {
  const as = async (email: string): Promise<ServiceContext> => {
    const u = await trx.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const actor = await actorFor(trx, u.id, true);
    return { db: trx as unknown as Db, actor: actor!, now: () => new Date(), hooks };
  };
  const plan = (name: string) =>
    trx.selectFrom('plan').select('id').where('name', '=', name).where('state', '=', 'active').executeTakeFirst();

  const nordvest = await plan('Helhedsplan Bispebjerg-Nordvest');
  if (nordvest) {
    const finance = await planFinance(trx, nordvest.id);
    const [from, to] = finance.lines.filter((l) => l.kind === 'activity');
    const year = finance.years.at(-1)!;
    if (from && to) {
      const fsb = await as('fsb@demo.test');
      const amountOre = 15_000_000;
      const id = await proposeChange(fsb, nordvest.id, {
        kind: 'budget_reallocation',
        title: `Flere midler til ${to.name} i ${year}`,
        justification: 'Stor efterspørgsel; den anden aktivitet bruger mindre end budgetteret.',
        edits: [
          {
            op: 'moveBudget',
            fromLineId: from.id,
            toLineId: to.id,
            year,
            amountOre,
            before: { fromOre: from.perYear[year]!.budgetOre, toOre: to.perYear[year]!.budgetOre },
          },
        ],
      });
      await submitChange(fsb, id, 1, {
        mode: 'written',
        writtenDeadline: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
      });
      await decideChange(fsb, id, 2, 'approve', { note: 'Godkendt ved skriftlig behandling.' });
    }
  }

  const urban = await plan('Helhedsplan Urbanplanen');
  if (urban) {
    const a = await trx
      .selectFrom('activity')
      .select(['id', 'title', 'description', 'target_group', 'starts_on', 'ends_on'])
      .where('plan_id', '=', urban.id)
      .orderBy('id')
      .executeTakeFirst();
    if (a) {
      const kab = await as('kab@demo.test');
      const before = { title: a.title, description: a.description, targetGroup: a.target_group, startsOn: a.starts_on, endsOn: a.ends_on };
      const id = await proposeChange(kab, urban.id, {
        kind: 'activity_content',
        title: `${a.title}: også for unge over 18`,
        justification: 'Beboerne efterspørger tilbuddet for unge, der har forladt folkeskolen.',
        edits: [
          {
            op: 'updateActivity',
            activityId: a.id,
            before,
            after: { ...before, targetGroup: `${a.target_group || 'Børn og unge'} samt unge 18–24 år` },
          },
        ],
      });
      await submitChange(kab, id, 1, {
        mode: 'written',
        writtenDeadline: new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10),
      });
    }
  }
}
