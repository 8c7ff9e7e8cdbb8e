import { z } from 'zod';
import { type ChangeKind, changeKinds, type Edit } from '../domain/changes/edits.ts';
import { type FunderKind, funderKindLabels, type LineKind, lineKindLabels } from '../domain/money/budget.ts';
import { date, decimal, id, ids, isCleanText, optionalDate, optionalId, optionalText, ore, text } from './fields.ts';

/**
 * R3 — the input contract of "propose a change": one zod schema, used by the proposal form (through its adapter in
 * `web/changes/propose.tsx`) and by `POST /api/v1/plans/{id}/change-requests`. That the ids inside the edits belong
 * to the plan is checked by the service, which alone can read the plan.
 */

/** A value the edit was proposed against (`before`): read from the plan, so any stored text, but storable as JSON. */
const storedText = z
  .string()
  .max(50_000)
  .refine((s) => isCleanText(s, true), { error: 'Teksten indeholder ugyldige tegn.' });

const activityFields = z.object({
  title: text('aktivitetens navn'),
  description: optionalText('beskrivelsen', { max: 4000 }),
  targetGroup: optionalText('målgruppen', { max: 200 }),
  startsOn: optionalDate('startdatoen'),
  endsOn: optionalDate('slutdatoen'),
});
const activityBefore = z.object({
  title: storedText,
  description: storedText,
  targetGroup: storedText,
  startsOn: date('startdatoen').nullable(),
  endsOn: date('slutdatoen').nullable(),
});

export const updateActivityEdit = z.object({
  op: z.literal('updateActivity'),
  activityId: id('aktiviteten'),
  before: activityBefore,
  after: activityFields,
});
export const addActivityEdit = z.object({
  op: z.literal('addActivity'),
  subAgreementId: id('en delaftale'),
  activity: activityFields,
  goalIds: ids('målene'),
  responsibleOrganisationId: optionalId('den ansvarlige boligorganisation'),
});
export const endActivityEdit = z.object({
  op: z.literal('endActivity'),
  activityId: id('en aktivitet'),
  before: z.object({ status: z.string().max(50), endsOn: date('slutdatoen').nullable() }),
  after: z.object({ status: z.enum(['ended', 'cancelled'], { error: 'Vælg, hvordan aktiviteten slutter.' }), endsOn: date('slutdatoen') }),
});
export const moveBudgetEdit = z.object({
  op: z.literal('moveBudget'),
  fromLineId: id('den linje, der flyttes fra'),
  toLineId: id('den linje, der flyttes til'),
  year: z
    .number({ error: 'Vælg et år i planens periode.' })
    .int({ error: 'Vælg et år i planens periode.' })
    .min(1900, { error: 'Vælg et år i planens periode.' })
    .max(2200, { error: 'Vælg et år i planens periode.' }),
  amountOre: ore('beløbet', { positive: true }),
  before: z.object({ fromOre: ore('beløbet før'), toOre: ore('beløbet før') }),
});
const lineKinds = Object.keys(lineKindLabels) as [LineKind, ...LineKind[]];
const funderKinds = Object.keys(funderKindLabels) as [FunderKind, ...FunderKind[]];
const notNegative = (what: string) => ore(what).refine((v) => v >= 0, { error: 'Beløbet må ikke være negativt.' });
const planYear = z
  .number({ error: 'Vælg et år i planens periode.' })
  .int({ error: 'Vælg et år i planens periode.' })
  .min(1900, { error: 'Vælg et år i planens periode.' })
  .max(2200, { error: 'Vælg et år i planens periode.' });

/** R1 — a funder as the request names it (kind, name, the housing organisation for kind «organisation», amount). */
const funderAmount = z.object({
  kind: z.enum(funderKinds, { error: 'Vælg finansieringskildens type.' }),
  name: text('finansieringskildens navn', { max: 200 }),
  organisationId: optionalId('boligorganisationen'),
  amountOre: notNegative('finansieringskildens beløb'),
});
/** The frame the edit was proposed against (read from the plan: any stored name). */
const funderBefore = funderAmount.extend({ name: storedText });

/** R1, R8 — a new frame with its funders (a plan without a budget gets one: `before` is frame 0 and no funders). */
export const changeFrameEdit = z.object({
  op: z.literal('changeFrame'),
  before: z.object({ frameOre: notNegative('rammen før'), funders: z.array(funderBefore).max(50) }),
  after: z.object({
    frameOre: ore('planens samlede ramme', { positive: true }),
    funders: z
      .array(funderAmount, { error: 'Rammen skal have mindst én finansieringskilde.' })
      .min(1, { error: 'Rammen skal have mindst én finansieringskilde.' })
      .max(50),
  }),
});
/** R1 — a new budget line with its amounts per year of the plan. */
export const addBudgetLineEdit = z.object({
  op: z.literal('addBudgetLine'),
  line: z.object({
    name: text('budgetlinjens navn', { max: 200 }),
    kind: z.enum(lineKinds, { error: 'Vælg linjens type.' }),
    activityId: optionalId('aktiviteten'),
  }),
  amounts: z
    .array(z.object({ year: planYear, amountOre: notNegative('beløbet i året') }), { error: 'Skriv beløbene for linjen.' })
    .min(1, { error: 'Skriv beløbene for linjen.' })
    .max(50),
});
/** R1 — a year of the plan that has no budget yet, with an amount per existing line. */
export const addBudgetYearEdit = z.object({
  op: z.literal('addBudgetYear'),
  year: planYear,
  amounts: z
    .array(z.object({ lineId: id('budgetlinjen'), amountOre: notNegative('beløbet på linjen') }), { error: 'Skriv beløbene for året.' })
    .min(1, { error: 'Skriv beløbene for året.' })
    .max(200),
  before: z.object({ yearOre: notNegative('årets budget før') }),
});

