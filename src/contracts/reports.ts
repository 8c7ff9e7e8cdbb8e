import { z } from 'zod';
import { narrativeSections, verdicts } from '../domain/reports/index.ts';
import { date, id, optionalId, optionalText, plainText, text } from './fields.ts';

/**
 * R6, R7, R10 — the input contracts of the yearly report use cases, used by the report pages and by
 * `api/reports.ts`.
 */

/** The project leader's narrative: each section a multi-line text; sections left out are unchanged. */
export const narrativeContract = z.object(
  Object.fromEntries(
    narrativeSections.map(([key, label]) => [key, plainText(label.toLowerCase(), { max: 10_000, multiline: true }).optional()]),
  ) as Record<(typeof narrativeSections)[number][0], z.ZodOptional<ReturnType<typeof plainText>>>,
);

/** R6 — one milestone of next year's milestone plan. */
export const milestoneContract = z.object({
  dueOn: date('milepælens dato'),
  description: text('milepælen', { max: 500 }),
  responsible: text('den ansvarlige', { max: 200 }),
});

/** R6 — next year's milestone plan, saved with the narrative; left out, it is unchanged. */
export const milestonePlanContract = z.array(milestoneContract).max(100, { error: 'Højst 100 milepæle.' });

/** R10 — the board's verdict per success criterion. */
export const verdictsContract = z.object({
  decidedOn: date('datoen for beslutningen'),
  meetingId: optionalId('mødet'),
  verdicts: z
    .array(
      z.object({
        criterionId: id('et succeskriterium'),
        verdict: z.enum(verdicts, { error: 'Vælg en vurdering.' }),
        comment: optionalText('kommentaren', { max: 4000 }),
      }),
      { error: 'Vurdér mindst ét succeskriterium.' },
    )
    .min(1, { error: 'Vurdér mindst ét succeskriterium.' })
    .max(500),
});

/** A step in the report's life, with its reason or LBF's reference where one is asked for. */
export const reportTransitionFields = {
  reason: plainText('begrundelsen', { max: 2000 }).optional(),
  lbfReference: plainText('Landsbyggefondens reference', { max: 100 }).optional(),
  /** R6 — why a report is submitted before its year has ended (audited). */
  earlySubmissionReason: plainText('begrundelsen for den tidlige indsendelse', { max: 2000 }).optional(),
};

const remindDays = 'Skriv et antal dage mellem 0 og 365.';

/** The deadline of a year's reports, and how many days before it reminders go out. */
export const deadlineContract = z.object({
  dueOn: date('fristen'),
  remindDays: z.number({ error: remindDays }).int({ error: remindDays }).min(0, { error: remindDays }).max(365, { error: remindDays }),
});
