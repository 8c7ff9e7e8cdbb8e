import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { contractPdf } from '../../services/cooperation/index.ts';
import { idParam } from '../registry/shared.tsx';
import { contractPage, createAction, createPage, goalAction, goalPage, linkAction, listPage } from './contract.tsx';

/** /kontrakter — the contracts on housing-social cooperation (R17). */
export function cooperationPages() {
  const r = new Hono<AppEnv>();
  r.get('/', listPage);
  r.get('/ny', (c) => createPage(c));
  r.post('/ny', createAction);
  r.get('/:id', (c) => contractPage(c, idParam(c)));
  r.get('/:id/kontrakt.pdf', async (c) => {
    const f = await contractPdf(c.get('ctx'), idParam(c));
    return c.body(new Uint8Array(f.pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${f.name}"`,
    });
  });
  r.get('/:id/maal/ny', (c) => goalPage(c, idParam(c), null));
  r.post('/:id/maal/ny', (c) => goalAction(c, idParam(c), null));
  r.get('/:id/maal/:goalId', (c) => goalPage(c, idParam(c), idParam(c, 'goalId')));
  r.post('/:id/maal/:goalId', (c) => goalAction(c, idParam(c), idParam(c, 'goalId')));
  r.post('/:id/maal/:goalId/aktiviteter', (c) => linkAction(c, idParam(c), idParam(c, 'goalId')));
  return r;
}
