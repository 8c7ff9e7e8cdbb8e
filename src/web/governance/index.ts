import { itemEditPage, paperEditPage, saveItemEdit, savePaperEdit } from './edits.tsx';
import { Hono } from 'hono';
import { loadDemoGovernance } from '../../demo/governance.ts';
import { NotFound } from '../../errors.ts';
import { getBody } from '../../services/governance/bodies.ts';
import { agendaPdf, bodyFeed, meetingIcs, minutesPdf } from '../../services/governance/documents.ts';
import { getPaper } from '../../services/governance/papers.ts';
import type { AppEnv } from '../../app-env.ts';
import { idParam } from '../registry/shared.tsx';
import {
  bodyPage,
  competenceForm,
  editBodyForm,
  mandateApprovalForm,
  newBodyForm,
  newMandateForm,
  newMeetingForm,
  newMemberForm,
  proposeItemForm,
  saveBody,
  saveCompetence,
  saveEndMember,
  saveMandate,
  saveMandateApproval,
  saveMember,
  editMemberForm,
  saveEditMember,
  saveNewMeeting,
  saveProposal,
} from './body.tsx';
import { deskPage, governanceDashboard } from './desk.tsx';
import {
  editMeetingForm,
  meetingPage,
  outcomeForm,
  postAction,
  postApprove,
  postAttendance,
  postItem,
  postSchedule,
  postUpload,
  saveMeetingEdit,
  saveOutcome,
} from './meeting.tsx';
import { governanceHome, structurePage } from './structure.tsx';
import { readModel } from '../readmodel.ts';

const step = (s: string | undefined): 'city_board' | 'lbf' => {
  if (s === 'city_board' || s === 'lbf') return s;
  throw new NotFound();
};
const baseUrl = (c: { get(k: 'deps'): AppEnv['Variables']['deps'] }) => c.get('deps').config.publicUrl.replace(/\/$/, '');
const ics = (text: string, name: string) =>
  new Response(text, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.ics"`,
      'x-content-type-options': 'nosniff',
    },
  });
const pdf = (bytes: Buffer, name: string) =>
  new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${name}.pdf"`,
      'x-content-type-options': 'nosniff',
    },
  });

/** /styring — bodies, members, mandates, competence and meetings (R9–R17). */
export function governancePages() {
  const r = new Hono<AppEnv>();
  r.get('/', governanceHome);
  r.get('/struktur', structurePage);
  r.get('/sekretariat', deskPage);
  r.get('/organer/ny', newBodyForm);
  r.post('/organer/ny', (c) => saveBody(c, null));
  r.get('/organer/:id', readModel(), (c) => bodyPage(c, idParam(c)));
  r.get('/organer/:id/rediger', (c) => editBodyForm(c, idParam(c)));
  r.post('/organer/:id/rediger', (c) => saveBody(c, idParam(c)));
  r.get('/organer/:id/kalender.ics', async (c) => {
    const b = await getBody(c.get('ctx'), idParam(c));
    return ics(await bodyFeed(c.get('ctx'), b.id, b.name, baseUrl(c)), `kalender-${b.code}`);
  });
  r.get('/organer/:id/medlemmer/ny', (c) => newMemberForm(c, idParam(c)));
  r.post('/organer/:id/medlemmer/ny', (c) => saveMember(c, idParam(c)));
  r.post('/medlemmer/:id/afslut', (c) => saveEndMember(c, idParam(c)));
  r.get('/medlemmer/:id/ret', (c) => editMemberForm(c, idParam(c)));
  r.post('/medlemmer/:id/ret', (c) => saveEditMember(c, idParam(c)));
  r.get('/organer/:id/kommissorium/ny', (c) => newMandateForm(c, idParam(c)));
  r.post('/organer/:id/kommissorium/ny', (c) => saveMandate(c, idParam(c)));
  r.get('/mandater/:id/godkend/:step', (c) => mandateApprovalForm(c, idParam(c), step(c.req.param('step'))));
  r.post('/mandater/:id/godkend/:step', (c) => saveMandateApproval(c, idParam(c), step(c.req.param('step'))));
  r.get('/organer/:id/punkter/ny', (c) => proposeItemForm(c, idParam(c)));
  r.post('/organer/:id/punkter/ny', (c) => saveProposal(c, idParam(c)));
  r.get('/organer/:id/moeder/ny', (c) => newMeetingForm(c, idParam(c)));
  r.post('/organer/:id/moeder/ny', (c) => saveNewMeeting(c, idParam(c)));
  r.get('/moeder/:id', (c) => meetingPage(c, idParam(c)));
  r.get('/moeder/:id/rediger', (c) => editMeetingForm(c, idParam(c)));
  r.post('/moeder/:id/rediger', (c) => saveMeetingEdit(c, idParam(c)));
  r.post('/moeder/:id/punkter', (c) => postItem(c, idParam(c)));
  r.post('/moeder/:id/fra-listen', (c) => postSchedule(c, idParam(c)));
  r.post('/moeder/:id/handling/:action', (c) => postAction(c, idParam(c), c.req.param('action')));
  r.post('/moeder/:id/fremmoede', (c) => postAttendance(c, idParam(c)));
  r.post('/moeder/:id/godkend', (c) => postApprove(c, idParam(c)));
  r.post('/moeder/:id/bilag', (c) => postUpload(c, idParam(c)));
  r.get('/moeder/:id/dagsorden.pdf', async (c) => {
    const d = await agendaPdf(c.get('ctx'), idParam(c));
    return pdf(d.pdf, d.name);
  });
  r.get('/moeder/:id/referat.pdf', async (c) => {
    const d = await minutesPdf(c.get('ctx'), idParam(c));
    return pdf(d.pdf, d.name);
  });
  r.get('/moeder/:id/moede.ics', async (c) => {
    const text = await meetingIcs(c.get('ctx'), idParam(c), baseUrl(c));
    if (!text) throw new NotFound('Mødet findes ikke.');
    return ics(text, `moede-${idParam(c)}`);
  });
  r.get('/punkter/:id/ret', (c) => itemEditPage(c, idParam(c)));
  r.post('/punkter/:id/ret', (c) => saveItemEdit(c, idParam(c)));
  r.get('/bilag/:id/ret', (c) => paperEditPage(c, idParam(c)));
  r.post('/bilag/:id/ret', (c) => savePaperEdit(c, idParam(c)));
  r.get('/punkter/:id/udfald', (c) => outcomeForm(c, idParam(c)));
  r.post('/punkter/:id/udfald', (c) => saveOutcome(c, idParam(c)));
  r.get('/bilag/:id', async (c) => {
    const p = await getPaper(c.get('ctx'), idParam(c));
    const ascii = p.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
    return new Response(p.bytes, {
      headers: {
        'content-type': p.contentType,
        'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(p.fileName)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      },
    });
  });
  r.get('/kompetence/:id', (c) => competenceForm(c, idParam(c)));
  r.post('/kompetence/:id', (c) => saveCompetence(c, idParam(c)));
  return r;
}
