import { Hono } from 'hono';
import type { AppEnv, DashboardSection } from '../../app-env.ts';
import { can } from '../../policy/index.ts';
import { xlsxType } from '../../services/excel.ts';
import { dialoguePdf, partnershipDesk, targetsWorkbook } from '../../services/partnership/index.ts';
import { partnershipPaths } from './paths.ts';
import { idParam } from '../registry/shared.tsx';
import { agreementPage, agreementStep, homePage, measurementAction, targetEditAction, targetPage } from './agreement.tsx';
import { dialogueAction, dialoguePage, dialoguesPage, newDialoguePage, organisationPage, prepareAction } from './dialogue.tsx';

/** /hovedaftale — the partnership agreement with the housing sector (R19): agreement, targets, steering dialogues. */
export function partnershipPages() {
  const r = new Hono<AppEnv>();
  r.get('/', homePage);
  r.get('/aftaler/:id', (c) => agreementPage(c, idParam(c)));
  r.post('/aftaler/:id/trin', (c) => agreementStep(c, idParam(c)));
  r.get('/aftaler/:id/maal-og-tilsagn.xlsx', async (c) => {
    const f = await targetsWorkbook(c.get('ctx'), idParam(c));
    return c.body(new Uint8Array(f.xlsx), 200, { 'content-type': xlsxType, 'content-disposition': `attachment; filename="${f.name}"` });
  });
  r.get('/maal/:id', (c) => targetPage(c, idParam(c)));
  r.post('/maal/:id/maalinger', (c) => measurementAction(c, idParam(c)));
  r.post('/maal/:id/ret', (c) => targetEditAction(c, idParam(c)));
  r.get('/dialoger', dialoguesPage);
  r.get('/dialoger/ny', (c) => newDialoguePage(c));
  r.post('/dialoger/ny', prepareAction);
  r.get('/dialoger/:id', (c) => dialoguePage(c, idParam(c)));
  r.get('/dialoger/:id/aftale.pdf', async (c) => {
    const f = await dialoguePdf(c.get('ctx'), idParam(c));
    return c.body(new Uint8Array(f.pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${f.name}"`,
    });
  });
  r.post('/dialoger/:id/:action', (c) => dialogueAction(c, idParam(c), c.req.param('action')));
  r.get('/organisationer/:id', (c) => organisationPage(c, idParam(c)));
  return r;
}

/** The housing office's part of the front page: organisations without this year's dialogue, overdue commitments. */
export const partnershipDashboard: DashboardSection = {
  order: 35,
  render: async (ctx) => {
    if (!can(ctx.actor, 'read', { type: 'partnershipDesk' })) return null;
    const desk = await partnershipDesk(ctx);
    if (!desk.withoutDialogue.length && !desk.overdue.length) return null;
    return (
      <>
        <h2>Hovedaftale og styringsdialoger</h2>
        <ul>
          <li>
            {desk.withoutDialogue.length} boligorganisation{desk.withoutDialogue.length === 1 ? '' : 'er'} uden styringsdialog i {desk.year}
          </li>
          <li>{desk.overdue.length} tilsagn med overskredet frist</li>
        </ul>
        <p>
          <a href={partnershipPaths.home()}>Boligkontorets overblik</a>
        </p>
      </>
    );
  },
};
