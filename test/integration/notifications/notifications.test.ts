import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMailer } from '../../../src/services/mailer.ts';
import { dispatchMail, notify } from '../../../src/services/notifications.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { smtpServer } from '../../support/smtp.ts';

describeDb('Inbox and e-mail (R11, R6 duty to inform)', () => {
  let t: TestApp;
  let anna: Session;
  let bo: Session;
  const id = (s: Session) => (s.actor.kind === 'user' ? s.actor.id : 0);

  beforeAll(async () => {
    t = await createTestApp();
    anna = await t.as([{ role: 'secretariat' }], 'Anna Andersen');
    bo = await t.as([{ role: 'lbf' }], 'Bo Berg');
  });
  afterAll(() => t.close());

  it('a message written in a transaction that rolls back never reaches the inbox', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await notify(trx, { userIds: [id(anna)], kind: 'test', title: 'Forsvinder', body: '', link: '' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const res = await t.request('/api/v1/inbox', { session: anna });
    expect((await res.json()).items.map((i: { title: string }) => i.title)).not.toContain('Forsvinder');
  });

  it('the inbox shows own messages only; marking read is for the owner alone', async () => {
    await notify(t.db, {
      userIds: [id(anna), id(bo)],
      kind: 'test',
      title: 'Møde i Bydelsbestyrelse Nørrebro',
      body: 'Dagsordenen er sendt.',
      link: '/styring',
    });
    const page = await (await t.request('/indbakke', { session: anna })).text();
    expect(page).toContain('Møde i Bydelsbestyrelse Nørrebro');
    expect(page).toContain('1 ulæste');
    const mine = (await (await t.request('/api/v1/inbox', { session: anna })).json()).items[0];
    expect((await t.request(`/api/v1/inbox/${mine.id}/read`, { method: 'POST', session: bo, json: {} })).status).toBe(404);
    expect((await t.request(`/indbakke/${mine.id}/laest`, { method: 'POST', session: anna, form: {} })).status).toBe(303);
    const after = await (await t.request('/api/v1/inbox?unread=true', { session: anna })).json();
    expect(after.unread).toBe(0);
    expect((await (await t.request('/api/v1/inbox?unread=true', { session: bo })).json()).unread).toBe(1);
    expect((await t.request('/api/v1/inbox')).status).toBe(401);
  });

  it('e-mails go through SMTP at once, or once a day as a digest, by the user’s choice; none is sent twice', async () => {
    const smtp = await smtpServer();
    try {
      const mailer = createMailer(smtp.url, 'helhed@kk.test', () => {});
      expect((await t.request('/indbakke/indstillinger', { method: 'POST', session: bo, form: { mode: 'digest' } })).status).toBe(303);
      await notify(t.db, {
        userIds: [id(anna), id(bo)],
        kind: 'test',
        title: 'Ændringsanmodning til beslutning',
        body: 'Flyt 200.000 kr.',
        link: '/aendringer/1',
      });
      await notify(t.db, { userIds: [id(bo)], kind: 'test', title: 'Rapport 2026 indsendt', body: '', link: '' });
      const now = new Date('2026-11-22T10:00:00Z');
      await dispatchMail(t.db, mailer, now, { baseUrl: 'https://helhed.kk.test' });
      const annaMails = smtp.received.filter((m) => m.to.includes(anna.actor.kind === 'user' ? anna.actor.email : ''));
      expect(annaMails.map((m) => m.raw).join()).toContain('https://helhed.kk.test/aendringer/1');
      expect(smtp.received.filter((m) => m.to.includes(bo.actor.kind === 'user' ? bo.actor.email : ''))).toHaveLength(0);
      expect(await dispatchMail(t.db, mailer, now)).toBe(0);
      expect(await dispatchMail(t.db, mailer, now, { digest: true })).toBe(2); // the meeting message went out at once while Bo still chose that
      const digest = smtp.received.filter((m) => m.to.includes(bo.actor.kind === 'user' ? bo.actor.email : ''));
      expect(digest).toHaveLength(1);
      expect(digest[0]!.raw).toContain('Rapport 2026 indsendt');
      expect(await dispatchMail(t.db, mailer, now, { digest: true })).toBe(0);
    } finally {
      await smtp.close();
    }
  });

  it('a failed send stays in the outbox and goes out on the next run', async () => {
    await notify(t.db, { userIds: [id(anna)], kind: 'test', title: 'Prøv igen', body: '', link: '' });
    const now = new Date();
    expect(
      await dispatchMail(
        t.db,
        {
          send: async () => {
            throw new Error('SMTP nede');
          },
        },
        now,
      ),
    ).toBe(0);
    const sent: string[] = [];
    expect(await dispatchMail(t.db, { send: async (m) => void sent.push(m.subject) }, now)).toBe(1);
    expect(sent).toEqual(['Helhed: Prøv igen']);
  });
});
