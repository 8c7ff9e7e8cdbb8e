import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

describeDb('Partnership agreement demo data (R19)', () => {
  let t: TestApp;
  const get = async (path: string) => (await t.request(`/api/v1${path}`)).json();

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(() => t.close());

  it('R19 the demo adopts the 2011 agreement at a Partnerskabsforum meeting and marks its invented measurements', async () => {
    const [a] = await get('/partnership/agreements');
    expect(a).toMatchObject({ code: 'hovedaftale-2011', status: 'adopted', adoptedOn: '2011-05-10' });
    const meeting = await t.db
      .selectFrom('meeting as m')
      .innerJoin('body as b', 'b.id', 'm.body_id')
      .select('b.type')
      .where('m.id', '=', a.adoptedMeetingId)
      .executeTakeFirstOrThrow();
    expect(meeting.type).toBe('partnership_forum');
    const rows = await t.db.selectFrom('partnership_measurement').select(['is_demo']).execute();
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.every((r) => r.is_demo)).toBe(true);
    const status = Object.fromEntries(a.targets.map((x: { code: string; status: string }) => [x.code, x.status]));
    expect(status).toMatchObject({
      'fleksibel-udlejning': 'met',
      saerboliger: 'missed',
      venteliste: 'on_track',
      co2: 'met',
      'toilet-bad': 'missed',
      grundkapital: 'met',
      omraadefornyelser: 'on_track',
      ungdomsboliger: 'at_risk',
    });
  });

  it('R19 both forums have their members and no composition or rhythm warnings', async () => {
    for (const code of ['partnerskabsforum', 'samarbejdsforum']) {
      const body = await t.db.selectFrom('body').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      const html = await (await t.request(`/styring/organer/${body.id}`)).text();
      expect(html).not.toContain('Mangler i sammensætning og mødeplan');
      expect(html).toContain(code === 'partnerskabsforum' ? 'Overborgmester Olga Ørsted' : 'Lejernes LO i Hovedstaden');
    }
  });

  it("R19 three organisations have dialogues over two years; this year's open with last year's follow-up", async () => {
    const all = await t.db.selectFrom('steering_dialogue').select(['year', 'state', 'is_demo']).orderBy('year').execute();
    expect(all).toHaveLength(6);
    expect(all.every((d) => d.is_demo)).toBe(true);
    const year = all.at(-1)!.year;
    expect(all.filter((d) => d.year === year - 1).map((d) => d.state)).toEqual(['concluded', 'concluded', 'concluded']);
    expect(
      all
        .filter((d) => d.year === year)
        .map((d) => d.state)
        .sort(),
    ).toEqual(['concluded', 'held', 'prepared']);
    const office = await t.as([{ role: 'municipal', administration: 'TMF' }], 'Boligkontoret');
    const list = (await (await t.request(`/api/v1/partnership/dialogues?year=${year}`, { session: office })).json()) as {
      id: number;
      state: string;
      organisations: { shortName: string }[];
    }[];
    const kab = list.find((d) => d.organisations[0]!.shortName === 'KAB')!;
    const d = await (await t.request(`/api/v1/partnership/dialogues/${kab.id}`, { session: office })).json();
    expect(
      d.previous.commitments.map((c: { followedUpHere: boolean; followUp: { outcome: string } }) => [c.followedUpHere, c.followUp.outcome]),
    ).toEqual([
      [true, 'fulfilled'],
      [true, 'partly'],
    ]);
    // AAB's dialogue waits for the follow-up of one of last year's commitments before it can be held.
    const aab = list.find((x) => x.organisations[0]!.shortName === 'AAB')!;
    const view = await (await t.request(`/api/v1/partnership/dialogues/${aab.id}`, { session: office })).json();
    const refused = await t.request(`/api/v1/partnership/dialogues/${aab.id}/hold`, {
      method: 'POST',
      session: office,
      json: { version: view.version, heldOn: `${year}-01-02` },
    });
    expect(refused.status, await refused.clone().text()).toBe(400);
    expect((await refused.json()).errors.heldOn).toContain('Følg op på hvert tilsagn');
  });
});
