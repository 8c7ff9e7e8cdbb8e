import type { Executor } from '../../db/database.ts';
import type { Edit } from '../../domain/changes/edits.ts';
import { kr } from '../../domain/money/amount.ts';
import { funderKindLabels, lineKindLabels } from '../../domain/money/budget.ts';

/**
 * The prefix of an audit field that carries one row of an applied change (`edit: Succeskriterium «…» – Målværdi`):
 * the history shows the rest as the field's label and the values as written.
 */
export const editField = 'edit: ';

/** One row of a change as the request page and the plan's history show it: what, which field, before → after. */
export interface EditLine {
  what: string;
  field: string;
  before: string;
  after: string;
}

const dateText = (d: string | null) => (d ? d.split('-').reverse().join('.') : '—');

/** Each edit as readable Danish before/after rows (the page shows them as a difference). */
export async function describeEdits(db: Executor, edits: Edit[]): Promise<EditLine[]> {
  const lineIds = edits.flatMap((e) =>
    e.op === 'moveBudget'
      ? [e.fromLineId, e.toLineId]
      : e.op === 'addBudgetYear'
        ? e.amounts.map((a) => a.lineId)
        : e.op === 'setLineAmount'
          ? [e.lineId]
          : [],
  );
  const lineNames = new Map<number, string>();
  if (lineIds.length)
    for (const l of await db.selectFrom('budget_line').select(['id', 'name']).where('id', 'in', lineIds).execute())
      lineNames.set(l.id, l.name);
  const criterionIds = edits.flatMap((e) => (e.op === 'updateCriterion' ? [e.criterionId] : []));
  const criterionNames = new Map<number, string>();
  if (criterionIds.length)
    for (const c of await db.selectFrom('success_criterion').select(['id', 'indicator_name']).where('id', 'in', criterionIds).execute())
      criterionNames.set(c.id, c.indicator_name);
  const criterionWhat = (id: number) => (criterionNames.has(id) ? `Succeskriterium «${criterionNames.get(id)}»` : 'Succeskriterium');
  const out: EditLine[] = [];
  for (const e of edits) {
    switch (e.op) {
      case 'updateActivity': {
        const labels = { title: 'Navn', description: 'Beskrivelse', targetGroup: 'Målgruppe', startsOn: 'Start', endsOn: 'Slut' } as const;
        for (const k of Object.keys(labels) as (keyof typeof labels)[]) {
          if (e.before[k] !== e.after[k])
            out.push({
              what: `Aktivitet «${e.before.title}»`,
              field: labels[k],
              before: k.endsWith('On') ? dateText(e.before[k]) : (e.before[k] ?? ''),
              after: k.endsWith('On') ? dateText(e.after[k]) : (e.after[k] ?? ''),
            });
        }
        break;
      }
      case 'addActivity':
        out.push({ what: 'Ny aktivitet', field: 'Navn', before: '', after: e.activity.title });
        if (e.activity.description) out.push({ what: 'Ny aktivitet', field: 'Beskrivelse', before: '', after: e.activity.description });
        out.push({
          what: 'Ny aktivitet',
          field: 'Periode',
          before: '',
          after: `${dateText(e.activity.startsOn)} – ${dateText(e.activity.endsOn)}`,
        });
        break;
      case 'endActivity':
        out.push({
          what: 'Aktivitet',
          field: 'Status',
          before: e.before.status,
          after: e.after.status === 'ended' ? 'Afsluttet' : 'Aflyst',
        });
        out.push({ what: 'Aktivitet', field: 'Slut', before: dateText(e.before.endsOn), after: dateText(e.after.endsOn) });
        break;
      case 'moveBudget': {
        const from = lineNames.get(e.fromLineId) ?? `linje ${e.fromLineId}`;
        const to = lineNames.get(e.toLineId) ?? `linje ${e.toLineId}`;
        out.push({
          what: `Budget ${e.year}: ${from}`,
          field: 'Beløb',
          before: kr(e.before.fromOre),
          after: kr(e.before.fromOre - e.amountOre),
        });
        out.push({ what: `Budget ${e.year}: ${to}`, field: 'Beløb', before: kr(e.before.toOre), after: kr(e.before.toOre + e.amountOre) });
        break;
      }
      case 'changeFrame': {
        const what = 'Ramme og finansiering';
        if (e.before.frameOre !== e.after.frameOre)
          out.push({ what, field: 'Samlet ramme', before: e.before.frameOre ? kr(e.before.frameOre) : '', after: kr(e.after.frameOre) });
        const key = (f: { kind: string; name: string; organisationId: number | null }) =>
          f.kind === 'organisation' ? `org:${f.organisationId}` : f.kind === 'other' ? `other:${f.name}` : f.kind;
        const label = (f: { kind: keyof typeof funderKindLabels; name: string }) =>
          f.kind === 'lbf' || f.kind === 'municipality' ? funderKindLabels[f.kind] : f.name;
        const before = new Map(e.before.funders.map((f) => [key(f), f]));
        const after = new Map(e.after.funders.map((f) => [key(f), f]));
        for (const k of new Set([...before.keys(), ...after.keys()])) {
          const b = before.get(k);
          const a = after.get(k);
          if (b?.amountOre === a?.amountOre) continue;
          out.push({
            what,
            field: `Finansiering: ${label((a ?? b)!)}`,
            before: b ? kr(b.amountOre) : '',
            after: a ? kr(a.amountOre) : '(fjernet)',
          });
        }
        break;
      }
      case 'addBudgetLine':
        for (const a of [...e.amounts].sort((x, y) => x.year - y.year))
          out.push({
            what: `Ny budgetlinje «${e.line.name}» (${lineKindLabels[e.line.kind].toLowerCase()})`,
            field: `Budget ${a.year}`,
            before: '',
            after: kr(a.amountOre),
          });
        break;
      case 'addBudgetYear':
        for (const a of e.amounts)
          out.push({
            what: `Budget ${e.year}: ${lineNames.get(a.lineId) ?? `linje ${a.lineId}`}`,
            field: 'Beløb',
            before: kr(0),
            after: kr(a.amountOre),
          });
        break;
      case 'setLineAmount':
        out.push({
          what: `Budget ${e.year}: ${lineNames.get(e.lineId) ?? `linje ${e.lineId}`}`,
          field: 'Beløb',
          before: kr(e.before.amountOre),
          after: kr(e.after.amountOre),
        });
        break;
      case 'updateGoal':
        if (e.before.title !== e.after.title)
          out.push({ what: `Mål «${e.before.title}»`, field: 'Mål', before: e.before.title, after: e.after.title });
        if (e.before.description !== e.after.description)
          out.push({ what: `Mål «${e.before.title}»`, field: 'Beskrivelse', before: e.before.description, after: e.after.description });
        break;
      case 'updateCriterion':
        if (e.before.targetValue !== e.after.targetValue)
          out.push({
            what: criterionWhat(e.criterionId),
            field: 'Målværdi',
            before: e.before.targetValue.toLocaleString('da-DK'),
            after: e.after.targetValue.toLocaleString('da-DK'),
          });
        if (e.before.targetDate !== e.after.targetDate)
          out.push({
            what: criterionWhat(e.criterionId),
            field: 'Måldato',
            before: dateText(e.before.targetDate),
            after: dateText(e.after.targetDate),
          });
        break;
      case 'updateContingency':
        if (e.before.steps !== e.after.steps)
          out.push({ what: 'Beredskabsplan', field: 'Trin', before: e.before.steps, after: e.after.steps });
        if (e.before.policeCooperation !== e.after.policeCooperation)
          out.push({
            what: 'Beredskabsplan',
            field: 'Samarbejde med politiet',
            before: e.before.policeCooperation,
            after: e.after.policeCooperation,
          });
        out.push({ what: 'Beredskabsplan', field: 'Sidst gennemgået', before: '', after: dateText(e.after.lastReviewed) });
        break;
    }
  }
  return out;
}
