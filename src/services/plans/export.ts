import { approvalChains, stateLabels } from '../../domain/plan-lifecycle.ts';
import { progressLabels } from '../../domain/plan-rules.ts';
import { activityYearLabels } from '../../domain/reports/index.ts';
import { administrationLabels } from '../../policy/actor.ts';
import { workbookBuffer } from '../excel.ts';
import { pdfTable, renderPdf } from '../pdf.ts';
import type { PlanDetail } from './read.ts';

const d = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '—');
const n = (x: number) => new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }).format(x);
const partText: Record<string, string> = { responsible: 'ansvarlig', carries_out: 'udfører', contributes: 'bidrager' };
const party = (x: { kind: string; name: string; administration: string | null }) =>
  x.kind === 'administration' && x.administration
    ? ((administrationLabels as Record<string, string>)[x.administration] ?? x.administration)
    : x.name;

/** R3 — the plan as a Danish PDF with all three governing documents. */
export function planPdf(p: PlanDetail): Promise<Buffer> {
  const content: unknown[] = [
    { text: p.name, style: 'title' },
    {
      text: `Boligsocial helhedsplan · ${stateLabels[p.state]}${p.currentVersion ? ` · version ${p.currentVersion}` : ''}`,
      style: 'muted',
    },
    {
      margin: [0, 10, 0, 0],
      ul: [
        `Bydel: ${p.district?.name ?? '—'}`,
        `Bevillingsperiode: ${p.period.code}`,
        `Periode: ${d(p.startsOn)} – ${d(p.endsOn)}`,
        `Ansvarlig boligorganisation: ${p.lead.shortName}`,
        `Parter i bevillingen: ${p.partyOrganisations.map((o) => o.shortName).join(', ')}`,
        `Boligafdelinger: ${p.estates.map((e) => e.name).join(', ')}`,
        `Godkendelse: ${approvalChains[p.approvalChain]?.label ?? p.approvalChain}`,
      ],
    },
    { toc: { title: { text: 'Indhold', style: 'h1' } } },
    { text: '1. Strategisk samarbejdsaftale', style: 'h1', tocItem: true, pageBreak: 'before' },
    ...(p.challenges.length
      ? [{ text: 'Udfordringer', style: 'h2' }, { ul: p.challenges.map((c) => `${c.title}${c.description ? ` — ${c.description}` : ''}`) }]
      : []),
    ...p.goals.flatMap((g) => [
      { text: `Mål: ${g.title}`, style: 'h2' },
      ...(g.description ? [{ text: g.description }] : []),
      pdfTable(
        ['Succeskriterium', 'Baseline', 'Mål', 'Seneste', 'Status'],
        g.criteria.map((c) => [
          `${c.indicatorName} (${c.unit || 'tal'}, skal ${c.direction === 'increase' ? 'stige' : 'falde'})`,
          `${n(c.baselineValue)} (${d(c.baselineDate)})`,
          `${n(c.targetValue)} (${d(c.targetDate)})`,
          c.measurements.at(-1) ? `${n(c.measurements.at(-1)!.value)} (${d(c.measurements.at(-1)!.measuredOn)})` : '—',
          progressLabels[c.status],
        ]),
        ['*', 'auto', 'auto', 'auto', 'auto'],
      ),
    ]),
    { text: '2. Delaftaler', style: 'h1', tocItem: true, pageBreak: 'before' },
    ...p.subAgreements.flatMap((s) => [
      { text: `Delaftale: ${s.focusArea}`, style: 'h2', tocItem: true, tocMargin: [12, 0, 0, 0] },
      ...(s.summary ? [{ text: s.summary }] : []),
      pdfTable(
        ['Aktivitet', 'Målgruppe', 'Periode', 'Parter og roller'],
        s.activities.map((a) => [
          `${a.title}${a.description ? `\n${a.description}` : ''}`,
          a.targetGroup || '—',
          a.startsOn ? `${d(a.startsOn)} – ${d(a.endsOn)}` : '—',
          a.parties.map((x) => `${party(x)} (${partText[x.part]})`).join('\n'),
        ]),
        ['*', 'auto', 'auto', '*'],
      ),
    ]),
    { text: '3. Beredskabsplan', style: 'h1', tocItem: true, pageBreak: 'before' },
    ...(p.contingency
      ? [
          { text: 'Trin ved akut uro', style: 'h2' },
          { text: p.contingency.steps || '—' },
          { text: 'Samarbejde med politiet', style: 'h2' },
          { text: p.contingency.policeCooperation || '—' },
          { text: `Sidst gennemgået: ${d(p.contingency.lastReviewed)}`, margin: [0, 8, 0, 0] },
          ...(p.contingency.contacts
            ? [
                { text: 'Kaldeliste', style: 'h2' },
                pdfTable(
                  ['Nr.', 'Rolle', 'Organisation', 'Navn', 'Telefon'],
                  p.contingency.contacts.map((c) => [c.callOrder, c.role, c.organisation, c.name, c.phone]),
                  ['auto', '*', '*', '*', 'auto'],
                ),
              ]
            : [{ text: 'Kaldelistens kontaktoplysninger er udeladt (personoplysninger).', style: 'muted' }]),
        ]
      : [{ text: 'Planen har ingen beredskabsplan endnu.' }]),
  ];
  return renderPdf(p.name, content, { subject: 'Boligsocial helhedsplan' });
}

