import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whoDecides } from '../../../src/services/governance/competence.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { pdfText } from '../../support/documents.ts';
import { makeOrganisation, makePlan } from '../../support/factories.ts';

const bodyId = async (t: TestApp, code: string) =>
  (await t.db.selectFrom('body').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describeDb('Governance over HTTP', () => {
  let t: TestApp;
  let secretariat: Session;
  let member: Session;
  let outsider: Session;
  let partyA: number;
  let partyB: number;
  let other: number;
  let planId: number;
  let board: number;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  const multipart = (
    path: string,
    session: Session,
    fields: Record<string, string>,
    file?: { name: string; data: Uint8Array | string; type: string },
  ) => {
    const fd = new FormData();
    fd.set('_csrf', session.csrf);
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    if (file) fd.set('file', new File([file.data as BlobPart], file.name, { type: file.type }));
    return t.app.request(path, { method: 'POST', body: fd, headers: { cookie: session.cookie } });
  };

  beforeAll(async () => {
    t = await createTestApp();
    partyA = (await makeOrganisation(t.db, { shortName: 'PARTA' })).id;
    partyB = (await makeOrganisation(t.db, { shortName: 'PARTB' })).id;
    other = (await makeOrganisation(t.db, { shortName: 'ANDEN' })).id;
    planId = (await makePlan(t.db, { organisationIds: [partyA, partyB], districtNumber: 3, state: 'active' })).plan.id;
    secretariat = await t.as([{ role: 'secretariat' }], 'Sekretær');
    member = await t.as([{ role: 'organisation', organisationId: partyA }], 'Medlem A');
    outsider = await t.as([{ role: 'organisation', organisationId: other }], 'Udenforstående');
    board = await bodyId(t, 'bydel-noerrebro');
  });
  afterAll(() => t.close());

  describe('structure (R16)', () => {
    it('R16 the structure page on 1 January 2015 shows the six boligsociale fora', async () => {
      const html = await (await t.request('/styring/struktur?dato=2015-01-01')).text();
      expect(html).toContain('Boligsocialt forum (6)');
      for (const name of ['Nørrebro', 'Amager/Sundby', 'Bispebjerg', 'Vesterbro/Sydhavnen', 'Husum/Tingbjerg', 'Valby/Vigerslev'])
        expect(html).toContain(`Boligsocialt Forum ${name}`);
      expect(html).not.toContain('Bydelsbestyrelse Nørrebro');
    });

    it('R9 R10 R15 on 1 January 2017 it shows the city board, five district boards and the secretariat', async () => {
      const html = await (await t.request('/styring/struktur?dato=2017-01-01')).text();
      expect(html).toContain('Boligsocial Bestyrelse (SAF+)');
      expect(html).toContain('Bydelsbestyrelse (5)');
      expect(html).toContain('Det boligsociale sekretariat');
      expect(html).not.toContain('Boligsocialt Forum Nørrebro');
      const bodies = await (await t.request('/api/v1/bodies?date=2017-01-01')).json();
      expect(bodies.map((b: { type: string }) => b.type).sort()).toEqual([
        'city_board',
        'cooperation_forum',
        'district_board',
        'district_board',
        'district_board',
        'district_board',
        'district_board',
        'partnership_forum',
        'secretariat',
      ]);
    });
  });

  describe('members and competence (R10, R11, R12)', () => {
    it('R10 the secretariat seats members; the page warns about the missing central TMF head', async () => {
      const add = (personName: string, extra: Record<string, unknown>) =>
        api(`/bodies/${board}/members`, secretariat, {
          personName,
          level: 'business_manager',
          role: 'member',
          startsOn: '2020-01-01',
          ...extra,
        });
      expect(
        (
          await add('Anne A', {
            representsKind: 'organisation',
            organisationId: partyA,
            email: member.actor.kind === 'user' ? member.actor.email : '',
          })
        ).status,
      ).toBe(201);
      expect((await add('Ole Anden', { representsKind: 'organisation', organisationId: other })).status).toBe(201);
      expect(
        (await add('Sofie SOF', { representsKind: 'administration', administration: 'SOF', level: 'decentral_head', role: 'chair' }))
          .status,
      ).toBe(201);
      const bad = await add('', { representsKind: 'organisation' });
      expect(bad.status).toBe(400);
      const html = await (await t.request(`/styring/organer/${board}`)).text();
      expect(html).toContain('Mangler en central chef fra Teknik- og Miljøforvaltningen (TMF).');
      expect(html).toContain('Anne A');
      expect(html).not.toContain('@test.example');
    });

    it('R11 the district board decides by default and only party organisations vote', async () => {
      const who = await whoDecides(t.db, planId, '2026-11-22');
      expect(who.body.id).toBe(board);
      expect(who.rule).toBe('R11');
      expect(who.voters.map((m) => m.name)).toEqual(['Anne A']);
      expect(who.others.map((m) => m.name).sort()).toEqual(['Ole Anden', 'Sofie SOF']);
      const res = await t.request(`/api/v1/competence/${planId}`);
      expect(res.status).toBe(200);
      expect((await res.json()).body.name).toBe('Bydelsbestyrelse Nørrebro');
    });

    it('R12 an outside organisation cannot move competence; a party organisation can, and the city board decides', async () => {
      expect((await api(`/competence/${planId}/transfers`, outsider, { decidedOn: '2026-01-15' })).status).toBe(403);
      const page = await t.request(`/styring/kompetence/${planId}`, { session: member, form: { decidedOn: 'ikke en dato' } });
      expect(page.status).toBe(400);
      expect(await page.text()).toContain('Beslutningsdatoen skal være en gyldig dato');
      expect(
        (await api(`/competence/${planId}/transfers`, member, { decidedOn: '2026-01-15', reference: 'Beslutning i PARTA og PARTB' }))
          .status,
      ).toBe(201);
      const who = await whoDecides(t.db, planId, '2026-11-22');
      expect(who).toMatchObject({ rule: 'R12', body: { name: 'Boligsocial Bestyrelse (SAF+)' } });
      expect((await whoDecides(t.db, planId, '2025-12-31')).rule).toBe('R11');
    });
  });

  describe('a meeting from plan to approved minutes', () => {
    let meetingId: number;
    let openItem: number;
    let closedItem: number;
    const version = async () =>
      (await t.db.selectFrom('meeting').select('version').where('id', '=', meetingId).executeTakeFirstOrThrow()).version;

    it('the secretariat plans a meeting; a bad time is refused in Danish with the input kept', async () => {
      const bad = await t.request(`/styring/organer/${board}/moeder/ny`, {
        session: secretariat,
        form: { date: '2026-12-03', startTime: '25:00', endTime: '16:00', place: 'Nørrebrohallen' },
      });
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toContain('Skriv starttidspunktet som tt:mm.');
      expect(html).toContain('value="Nørrebrohallen"');
      const res = await api(`/bodies/${board}/meetings`, secretariat, {
        date: '2026-12-03',
        startTime: '14:00',
        endTime: '16:00',
        place: 'Nørrebrohallen',
      });
      expect(res.status).toBe(201);
      meetingId = (await res.json()).id;
      expect(
        (await api(`/bodies/${board}/meetings`, member, { date: '2026-12-03', startTime: '14:00', endTime: '16:00', place: 'X' })).status,
      ).toBe(403);
    });

    it('items: a plan item and a closed item; closed content only for members and the secretariat', async () => {
      openItem = (
        await (await api(`/meetings/${meetingId}/items`, secretariat, { title: 'Status for planen', kind: 'plan', refId: planId })).json()
      ).id;
      closedItem = (await (await api(`/meetings/${meetingId}/items`, secretariat, { title: 'Hemmelig personalesag', closed: true })).json())
        .id;
      const anon = await (await t.request(`/styring/moeder/${meetingId}`)).text();
      expect(anon).toContain('Status for planen');
      expect(anon).not.toContain('Hemmelig personalesag');
      expect(anon).toContain('Lukket punkt');
      const asMember = await (await t.request(`/styring/moeder/${meetingId}`, { session: member })).text();
      expect(asMember).toContain('Hemmelig personalesag');
      const apiAnon = await (await t.request(`/api/v1/meetings/${meetingId}`)).json();
      expect(JSON.stringify(apiAnon)).not.toContain('Hemmelig');
    });

    it('papers: PDF accepted and served as a download; HTML named .pdf refused; closed papers hidden', async () => {
      const pdf = await multipart(
        `/styring/moeder/${meetingId}/bilag`,
        secretariat,
        { title: 'Statusnotat', agendaItemId: String(openItem) },
        { name: 'status.pdf', data: '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF', type: 'application/pdf' },
      );
      expect(pdf.status).toBe(303);
      const evil = await multipart(
        `/styring/moeder/${meetingId}/bilag`,
        secretariat,
        { title: 'Ondt' },
        { name: 'evil.pdf', data: '<html><script>alert(1)</script></html>', type: 'application/pdf' },
      );
      expect(evil.status).toBe(400);
      expect(await evil.text()).toContain('Filen skal være en PDF, et Word- eller et Excel-dokument.');
      const closed = await multipart(
        `/styring/moeder/${meetingId}/bilag`,
        secretariat,
        { title: 'Lukket bilag', agendaItemId: String(closedItem) },
        { name: 'lukket.pdf', data: '%PDF-1.4 lukket', type: 'application/pdf' },
      );
      expect(closed.status).toBe(303);
      const papers = await t.db
        .selectFrom('meeting_paper')
        .select(['id', 'closed'])
        .where('meeting_id', '=', meetingId)
        .orderBy('id')
        .execute();
      const open = await t.request(`/styring/bilag/${papers[0]!.id}`);
      expect(open.status).toBe(200);
      expect(open.headers.get('content-disposition')).toMatch(/^attachment; filename="status.pdf"/);
      expect(open.headers.get('x-content-type-options')).toBe('nosniff');
      expect(open.headers.get('content-type')).toBe('application/pdf');
      expect(papers[1]!.closed).toBe(true);
      expect((await t.request(`/styring/bilag/${papers[1]!.id}`)).status).toBe(401);
      expect((await t.request(`/styring/bilag/${papers[1]!.id}`, { session: outsider })).status).toBe(403);
      expect((await t.request(`/styring/bilag/${papers[1]!.id}`, { session: member })).status).toBe(200);
    });

    it('the agenda goes out, the meeting is held, outcomes are written, present members approve and the minutes freeze', async () => {
      expect((await api(`/meetings/${meetingId}/transitions`, secretariat, { version: await version(), action: 'hold' })).status).toBe(400);
      expect(
        (await api(`/meetings/${meetingId}/transitions`, secretariat, { version: await version(), action: 'sendAgenda' })).status,
      ).toBe(200);
      expect((await api(`/meetings/${meetingId}/transitions`, secretariat, { version: await version(), action: 'hold' })).status).toBe(200);
      const members = await t.db.selectFrom('body_member').select(['id', 'person_name']).where('body_id', '=', board).execute();
      const anne = members.find((m) => m.person_name === 'Anne A')!;
      expect((await api(`/meetings/${meetingId}/attendance`, secretariat, { presentMemberIds: [anne.id] }, 'PUT')).status).toBe(200);
      const early = await api(`/meetings/${meetingId}/transitions`, secretariat, { version: await version(), action: 'sendMinutes' });
      expect(early.status).toBe(400);
      expect((await early.json()).detail).toContain('2 punkter mangler et udfald.');
      const itemVersion = async (id: number) =>
        (await t.db.selectFrom('agenda_item').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
      const noText = await api(
        `/agenda-items/${openItem}/outcome`,
        secretariat,
        { version: await itemVersion(openItem), outcomeKind: 'decision', decision: 'decided' },
        'PUT',
      );
      expect(noText.status).toBe(400);
      expect(
        (
          await api(
            `/agenda-items/${openItem}/outcome`,
            secretariat,
            {
              version: await itemVersion(openItem),
              outcomeKind: 'decision',
              decision: 'decided',
              text: 'Bestyrelsen godkendte den justerede aktivitetsplan.',
            },
            'PUT',
          )
        ).status,
      ).toBe(200);
      const stale = await api(
        `/agenda-items/${openItem}/outcome`,
        secretariat,
        { version: 1, outcomeKind: 'information', text: 'x' },
        'PUT',
      );
      expect(stale.status).toBe(409);
      const page = await t.request(`/styring/punkter/${closedItem}/udfald`, {
        session: secretariat,
        form: { version: String(await itemVersion(closedItem)), outcomeKind: 'task', text: 'Undersøg sagen', taskOwner: '', taskDue: '' },
      });
      expect(page.status).toBe(400);
      expect(await page.text()).toContain('Skriv hvem der har opgaven.');
      expect(
        (
          await t.request(`/styring/punkter/${closedItem}/udfald`, {
            session: secretariat,
            form: {
              version: String(await itemVersion(closedItem)),
              outcomeKind: 'task',
              text: 'Undersøg sagen',
              taskOwner: 'Sekretariatet',
              taskDue: '2027-01-15',
            },
          })
        ).status,
      ).toBe(303);
      // Draft minutes are not public.
      expect(JSON.stringify(await (await t.request(`/api/v1/meetings/${meetingId}`)).json())).not.toContain('justerede aktivitetsplan');
      expect((await t.request(`/styring/moeder/${meetingId}/referat.pdf`)).status).toBe(401);
      expect(
        (await api(`/meetings/${meetingId}/transitions`, secretariat, { version: await version(), action: 'sendMinutes' })).status,
      ).toBe(200);
      expect((await api(`/meetings/${meetingId}/minutes-approvals`, outsider)).status).toBe(403);
      const approve = await t.request(`/styring/moeder/${meetingId}/godkend`, { session: member, form: {} });
      expect(approve.status).toBe(303);
      const m = await t.db.selectFrom('meeting').select('state').where('id', '=', meetingId).executeTakeFirstOrThrow();
      expect(m.state).toBe('minutes_approved');
      expect(
        (
          await api(
            `/agenda-items/${openItem}/outcome`,
            secretariat,
            { version: await itemVersion(openItem), outcomeKind: 'information', text: 'Ændret bagefter' },
            'PUT',
          )
        ).status,
      ).toBe(400);
      const pub = await (await t.request(`/api/v1/meetings/${meetingId}`)).json();
      expect(JSON.stringify(pub)).toContain('justerede aktivitetsplan');
      expect(JSON.stringify(pub)).not.toContain('Undersøg sagen');
      const decisions = await (await t.request(`/api/v1/decisions?bodyId=${board}`)).json();
      expect(decisions.map((d: { text: string }) => d.text)).toEqual(['Bestyrelsen godkendte den justerede aktivitetsplan.']);
    });

    it('the agenda and minutes PDFs open; the .ics and the body feed are RFC 5545 with CRLF', async () => {
      const minutes = await t.request(`/styring/moeder/${meetingId}/referat.pdf`);
      expect(minutes.status).toBe(200);
      expect(minutes.headers.get('content-disposition')).toContain('attachment');
      const text = await pdfText(new Uint8Array(await minutes.arrayBuffer()));
      expect(text).toContain('Referat');
      expect(text).toContain('justerede aktivitetsplan');
      expect(text).not.toContain('Undersøg sagen');
      expect((await t.request(`/styring/moeder/${meetingId}/dagsorden.pdf`)).status).toBe(200);
      const ics = await (await t.request(`/styring/moeder/${meetingId}/moede.ics`)).text();
      expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(ics).toContain('DTSTART:20261203T130000Z\r\n');
      expect(ics).toContain('SUMMARY:Møde i Bydelsbestyrelse Nørrebro');
      const feed = await t.request(`/styring/organer/${board}/kalender.ics`);
      expect(feed.headers.get('content-type')).toContain('text/calendar');
      expect((await feed.text()).match(/BEGIN:VEVENT/g)?.length).toBe(1);
    });
  });

  describe('mandates and the desk (R13, R15)', () => {
    it('R13 the mandate is in force only after the city board and then LBF approved both documents', async () => {
      const docVersion = async (id: number) =>
        (await t.db.selectFrom('mandate_document').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
      for (const kind of ['terms_of_reference', 'rules_of_procedure']) {
        const r = await t.request(`/styring/organer/${board}/kommissorium/ny`, {
          session: secretariat,
          form: { kind, title: `Dokument ${kind}`, content: 'Tekst' },
        });
        expect(r.status).toBe(303);
      }
      const docs = await t.db.selectFrom('mandate_document').select('id').where('body_id', '=', board).orderBy('id').execute();
      const lbf = await t.as([{ role: 'lbf' }]);
      const early = await t.request(`/styring/mandater/${docs[0]!.id}/godkend/lbf`, {
        session: lbf,
        form: { version: String(await docVersion(docs[0]!.id)), approvedOn: '2026-02-01', reference: 'LBF 1' },
      });
      expect(early.status).toBe(400);
      expect(await early.text()).toContain('Boligsocial Bestyrelse skal godkende først');
      expect(await (await t.request(`/styring/organer/${board}`)).text()).toContain('Mandatet er ikke gældende');
      for (const d of docs) {
        expect(
          (
            await t.request(`/styring/mandater/${d.id}/godkend/city_board`, {
              session: lbf,
              form: { version: String(await docVersion(d.id)), approvedOn: '2026-01-10', reference: 'BB 1' },
            })
          ).status,
        ).toBe(403);
        expect(
          (
            await t.request(`/styring/mandater/${d.id}/godkend/city_board`, {
              session: secretariat,
              form: { version: String(await docVersion(d.id)), approvedOn: '2026-01-10', reference: 'BB møde 10.01.2026' },
            })
          ).status,
        ).toBe(303);
        expect(
          (
            await t.request(`/styring/mandater/${d.id}/godkend/lbf`, {
              session: lbf,
              form: { version: String(await docVersion(d.id)), approvedOn: '2026-02-01', reference: 'LBF j.nr. 1' },
            })
          ).status,
        ).toBe(303);
      }
      expect(await (await t.request(`/styring/organer/${board}`)).text()).toContain('Mandatet er gældende');
    });

    it('R15 the secretariat desk is for the secretariat only and lists proposed items', async () => {
      expect(
        (
          await t.request(`/api/v1/bodies/${board}/proposed-items`, {
            method: 'POST',
            session: member,
            json: { title: 'Tryghed i gården' },
          })
        ).status,
      ).toBe(201);
      expect(
        (await t.request(`/api/v1/bodies/${board}/proposed-items`, { method: 'POST', session: outsider, json: { title: 'Udefra' } }))
          .status,
      ).toBe(403);
      expect((await t.request('/styring/sekretariat', { session: member })).status).toBe(403);
      const desk = await (await t.request('/styring/sekretariat', { session: secretariat })).text();
      expect(desk).toContain('Tryghed i gården');
      expect(desk).toContain('Der er ikke planlagt noget næste møde.');
    });
  });
});
