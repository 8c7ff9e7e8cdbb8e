import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoUsers } from '../../../src/demo/registry.ts';
import { decideChange } from '../../../src/services/changes/requests.ts';
import { approveMinutes } from '../../../src/services/governance/meetings.ts';
import { myTasks } from '../../../src/services/tasks/index.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { demoUser, openDecisionAndMinutes } from '../../support/tasks.ts';

describeDb('Mine opgaver: /opgaver and GET /api/v1/me/tasks (R6, R9–R13)', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof openDecisionAndMinutes>>;
  const now = new Date();
  beforeAll(async () => {
    t = await createTestApp({ demo: true, now: () => now });
    world = await openDecisionAndMinutes(t, now);
  });
  afterAll(() => t.close());

  it('refuses a caller who is not signed in, and the document describes the route', async () => {
    expect((await t.request('/api/v1/me/tasks')).status).toBeGreaterThanOrEqual(401);
    const doc = await (await t.request('/api/openapi.json')).json();
    expect(doc.paths['/me/tasks'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/TaskList');
  });

  it.each(demoUsers.map((u) => u.email))('R11 %s: the API answers as the desk does', async (email) => {
    const u = await demoUser(t, email);
    const res = await t.request('/api/v1/me/tasks', { session: u.session });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; href: string; overdue: boolean }[]; total: number; overdue: number };
    const desk = await myTasks(t.ctx(u.actor));
    expect(body.items.map((i) => i.id)).toEqual(desk.map((d) => d.id));
    expect(body.total).toBe(desk.length);
    expect(body.overdue).toBe(desk.filter((d) => d.overdue).length);
    // The page lists the same tasks, in the same order.
    const html = await (await t.request('/opgaver', { session: u.session })).text();
    const table = html.slice(html.indexOf('id="tasks"'), html.indexOf('</table>', html.indexOf('id="tasks"')));
    const links = [...table.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    expect(links).toEqual(body.items.map((i) => i.href));
    expect(html).toContain(`Mine opgaver <span class="badge badge-info">${desk.length}</span>`);
  });

  it('R11 the district board member who may vote gets the decision and the minutes; a member who may not vote gets only the minutes', async () => {
    const bente = await demoUser(t, 'bestyrelse@demo.test');
    const tasks = await myTasks(t.ctx(bente.actor));
    expect(tasks.map((x) => x.id)).toEqual(
      expect.arrayContaining([`decideChange:${world.requestId}`, `approveMinutes:${world.meetingId}`]),
    );
    const aase = await demoUser(t, 'aab@demo.test');
    const hers = (await myTasks(t.ctx(aase.actor))).map((x) => x.id);
    expect(hers).not.toContain(`decideChange:${world.requestId}`);
    // Aase was not told to decide either: her message is "sent to the board", not "til beslutning".
    const inbox = await t.db
      .selectFrom('notification')
      .select(['kind', 'title'])
      .where('user_id', '=', aase.id)
      .where('link', '=', `/planer/${world.planId}/aendringer/${world.requestId}`)
      .execute();
    expect(inbox.map((n) => n.kind)).toEqual(['change_request_routed']);
    expect(inbox[0]!.title).not.toContain('til beslutning');
  });

  it('the secretariat sees agendas to send and proposed items to schedule; LBF the mandate awaiting its approval', async () => {
    const office = (await myTasks(t.ctx((await demoUser(t, 'sekretariat@demo.test')).actor))).map((x) => x.kind);
    expect(office).toEqual(expect.arrayContaining(['sendAgenda', 'scheduleItem']));
    const lbf = (await myTasks(t.ctx((await demoUser(t, 'lbf@demo.test')).actor))).map((x) => x.kind);
    expect(lbf).toContain('approveMandate');
  });

  it('the personal calendar has one event per task with a deadline', async () => {
    const bente = await demoUser(t, 'bestyrelse@demo.test');
    const res = await t.request('/opgaver/frister.ics', { session: bente.session });
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = await res.text();
    const dated = (await myTasks(t.ctx(bente.actor))).filter((x) => x.due);
    expect(ics.match(/BEGIN:VEVENT/g)?.length ?? 0).toBe(dated.length);
    expect(ics).toContain(`UID:decideChange-${world.requestId}@helhed`);
  });

  it('R11 done tasks leave by themselves, and the messages about them are marked read', async () => {
    const bente = await demoUser(t, 'bestyrelse@demo.test');
    const unread = async (kind: string, link: string) =>
      (
        await t.db
          .selectFrom('notification')
          .select('id')
          .where('user_id', '=', bente.id)
          .where('kind', '=', kind)
          .where('link', '=', link)
          .where('read_at', 'is', null)
          .execute()
      ).length;
    const requestLink = `/planer/${world.planId}/aendringer/${world.requestId}`;
    expect(await unread('change_request_submitted', requestLink)).toBe(1);
    expect(await unread('minutes_sent', `/styring/moeder/${world.meetingId}`)).toBe(1);
    await decideChange(t.ctx(bente.actor), world.requestId, 2, 'approve', { note: 'Godkendt skriftligt.' });
    await approveMinutes(t.ctx(bente.actor), world.meetingId);
    const ids = (await myTasks(t.ctx(bente.actor))).map((x) => x.id);
    expect(ids).not.toContain(`decideChange:${world.requestId}`);
    expect(ids).not.toContain(`approveMinutes:${world.meetingId}`);
    expect(await unread('change_request_submitted', requestLink)).toBe(0);
    expect(await unread('minutes_sent', `/styring/moeder/${world.meetingId}`)).toBe(0);
  });

  it('the history page is Danish: field labels and values as on the pages, no raw JSON or English field names', async () => {
    const office = await demoUser(t, 'sekretariat@demo.test');
    for (const path of [`/historik/meeting/${world.meetingId}`, `/historik/change_request/${world.requestId}`]) {
      const html = await (await t.request(path, { session: office.session })).text();
      const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
      expect(main).not.toMatch(/[{}]|"[a-z_]+":|minutes_sent_at|updated_at|sendMinutes|\(R\d+\)/);
    }
    const meeting = await (await t.request(`/historik/meeting/${world.meetingId}`, { session: office.session })).text();
    expect(meeting).toContain('Referat sendt til godkendelse');
    expect(meeting).toMatch(/Referat sendt: \(tom\) → \d{2}\.\d{2}\.\d{4} kl\. \d{2}\.\d{2}/);
  });
});
