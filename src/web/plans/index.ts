import { Hono } from 'hono';
import { loadDemoPlans } from '../../demo/plans.ts';
import { Forbidden, Unauthorized } from '../../errors.ts';
import { mayCreatePlan } from '../../services/plans/access.ts';
import { getPlan } from '../../services/plans/read.ts';
import { planPdf, planWorkbook } from '../../services/plans/export.ts';
import { xlsxType } from '../../services/excel.ts';
import type { AppEnv } from '../../app-env.ts';
import { idParam } from '../registry/shared.tsx';
import { planActionPages } from './actions.tsx';
import { measurementEditPage, measurementPage, saveCorrection, saveMeasurement, saveRemoval } from './measurements.tsx';
import { plansDashboard } from './dashboard.tsx';
import { editPlanForm, renderPlanForm, savePlanFrame } from './frame.tsx';
import { deleteLeader, leadersPage, saveLeader } from './leaders.tsx';
import { planListPage } from './list.tsx';
import { removeFromPlan, saveSection, sectionPage } from './sections.tsx';
import { compareVersionsPage, versionPage } from './versions.tsx';
import { editPartPage, saveEditPart } from './edit.tsx';
import { planViewPage } from './view.tsx';
import { readModel } from '../readmodel.ts';
import { logPlanContactView } from '../../services/plans/read.ts';

const fileName = (name: string) =>
  name
    .replace(/[^\wæøåÆØÅ -]/g, '')
    .replace(/\s+/g, '-')
    .slice(0, 60) || 'plan';

/** /planer — the helhedsplan pages (R1–R7). */
export function planPages() {
  const r = new Hono<AppEnv>();
  const actions = planActionPages();
  r.get('/', planListPage);
  r.get('/ny', (c) => {
    // The form is shown only to those who may submit it.
    if (c.get('actor').kind === 'anonymous') throw new Unauthorized();
    if (!mayCreatePlan(c.get('actor'))) throw new Forbidden('Planer oprettes af boligorganisationerne og sekretariatet.');
    return renderPlanForm(c, {
      title: 'Opret plan',
      action: '/planer/ny',
      estateIds: [],
      values: { approvalChain: 'committee_and_council' },
    });
  });
  r.post('/ny', (c) => savePlanFrame(c, null));
  r.get('/:id', readModel({ onHit: (c) => logPlanContactView(c.get('ctx'), idParam(c)) }), (c) => planViewPage(c, idParam(c)));
  r.get('/:id/rediger', (c) => editPlanForm(c, idParam(c)));
  r.post('/:id/rediger', (c) => savePlanFrame(c, idParam(c)));
  r.get('/:id/strategi', (c) => sectionPage(c, idParam(c), 'strategy'));
  r.post('/:id/strategi', (c) => saveSection(c, idParam(c), 'strategy'));
  r.get('/:id/delaftaler', (c) => sectionPage(c, idParam(c), 'subAgreements'));
  r.post('/:id/delaftaler', (c) => saveSection(c, idParam(c), 'subAgreements'));
  r.get('/:id/beredskab', (c) => sectionPage(c, idParam(c), 'contingency'));
  r.post('/:id/beredskab', (c) => saveSection(c, idParam(c), 'contingency'));
  r.get('/:id/ret/:kind/:part', (c) => editPartPage(c, idParam(c), c.req.param('kind'), idParam(c, 'part')));
  r.post('/:id/ret/:kind/:part', (c) => saveEditPart(c, idParam(c), c.req.param('kind'), idParam(c, 'part')));
  r.post('/:id/fjern/:kind/:part', (c) => removeFromPlan(c, idParam(c), c.req.param('kind'), idParam(c, 'part')));
  r.get('/:id/handling/:action', (c) => actions.show(c, idParam(c), c.req.param('action')));
  r.post('/:id/handling/:action', (c) => actions.save(c, idParam(c), c.req.param('action')));
  r.get('/:id/maalinger/:criterion', (c) => measurementPage(c, idParam(c), idParam(c, 'criterion')));
  r.post('/:id/maalinger/:criterion', (c) => saveMeasurement(c, idParam(c), idParam(c, 'criterion')));
  r.get('/:id/maalinger/:criterion/:m', (c) => measurementEditPage(c, idParam(c), idParam(c, 'criterion'), idParam(c, 'm')));
  r.post('/:id/maalinger/:criterion/:m', (c) => saveCorrection(c, idParam(c), idParam(c, 'criterion'), idParam(c, 'm')));
  r.post('/:id/maalinger/:criterion/:m/fjern', (c) => saveRemoval(c, idParam(c), idParam(c, 'criterion'), idParam(c, 'm')));
  r.get('/:id/projektledere', (c) => leadersPage(c, idParam(c)));
  r.post('/:id/projektledere', (c) => saveLeader(c, idParam(c)));
  r.post('/:id/projektledere/:user/fjern', (c) => deleteLeader(c, idParam(c), idParam(c, 'user')));
  r.get('/:id/versioner', (c) => compareVersionsPage(c, idParam(c)));
  r.get('/:id/versioner/:n', (c) => versionPage(c, idParam(c), idParam(c, 'n')));
  r.get('/:id/plan.pdf', async (c) => {
    const p = await getPlan(c.get('ctx'), idParam(c));
    return c.body(new Uint8Array(await planPdf(p)), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${fileName(p.name)}.pdf"`,
    });
  });
  r.get('/:id/plan.xlsx', async (c) => {
    const p = await getPlan(c.get('ctx'), idParam(c));
    return c.body(new Uint8Array(await planWorkbook(p)), 200, {
      'content-type': xlsxType,
      'content-disposition': `attachment; filename="${fileName(p.name)}.xlsx"`,
    });
  });
  return r;
}
