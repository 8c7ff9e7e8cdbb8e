import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/policy/actor.ts';
import { can } from '../../../src/policy/index.ts';
import { requestSubject } from '../../../src/services/changes/requests.ts';
import { whoDecides } from '../../../src/services/governance/competence.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation, makeUser } from '../../support/factories.ts';
import { activePlan, bodyId, seat } from './support.ts';

/** The 2016 structure (migration 004): the district board of each Copenhagen district. */
const boardOf: Record<number, string> = {
  1: 'bydel-amager',
  2: 'bydel-nordvest',
  3: 'bydel-noerrebro',
  4: 'bydel-valby',
  5: 'bydel-valby',
  6: 'bydel-tingbjerg',
  7: 'bydel-tingbjerg',
  8: 'bydel-nordvest',
  9: 'bydel-amager',
  10: 'bydel-amager',
};
const districts = Object.keys(boardOf).map(Number);
const transfers = [false, true] as const;
const represents = ['party organisation', 'non-party organisation', 'municipal administration'] as const;
const roles = ['chair', 'member', 'observer', 'secretary'] as const;

/** R11: only members representing a party organisation, as chair or member, cast the deciding answer. */
const expectVote = (r: (typeof represents)[number], role: (typeof roles)[number]) =>
  r === 'party organisation' && (role === 'chair' || role === 'member');

describeDb('Change requests: routing and voting rights over every combination (R11, R12)', () => {
  let t: TestApp;
  const plans = new Map<string, number>();
  const members = new Map<string, Actor>();
  let bodyIds: Map<string, number>;

  beforeAll(async () => {
    t = await createTestApp();
    const party = (await makeOrganisation(t.db, { shortName: 'PART' })).id;
    const other = (await makeOrganisation(t.db, { shortName: 'IKKEPART' })).id;
    const codes = ['boligsocial-bestyrelse', ...new Set(Object.values(boardOf))];
    bodyIds = new Map(await Promise.all(codes.map(async (c) => [c, await bodyId(t.db, c)] as const)));
    for (const code of codes) {
      for (const r of represents) {
        for (const role of roles) {
          const u = await makeUser(t.db, {
            grants:
              r === 'municipal administration'
                ? [{ role: 'municipal', administration: 'TMF' }]
                : [{ role: 'organisation', organisationId: r === 'party organisation' ? party : other }],
          });
          await seat(t.db, bodyIds.get(code)!, {
            userId: u.id,
            organisationId: r === 'party organisation' ? party : r === 'non-party organisation' ? other : undefined,
            role,
          });
          members.set(`${code}/${r}/${role}`, u.actor);
        }
      }
    }
    for (const d of districts) {
      for (const transfer of transfers) {
        const p = await activePlan(t.db, { organisationIds: [party], districtNumber: d });
        if (transfer)
          await t.db
            .insertInto('competence_transfer')
            .values({ plan_id: p.plan.id, decided_on: '2024-03-01', reference: 'Fælles beslutning', recorded_by_label: 'test' })
            .execute();
        plans.set(`${d}/${transfer}`, p.plan.id);
      }
    }
  });
  afterAll(() => t.close());

  const cases = districts.flatMap((d) =>
    transfers.flatMap((transfer) => represents.flatMap((r) => roles.map((role) => [d, transfer, r, role] as const))),
  );
  it.each(cases)('R11 R12 district %i, competence transferred %s, member from a %s as %s', async (d, transfer, r, role) => {
    const planId = plans.get(`${d}/${transfer}`)!;
    const expectedBody = transfer ? 'boligsocial-bestyrelse' : boardOf[d]!;
    const who = await whoDecides(t.db, planId, '2026-11-22');
    expect(who.body.id).toBe(bodyIds.get(expectedBody));
    expect(who.rule).toBe(transfer ? 'R12' : 'R11');

    // The member of the deciding body: may they cast the deciding answer, or only comment?
    const actor = members.get(`${expectedBody}/${r}/${role}`)!;
    const subject = await requestSubject(
      t.db,
      { plan_id: planId, state: 'submitted', proposed_by: null, body_id: who.body.id },
      '2026-11-22',
    );
    expect(can(actor, 'approve', subject)).toBe(expectVote(r, role));
    expect(can(actor, 'reject', subject)).toBe(expectVote(r, role));
    expect(can(actor, 'comment', subject)).toBe(true);

    // The same kind of member of a body that does not decide on this plan has no say at all.
    const elsewhere = [...bodyIds.keys()].find((c) => c !== expectedBody && c !== 'boligsocial-bestyrelse')!;
    expect(can(members.get(`${elsewhere}/${r}/${role}`)!, 'approve', subject)).toBe(false);
  });

  describe('before the 2016 structure', () => {
    it('R11 a plan decided on before the district boards existed has no deciding body, and the answer says so', async () => {
      const planId = plans.get('3/false')!;
      await expect(whoDecides(t.db, planId, '2015-06-01')).rejects.toThrow(/intet organ/);
    });
  });
});
