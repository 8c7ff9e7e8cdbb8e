import type { ServiceHooks } from '../services/context.ts';
import type { Db, Trx } from '../db/database.ts';
import { actorFor } from '../services/accounts.ts';
import type { ServiceContext } from '../services/context.ts';
import { recordVerdicts, saveNarrative, transitionReport } from '../services/reports/reports.ts';

/**
 * Demo yearly reports (R6, R7, R10), made through the same use cases as the pages: Mjølnerparken's 2024 and
 * 2025 reports written by the project leader, approved and submitted by Bo-Vita (its housing organisation), acknowledged by LBF, with the
 * Nørrebro board's verdict on 2024; its 2026 report a draft. Other plans' earlier reports are missing, so the
 * overview shows late ones. Each report carries a (demo) milestone plan for the next year.
 */
export async function loadDemoReports(trx: Trx, hooks: ServiceHooks): Promise<void> {
  const as = async (email: string): Promise<ServiceContext> => {
    const u = await trx.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    return { db: trx as unknown as Db, actor: (await actorFor(trx, u.id, true))!, now: () => new Date(), hooks };
  };
  const plan = await trx
    .selectFrom('plan')
    .select('id')
    .where('name', '=', 'Helhedsplan Mjølnerparken')
    .where('state', '=', 'active')
    .executeTakeFirst();
  if (!plan) return;
  const [leader, bovita, lbf, secretariat] = [
    await as('projektleder@demo.test'),
    await as('bovita@demo.test'),
    await as('lbf@demo.test'),
    await as('sekretariat@demo.test'),
  ];
  const narrative = (year: number) => ({
    results: `I ${year} kom flere unge i job og uddannelse; lektiecaféen havde fast fremmøde.`,
    challenges: 'Det er svært at nå forældre, der ikke taler dansk.',
    adjustments: 'Vi har flyttet ressourcer fra brobygning til lektiecaféen.',
    nextFocus: 'Forældresamarbejde og fritidsjob.',
    residentInvolvement: 'Beboerne har været med i styregruppen og planlagt to fællesarrangementer.',
  });
  // R6 — next year's milestone plan goes with each report.
  const milestones = (year: number) => [
    { dueOn: `${year + 1}-03-01`, description: 'Lektiecaféen udvides til to dage om ugen', responsible: 'Projektlederen' },
    { dueOn: `${year + 1}-06-15`, description: 'Fritidsjobmesse for unge 13–17 år', responsible: 'Jobkonsulenten' },
    { dueOn: `${year + 1}-10-01`, description: 'Forældrenetværket har holdt fire møder', responsible: 'Styregruppen' },
  ];
  for (const year of [2024, 2025]) {
    let v = await saveNarrative(leader, plan.id, year, 0, narrative(year), milestones(year));
    v = (await transitionReport(leader, plan.id, year, v, 'markReady')).version;
    v = (await transitionReport(bovita, plan.id, year, v, 'approve')).version;
    v = (await transitionReport(bovita, plan.id, year, v, 'submit')).version;
    v = (await transitionReport(lbf, plan.id, year, v, 'acknowledge', { lbfReference: `LBF ${year + 1}-${plan.id}` })).version;
    if (year === 2024) {
      const criteria = await trx.selectFrom('success_criterion').select('id').where('plan_id', '=', plan.id).orderBy('id').execute();
      const board = await trx.selectFrom('body').select('id').where('code', '=', 'bydel-noerrebro').executeTakeFirstOrThrow();
      const meeting = await trx
        .selectFrom('meeting')
        .select(['id', 'starts_at'])
        .where('body_id', '=', board.id)
        .where('state', '=', 'minutes_approved')
        .orderBy('starts_at', 'desc')
        .executeTakeFirst();
      if (criteria.length) {
        await recordVerdicts(secretariat, plan.id, year, v, {
          decidedOn: meeting ? meeting.starts_at.toISOString().slice(0, 10) : '2025-09-15',
          meetingId: meeting?.id ?? null,
          verdicts: criteria.map((c, i) => ({
            criterionId: c.id,
            verdict: (['met', 'partly_met', 'not_met'] as const)[i % 3]!,
            comment: i % 3 === 0 ? 'Målet er nået.' : 'Følges op i næste år.',
          })),
        });
      }
    }
  }
  await saveNarrative(leader, plan.id, 2026, 0, { results: 'Udkast: resultaterne skrives færdig i januar.' });
}
