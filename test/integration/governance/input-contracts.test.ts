import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

const bodyId = async (t: TestApp, code: string) =>
  (await t.db.selectFrom('body').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describeDb('Governance inputs: one contract for the form and the API', () => {
  let t: TestApp;
  let secretariat: Session;
  let board: number;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  const meetings = async () => (await t.db.selectFrom('meeting').select('id').where('body_id', '=', board).execute()).length;
  const members = async () => (await t.db.selectFrom('body_member').select('id').where('body_id', '=', board).execute()).length;
  const meeting = { startTime: '14:00', endTime: '16:00', place: 'Nørrebrohallen' };
  const member = {
    personName: 'Anne Andersen',
    representsKind: 'other',
    representsOther: 'Beboerne',
    level: 'resident',
    role: 'member',
    startsOn: '2026-01-01',
  };

  beforeAll(async () => {
    t = await createTestApp();
    secretariat = await t.as([{ role: 'secretariat' }], 'Sekretær');
    board = await bodyId(t, 'bydel-noerrebro');
  });
  afterAll(() => t.close());

  /** What is wrong with each date, said plainly. */
  const dateMessages: Record<string, string> = {
    '2026-13-01': 'Mødedatoen 01.13.2026 findes ikke: der er ingen måned 13.',
    '2026-02-31': 'Mødedatoen 31.02.2026 findes ikke: februar 2026 har kun 28 dage.',
    '0000-01-01': 'Mødedatoen skal ligge mellem år 1900 og 2200.',
    '2026-00-10': 'Mødedatoen 10.00.2026 findes ikke: der er ingen måned 0.',
  };

  it.each(['2026-13-01', '2026-02-31', '0000-01-01', '2026-00-10'])(
    'a meeting date %s answers 400 in the API, and no meeting is stored',
    async (date) => {
      const before = await meetings();
      const res = await api(`/bodies/${board}/meetings`, secretariat, { ...meeting, date });
      expect(res.status, await res.clone().text()).toBe(400);
      expect((await res.json()).errors.date).toBe(dateMessages[date]);
      expect(await meetings()).toBe(before);
    },
  );

  it.each(['2026-13-01', '2026-02-31'])(
    'a meeting date %s answers 400 on the form, with the message at the field and the input kept',
    async (date) => {
      const before = await meetings();
      const res = await t.request(`/styring/organer/${board}/moeder/ny`, { session: secretariat, form: { ...meeting, date } });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(dateMessages[date]);
      expect(html).toContain(`value="${date}"`);
      expect(await meetings()).toBe(before);
    },
  );

  it('a real date is stored as that date (not moved to another day)', async () => {
    const res = await api(`/bodies/${board}/meetings`, secretariat, { ...meeting, date: '2026-02-28' });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = await res.json();
    const row = await t.db.selectFrom('meeting').select('starts_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(new Date(row.starts_at).toISOString()).toBe('2026-02-28T13:00:00.000Z');
  });

  it('R14 the member e-mail is checked in the API, as on the page', async () => {
    const before = await members();
    const res = await api(`/bodies/${board}/members`, secretariat, { ...member, email: 'ikke-en-mail' });
    expect(res.status, await res.clone().text()).toBe(400);
    expect((await res.json()).errors.email).toBe('Skriv en gyldig e-mailadresse, eller lad feltet stå tomt.');
    const page = await t.request(`/styring/organer/${board}/medlemmer/ny`, {
      session: secretariat,
      form: { ...member, email: 'ikke-en-mail' },
    });
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('Skriv en gyldig e-mailadresse, eller lad feltet stå tomt.');
    expect(html).toContain('value="ikke-en-mail"');
    expect(await members()).toBe(before);
    const ok = await api(`/bodies/${board}/members`, secretariat, { ...member, email: 'anne@example.org' });
    expect(ok.status, await ok.clone().text()).toBe(201);
  });

  it('a line break in a one-line field, or an unknown administration, answers 400 in the API', async () => {
    const place = await api(`/bodies/${board}/meetings`, secretariat, { ...meeting, date: '2026-12-03', place: 'Nørrebro\nhallen' });
    expect(place.status).toBe(400);
    expect((await place.json()).errors.place).toMatch(/Mødestedet indeholder ugyldige tegn/);
    const admin = await api(`/bodies/${board}/members`, secretariat, {
      ...member,
      representsKind: 'administration',
      administration: 'XYZ',
    });
    expect(admin.status).toBe(400);
    expect((await admin.json()).errors.administration).toBe('Vælg forvaltningen.');
  });
});
