import { contractThemes, fieldLabels } from '../../domain/cooperation/index.ts';
import { type PdfContent, pdfTable, renderPdf } from '../pdf.ts';
import type { ServiceContext } from '../context.ts';
import { getContract } from './contracts.ts';

const date = (d: string | null) => (d ? d.split('-').reverse().join('.') : '—');

/** R17 — the contract as a PDF: facts, goals per theme with roles and success criteria, the activities behind them, versions. */
export async function contractPdf(ctx: ServiceContext, id: number): Promise<{ pdf: Buffer; name: string }> {
  const c = await getContract(ctx, id);
  const content: PdfContent[] = [
    { text: c.title, style: 'title' },
    pdfTable(
      ['', ''],
      [
        ['Udsat byområde', c.areaName],
        ['Forum/bestyrelse', c.bodyName ?? '—'],
        ['Status', c.statusLabel],
        ['Politisk godkendt', c.approvedOn ? `${date(c.approvedOn)}${c.approvalReference ? `, ${c.approvalReference}` : ''}` : '—'],
        ['Gældende version', c.currentVersion ? String(c.currentVersion) : 'Udkast'],
        ...(c.isDemo ? [['Bemærk', 'Demodata (opdigtet)']] : c.source ? [['Kilde', c.source]] : []),
      ],
      [140, '*'],
    ),
  ];
  for (const theme of contractThemes) {
    const goals = c.goals.filter((g) => g.theme === theme);
    if (!goals.length) continue;
    content.push({ text: theme, style: 'h1' });
    for (const g of goals) {
      content.push({ text: g.title, style: 'h2' });
      if (g.description) content.push({ text: g.description });
      content.push(
        pdfTable(
          ['Part', 'Rolle og ansvar'],
          g.roles.map((r) => [r.party, r.responsibility]),
          [120, '*'],
        ),
      );
      content.push({ text: `Succeskriterier: ${g.successCriteria || '—'}` });
      if (g.activities.length)
        content.push(
          pdfTable(
            ['Plan', 'Aktivitet'],
            g.activities.map((a) => [a.planName, a.title]),
            [180, '*'],
          ),
        );
    }
  }
  content.push({ text: 'Versioner', style: 'h1' });
  content.push(
    pdfTable(
      ['Version', 'Besluttet', 'Hvor', 'Ændringer'],
      c.versions.map((v) => [
        v.number,
        date(v.decidedOn),
        v.kind === 'approval' ? `Politisk godkendt${v.reference ? ` (${v.reference})` : ''}` : (v.meeting?.bodyName ?? '—'),
        v.kind === 'approval'
          ? 'Første version'
          : v.diff.goals.map((d) => `${d.title}: ${d.changes.map((x) => fieldLabels[x.field]).join(', ')}`).join('; '),
      ]),
      [50, 70, 140, '*'],
    ),
  );
  const pdf = await renderPdf(c.title, content, { subject: `Kontrakt om boligsocialt samarbejde — ${c.areaName}` });
  return { pdf, name: `kontrakt-${c.areaName.toLowerCase().replace(/[^a-z0-9æøå]+/g, '-')}.pdf` };
}