/** R1 — a budget line's amount in a year, raised or lowered (a smaller frame needs smaller lines). */
export const setLineAmountEdit = z.object({
  op: z.literal('setLineAmount'),
  lineId: id('budgetlinjen'),
  year: planYear,
  before: z.object({ amountOre: notNegative('beløbet før') }),
  after: z.object({ amountOre: notNegative('det nye beløb') }),
});

export const updateGoalEdit = z.object({
  op: z.literal('updateGoal'),
  goalId: id('et mål'),
  before: z.object({ title: storedText, description: storedText }),
  after: z.object({ title: text('målets navn'), description: optionalText('beskrivelsen', { max: 4000 }) }),
});
export const updateCriterionEdit = z.object({
  op: z.literal('updateCriterion'),
  criterionId: id('et succeskriterium'),
  before: z.object({ targetValue: z.number(), targetDate: date('måldatoen') }),
  after: z.object({ targetValue: decimal('målværdien'), targetDate: date('måldatoen') }),
});
export const updateContingencyEdit = z.object({
  op: z.literal('updateContingency'),
  before: z.object({ steps: storedText, policeCooperation: storedText }),
  after: z.object({
    steps: text('trinene', { max: 8000 }),
    policeCooperation: optionalText('samarbejdet med politiet', { max: 4000 }),
    lastReviewed: date('datoen for seneste gennemgang'),
  }),
});

/** One structured edit, with the values it was proposed against (`before`). */
export const editContract = z.discriminatedUnion(
  'op',
  [
    updateActivityEdit,
    addActivityEdit,
    endActivityEdit,
    moveBudgetEdit,
    changeFrameEdit,
    addBudgetLineEdit,
    addBudgetYearEdit,
    setLineAmountEdit,
    updateGoalEdit,
    updateCriterionEdit,
    updateContingencyEdit,
  ],
  {
    error: 'Ændringen har en ukendt type.',
  },
);

/** The list of edits of a proposal (the API names the edit schema for its OpenAPI document, so it passes it in). */
export const editList = <E extends z.ZodType>(edit: E) =>
  z
    .array(edit, { error: 'Ændringsanmodningen skal indeholde mindst én ændring.' })
    .min(1, { error: 'Ændringsanmodningen skal indeholde mindst én ændring.' })
    .max(100, { error: 'Højst 100 ændringer i én anmodning.' });

const kinds = Object.keys(changeKinds) as [ChangeKind, ...ChangeKind[]];

/** R3 — a proposed change: its kind, a title, the justification and the structured edits. */
export const proposalContract = z.object({
  kind: z.enum(kinds, { error: 'Vælg, hvad du vil ændre.' }),
  title: text('overskriften', { max: 200 }),
  justification: text('begrundelsen', { max: 4000 }),
  edits: editList(editContract),
});
export type ProposalContract = z.output<typeof proposalContract>;

/** R10–R12 — send to the competent body: on its next meeting, or a written procedure with a deadline. */
export const submitContract = z.object({
  mode: z.enum(['meeting', 'written'], { error: 'Vælg, hvordan bestyrelsen skal behandle anmodningen.' }),
  writtenDeadline: optionalDate('fristen for den skriftlige behandling'),
});

/**
 * R11 — a party organisation's answer (approve, reject or abstain), with a reason (and the meeting, when given at one);
 * a member who represents more than one party organisation on the body names the one they answer for.
 */
export const decisionContract = z.object({
  note: optionalText('bemærkningen', { max: 4000 }),
  meetingId: optionalId('mødet'),
  organisationId: optionalId('boligorganisationen'),
});

/** R6 — Landsbyggefonden's approval of a changed strategic agreement. */
export const lbfApprovalContract = z.object({
  decisionDate: date('datoen for Landsbyggefondens godkendelse'),
  reference: text('Landsbyggefondens reference (sagsnummer)', { max: 100 }),
});

export const withdrawContract = z.object({ reason: optionalText('begrundelsen', { max: 2000 }) });

export const commentContract = z.object({ text: text('en kommentar', { max: 4000 }) });

// The contract produces exactly the domain's edits (a compile-time check).
const _sameEdits: (e: z.output<typeof editContract>) => Edit = (e) => e;
const _everyEdit: (e: Edit) => z.output<typeof editContract> = (e) => e;
void _sameEdits;
void _everyEdit;