/** The plan's goals, success criteria, measurements and activities as an Excel workbook. */
export function planWorkbook(p: PlanDetail): Promise<Buffer> {
  return workbookBuffer([
    {
      name: 'Mål',
      columns: [
        { header: 'Mål', key: 'goal', width: 40 },
        { header: 'Succeskriterium', key: 'criterion', width: 40 },
        { header: 'Enhed', key: 'unit', width: 10 },
        { header: 'Retning', key: 'direction', width: 10 },
        { header: 'Baseline', key: 'baseline', width: 12 },
        { header: 'Baselinedato', key: 'baselineDate', width: 14 },
        { header: 'Mål', key: 'target', width: 12 },
        { header: 'Måldato', key: 'targetDate', width: 14 },
        { header: 'Status', key: 'status', width: 16 },
      ],
      rows: p.goals.flatMap((g) =>
        (g.criteria.length ? g.criteria : [null]).map((c) => ({
          goal: g.title,
          criterion: c?.indicatorName ?? '',
          unit: c?.unit ?? '',
          direction: c ? (c.direction === 'increase' ? 'stige' : 'falde') : '',
          baseline: c?.baselineValue ?? null,
          baselineDate: c?.baselineDate ?? '',
          target: c?.targetValue ?? null,
          targetDate: c?.targetDate ?? '',
          status: c ? progressLabels[c.status] : '',
        })),
      ),
    },
    {
      name: 'Målinger',
      columns: [
        { header: 'Succeskriterium', key: 'criterion', width: 40 },
        { header: 'Dato', key: 'date', width: 14 },
        { header: 'Værdi', key: 'value', width: 12 },
        { header: 'Kilde', key: 'source', width: 30 },
      ],
      rows: p.goals.flatMap((g) =>
        g.criteria.flatMap((c) =>
          c.measurements.map((m) => ({ criterion: c.indicatorName, date: m.measuredOn, value: m.value, source: m.source })),
        ),
      ),
    },
    {
      name: 'Aktiviteter',
      columns: [
        { header: 'Indsatsområde', key: 'focus', width: 30 },
        { header: 'Aktivitet', key: 'title', width: 40 },
        { header: 'Målgruppe', key: 'group', width: 25 },
        { header: 'Start', key: 'start', width: 12 },
        { header: 'Slut', key: 'end', width: 12 },
        { header: 'Status', key: 'status', width: 12 },
        { header: 'Ansvarlig', key: 'responsible', width: 30 },
        { header: 'Øvrige parter', key: 'others', width: 40 },
      ],
      rows: p.subAgreements.flatMap((s) =>
        s.activities.map((a) => ({
          focus: s.focusArea,
          title: a.title,
          group: a.targetGroup,
          start: a.startsOn ?? '',
          end: a.endsOn ?? '',
          status: activityYearLabels[a.status as keyof typeof activityYearLabels] ?? a.status,
          responsible: a.parties
            .filter((x) => x.part === 'responsible')
            .map(party)
            .join(', '),
          others: a.parties
            .filter((x) => x.part !== 'responsible')
            .map((x) => `${party(x)} (${partText[x.part]})`)
            .join(', '),
        })),
      ),
    },
  ]);
}
