import { z } from 'zod';
import { type FunderKind, funderKindLabels, type LineKind, lineKindLabels } from '../domain/money/budget.ts';
import { date, id, optionalDate, optionalId, optionalText, ore, text } from './fields.ts';

/**
 * R1, R7, R8 — the input contracts of the money use cases, used by the money pages (through adapters that read
 * amounts in kroner) and by `api/money.ts`.
 */

const lineKinds = Object.keys(lineKindLabels) as [LineKind, ...LineKind[]];
const funderKinds = Object.keys(funderKindLabels) as [FunderKind, ...FunderKind[]];
const notNegative = (what: string) => ore(what).refine((v) => v >= 0, { error: 'Beløbet må ikke være negativt.' });
const budgetYear = z
  .number({ error: 'Vælg et år i planens periode.' })
  .int()
  .min(2000, { error: 'Vælg et år i planens periode.' })
  .max(2100, { error: 'Vælg et år i planens periode.' });

/** R1 — a plan's whole budget: the frame, the lines with an amount per year, and who funds it. */
export const budgetContract = z.object({
  frameOre: notNegative('planens samlede ramme'),
  note: optionalText('bemærkningerne', { max: 4000 }),
  lines: z
    .array(
      z.object({
        id: optionalId('budgetlinjen'),
        name: text('budgetlinjens navn'),
        kind: z.enum(lineKinds, { error: 'Vælg linjens type.' }),
        activityId: optionalId('aktiviteten'),
        perYear: z.record(z.string().regex(/^\d{4}$/, { error: 'Året skal skrives med fire cifre.' }), notNegative('beløbet i året')),
      }),
      { error: 'Budgettet skal have mindst én budgetlinje.' },
    )
    .min(1, { error: 'Budgettet skal have mindst én budgetlinje.' })
    .max(200),
  funders: z
    .array(
      z.object({
        id: optionalId('finansieringskilden'),
        kind: z.enum(funderKinds, { error: 'Vælg finansieringskildens type.' }),
        name: text('finansieringskildens navn'),
        organisationId: optionalId('boligorganisationen'),
        amountOre: notNegative('finansieringskildens beløb'),
      }),
      { error: 'Budgettet skal have mindst én finansieringskilde.' },
    )
    .min(1, { error: 'Budgettet skal have mindst én finansieringskilde.' })
    .max(50),
});

/** R7 — one posting in the accounts; a negative amount is a credit. */
export const entryContract = z.object({
  lineId: id('budgetlinjen'),
  year: budgetYear,
  amountOre: ore('beløbet').refine((v) => v !== 0, { error: 'Beløbet må ikke være 0.' }),
  bookedOn: optionalDate('datoen'),
  text: optionalText('teksten', { max: 500 }),
});

/** R8 — a deposit into, allocation from or release back to the pool. */
export const poolEntryContract = z.object({
  kind: z.enum(['deposit', 'allocation', 'release'], { error: 'Vælg typen af postering.' }),
  amountOre: ore('beløbet', { positive: true }),
  planId: optionalId('planen'),
  decision: text('beslutningen', { max: 200 }),
  decidedOn: date('beslutningsdatoen'),
  note: optionalText('bemærkningen', { max: 2000 }),
});
