import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../src/db/database.ts';
import { planFinance, recordPoolEntry } from '../../../src/services/money/index.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { poolEligible } from '../../support/cooperation.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation, makePlan, makeUser } from '../../support/factories.ts';
import { councilApproval } from '../money/support.ts';
import { activePlan, bodyId, seat } from './support.ts';

const MIO = 100_000_000; // 1 mio. kr. in øre
type Funder = { kind: string; name: string; organisationId: number | null; amountOre: number };

/** The plan's frame and funders as the API's edits name them. */
async function frameNow(db: Db, planId: number) {
  const f = await planFinance(db, planId);
  return {
    frameOre: f.frameOre,
    funders: f.funders.map((x) => ({ kind: x.kind, name: x.name, organisationId: x.organisationId, amountOre: x.amountOre })),
  };
}
/** LBF 75 %, the municipality `municipalOre` (12,5 % by default), the party the rest of 25 %. */
const funders = (frameOre: number, org: { id: number; name: string }, municipalOre = frameOre / 8): Funder[] => [
  { kind: 'lbf', name: 'Landsbyggefonden', organisationId: null, amountOre: (frameOre * 3) / 4 },
  { kind: 'municipality', name: 'Københavns Kommune', organisationId: null, amountOre: municipalOre },
  { kind: 'organisation', name: org.name, organisationId: org.id, amountOre: frameOre / 4 - municipalOre },
];

describeDb('Budget changes through change requests (R1, R3, R5, R8, R11)', () => {
  let t: TestApp;
  let party: { id: number; name: string };
  let leader: Session;
  let partyMember: Session;
  let noerrebro: number;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });

  /** Proposes (201) and submits for a written decision; returns the request's id and version. */
  async function submitted(planId: number, title: string, edits: unknown[]) {
    const res = await api(`/plans/${planId}/change-requests`, leader, {
      kind: 'budget_change',
      title,
      justification: 'Planen skal have det rigtige budget',
      edits,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = await res.json();
    const sub = await api(`/change-requests/${id}/submit`, leader, { version: 1, mode: 'written', writtenDeadline: '2026-12-15' });
    expect(sub.status, await sub.clone().text()).toBe(200);
    return { id: id as number, version: 2 };
  }
  const counts = async (planId: number) => ({
    requests: Number(
      (
        await t.db
          .selectFrom('change_request')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('plan_id', '=', planId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
    budget: await t.db.selectFrom('budget').select(['frame_ore', 'version']).where('plan_id', '=', planId).executeTakeFirst(),
    lines: (await t.db.selectFrom('budget_line').select('name').where('plan_id', '=', planId).orderBy('id').execute()).map((l) => l.name),
    version: (await t.db.selectFrom('plan').select('current_version').where('id', '=', planId).executeTakeFirstOrThrow()).current_version,
  });

  beforeAll(async () => {
    t = await createTestApp();
    const org = await makeOrganisation(t.db, { shortName: 'PARTEN' });
    party = { id: org.id, name: 'PARTEN' };
    noerrebro = await bodyId(t.db, 'bydel-noerrebro');
    leader = await t.as([{ role: 'organisation', organisationId: party.id }], 'Projektleder Parten');
    partyMember = await t.as([{ role: 'organisation', organisationId: party.id }], 'Medlem for parten');
    await seat(t.db, noerrebro, { userId: partyMember.actor.kind === 'user' ? partyMember.actor.id : null, organisationId: party.id });
  });
  afterAll(() => t.close());

  it('R1 the reproducer: an active plan without a budget gets one through a change request; the diff, the plan’s next version and the history show it', async () => {
    const { plan } = await makePlan(t.db, { organisationIds: [party.id], state: 'active', districtNumber: 3 });
    expect((await planFinance(t.db, plan.id)).hasBudget).toBe(false);
    // The budget page is locked for everyone; the way in is a change request.
    const { id, version } = await submitted(plan.id, 'Planen får sit budget', [
      { op: 'changeFrame', before: { frameOre: 0, funders: [] }, after: { frameOre: 8 * MIO, funders: funders(8 * MIO, party) } },
      {
        op: 'addBudgetLine',
        line: { name: 'Drift', kind: 'staff', activityId: null },
        amounts: [2023, 2024, 2025, 2026].map((year) => ({ year, amountOre: 2 * MIO })),
      },
    ]);
    const detail = await (await api(`/change-requests/${id}`, leader, undefined, 'GET')).json();
    expect(detail.kindLabel).toBe('Ændring af budget og ramme');
    expect(detail.lines).toEqual(
      expect.arrayContaining([
        { what: 'Ramme og finansiering', field: 'Samlet ramme', before: '', after: '8.000.000,00 kr.' },
        { what: 'Ramme og finansiering', field: 'Finansiering: Københavns Kommune', before: '', after: '1.000.000,00 kr.' },
        { what: 'Ny budgetlinje «Drift» (personale)', field: 'Budget 2026', before: '', after: '2.000.000,00 kr.' },
      ]),
    );
    expect(detail.funding).toMatchObject({ frameOre: 8 * MIO, frameChanged: true, violations: [] });
    const page = await (await t.request(`/planer/${plan.id}/aendringer/${id}`, { session: leader })).text();
    expect(page).toContain('Rammen bliver 8.000.000,00 kr.');
    expect(page).toContain('<ins>2.000.000,00 kr.</ins>');

    const approved = await api(`/change-requests/${id}/approve`, partyMember, { version, note: 'Godkendt' });
    expect(approved.status, await approved.clone().text()).toBe(200);
    expect((await approved.json()).state).toBe('applied');
    const f = await planFinance(t.db, plan.id);
    expect(f).toMatchObject({ hasBudget: true, frameOre: 8 * MIO, violations: [] });
    expect(f.lines.map((l) => [l.name, l.perYear[2023]!.budgetOre, l.perYear[2026]!.budgetOre])).toEqual([['Drift', 2 * MIO, 2 * MIO]]);
    expect(f.funders.map((x) => x.amountOre)).toEqual([6 * MIO, MIO, MIO]);
    expect((await counts(plan.id)).version).toBe(1);
    // The plan's history lists what changed, in Danish; the budget has its own history entry.
    const history = await (await t.request(`/historik/plan/${plan.id}`, { session: leader })).text();
    expect(history).toContain('Ændring gennemført');
    expect(history).toContain('Ramme og finansiering – Samlet ramme: (tom) → 8.000.000,00 kr.');
    expect(history).toContain('Ny budgetlinje «Drift» (personale) – Budget 2023: (tom) → 2.000.000,00 kr.');
    const audit = await t.db.selectFrom('audit_log').select(['entity_type', 'action']).where('plan_id', '=', plan.id).execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { entity_type: 'budget', action: 'create' },
        { entity_type: 'plan', action: 'applyChange' },
      ]),
    );
  });

  it('R1 the reproducer: 25 mio. kr. of municipal co-financing for an 8 mio. kr. plan is refused at proposal, every breach at once, nothing written', async () => {
    const { plan } = await makePlan(t.db, { organisationIds: [party.id], state: 'active', districtNumber: 3 });
    const res = await api(`/plans/${plan.id}/change-requests`, leader, {
      kind: 'budget_change',
      title: 'Budget',
      justification: 'x',
      edits: [
        {
          op: 'changeFrame',
          before: { frameOre: 0, funders: [] },
          after: {
            frameOre: 8 * MIO,
            funders: [
              { kind: 'lbf', name: 'Landsbyggefonden', organisationId: null, amountOre: 6 * MIO },
              { kind: 'municipality', name: 'Københavns Kommune', organisationId: null, amountOre: 25 * MIO },
            ],
          },
        },
        { op: 'addBudgetLine', line: { name: 'Drift', kind: 'staff', activityId: null }, amounts: [{ year: 2024, amountOre: 8 * MIO }] },
      ],
    });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.errors.edits).toContain('Finansieringen summer til 31.000.000,00 kr., men planens ramme er 8.000.000,00 kr.');
    expect(problem.errors.edits).toContain('Kommunen betaler højst 12,50 % af planens samlede ramme');
    expect(problem.errors.edits).not.toMatch(/R\d/);
    expect(await counts(plan.id)).toEqual({ requests: 0, budget: undefined, lines: [], version: 0 });
  });

  it('R1 re-checked at approval: the municipality lowered its cap meanwhile, so the approval is refused with the Danish reason and nothing is written', async () => {
    const p = await activePlan(t.db, { organisationIds: [party.id], districtNumber: 3 });
    const before = await frameNow(t.db, p.plan.id);
    const { id, version } = await submitted(p.plan.id, 'Større ramme', [
      { op: 'changeFrame', before, after: { frameOre: 6 * MIO, funders: funders(6 * MIO, party, 0.75 * MIO) } },
      {
        op: 'addBudgetLine',
        line: { name: 'Evaluering', kind: 'evaluation', activityId: null },
        amounts: [{ year: 2026, amountOre: 2 * MIO }],
      },
    ]);
    const district = await t.db
      .selectFrom('plan as p')
      .innerJoin('district as d', 'd.id', 'p.district_id')
      .select('d.municipality_id')
      .where('p.id', '=', p.plan.id)
      .executeTakeFirstOrThrow();
    const cap = await t.db
      .selectFrom('municipality')
      .select('municipal_share_max_bp')
      .where('id', '=', district.municipality_id)
      .executeTakeFirstOrThrow();
    await t.db.updateTable('municipality').set({ municipal_share_max_bp: 1000 }).where('id', '=', district.municipality_id).execute();
    try {
      const was = await counts(p.plan.id);
      const res = await api(`/change-requests/${id}/approve`, partyMember, { version, note: 'Godkendt' });
      expect(res.status).toBe(409);
      const detail = (await res.json()).detail as string;
      expect(detail).toContain('Ændringen kan ikke gennemføres, fordi budgettet så ikke overholder reglerne for finansiering');
      expect(detail).toContain('Kommunen betaler højst 10,00 % af planens samlede ramme (600.000,00 kr. af 6.000.000,00 kr.)');
      expect(detail).toContain('Intet er ændret');
      expect(detail).not.toMatch(/R\d/);
      expect(await counts(p.plan.id)).toEqual(was);
      const r = await (await api(`/change-requests/${id}`, leader, undefined, 'GET')).json();
      expect(r.state).toBe('submitted');
      expect(r.events.at(-1)).toMatchObject({ kind: 'refused_conflict' });
    } finally {
      await t.db
        .updateTable('municipality')
        .set({ municipal_share_max_bp: cap.municipal_share_max_bp })
        .where('id', '=', district.municipality_id)
        .execute();
    }
  });

  it('R8 a smaller municipal share gives the difference back to the pool; a larger one than the pool holds is refused at approval, nothing written', async () => {
    const p = await activePlan(t.db, { organisationIds: [party.id], districtNumber: 3 });
    await poolEligible(t.db, p.plan.id);
    await councilApproval(t.db, p.plan.id, null);
    const municipal = await makeUser(t.db, { grants: [{ role: 'municipal', administration: 'TMF' }] });
    const ctx = t.ctx(municipal.actor);
    const balance = async () => (await t.db.selectFrom('pool').select('balance_ore').executeTakeFirstOrThrow()).balance_ore;
    await recordPoolEntry(ctx, { kind: 'deposit', amountOre: MIO, planId: null, decision: 'Budget', decidedOn: '2023-01-01', note: '' });
    await recordPoolEntry(ctx, {
      kind: 'allocation',
      amountOre: 0.5 * MIO,
      planId: p.plan.id,
      decision: 'BR',
      decidedOn: '2023-01-02',
      note: '',
    });
    const start = await balance();

    // 4 mio. → 3,2 mio. kr.: both lines give up 400.000 kr. in 2026; the municipality pays 400.000 kr., 100.000 kr. less.
    const smaller = await submitted(p.plan.id, 'Mindre ramme', [
      { op: 'changeFrame', before: await frameNow(t.db, p.plan.id), after: { frameOre: 3.2 * MIO, funders: funders(3.2 * MIO, party) } },
      ...[p.lines.staff, p.lines.activity].map((lineId) => ({
        op: 'setLineAmount',
        lineId,
        year: 2026,
        before: { amountOre: 0.5 * MIO },
        after: { amountOre: 0.1 * MIO },
      })),
    ]);
    const ok = await api(`/change-requests/${smaller.id}/approve`, partyMember, { version: smaller.version, note: 'Godkendt' });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await balance()).toBe(start + 0.1 * MIO);
    const entries = await t.db
      .selectFrom('pool_entry')
      .select(['kind', 'amount_ore', 'decision'])
      .where('plan_id', '=', p.plan.id)
      .orderBy('seq')
      .execute();
    expect(entries.at(-1)).toEqual({ kind: 'release', amount_ore: 0.1 * MIO, decision: 'Ændringsanmodning nr. 1: Mindre ramme' });
    expect((await planFinance(t.db, p.plan.id)).frameOre).toBe(3.2 * MIO);

    // A larger frame whose municipal share takes more than the pool holds: proposed fine, refused at approval.
    const bal = await balance();
    const frame = 8 * (bal + 0.4 * MIO + 0.1 * MIO);
    const larger = await submitted(p.plan.id, 'Meget større ramme', [
      { op: 'changeFrame', before: await frameNow(t.db, p.plan.id), after: { frameOre: frame, funders: funders(frame, party) } },
      {
        op: 'addBudgetLine',
        line: { name: 'Byggeri', kind: 'other', activityId: null },
        amounts: [{ year: 2026, amountOre: frame - 3.2 * MIO }],
      },
    ]);
    const was = await counts(p.plan.id);
    const refused = await api(`/change-requests/${larger.id}/approve`, partyMember, { version: larger.version, note: 'Godkendt' });
    expect(refused.status).toBe(409);
    const detail = (await refused.json()).detail as string;
    expect(detail).toMatch(/^Puljen rummer .* kr\.; en tildeling på .* kr\. ville give en negativ saldo/);
    expect(detail).toContain('Intet er ændret.');
    expect(await counts(p.plan.id)).toEqual(was);
    expect(await balance()).toBe(bal);
  });

  it('R3 ids from another plan are refused at proposal: a line of another plan, an activity of another plan, a funder not party to the grant', async () => {
    const mine = await activePlan(t.db, { organisationIds: [party.id], districtNumber: 3 });
    const other = await makeOrganisation(t.db, { shortName: 'ANDEN' });
    const theirs = await activePlan(t.db, { organisationIds: [other.id], districtNumber: 3 });
    const sub = await t.db
      .insertInto('sub_agreement')
      .values({ plan_id: theirs.plan.id, focus_area_id: (await t.db.selectFrom('focus_area').select('id').executeTakeFirstOrThrow()).id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const activity = await t.db
      .insertInto('activity')
      .values({ plan_id: theirs.plan.id, sub_agreement_id: sub.id, title: 'Deres aktivitet' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const propose = (edits: unknown[]) =>
      api(`/plans/${mine.plan.id}/change-requests`, leader, { kind: 'budget_change', title: 'Fremmed', justification: 'x', edits });
    const cases: [unknown[], string, string][] = [
      [
        [
          {
            op: 'setLineAmount',
            lineId: theirs.lines.staff,
            year: 2026,
            before: { amountOre: 0.5 * MIO },
            after: { amountOre: 0.4 * MIO },
          },
        ],
        'lineId',
        `Budgetlinjen med id ${theirs.lines.staff} hører ikke til planen.`,
      ],
      [
        [{ op: 'addBudgetYear', year: 2026, amounts: [{ lineId: theirs.lines.activity, amountOre: MIO }], before: { yearOre: 0 } }],
        'lineId',
        `Budgetlinjen med id ${theirs.lines.activity} hører ikke til planen.`,
      ],
      [
        [
          {
            op: 'addBudgetLine',
            line: { name: 'Deres', kind: 'activity', activityId: activity.id },
            amounts: [{ year: 2026, amountOre: MIO }],
          },
        ],
        'activityId',
        `Aktiviteten med id ${activity.id} hører ikke til planen.`,
      ],
      [
        [
          {
            op: 'changeFrame',
            before: await frameNow(t.db, mine.plan.id),
            after: { frameOre: 4 * MIO, funders: funders(4 * MIO, { id: other.id, name: 'ANDEN' }) },
          },
        ],
        'funders',
        `Boligorganisationen med id ${other.id} er ikke part i planens bevilling og kan ikke stå som finansieringskilde.`,
      ],
    ];
    for (const [edits, field, message] of cases) {
      const res = await propose(edits);
      expect(res.status, JSON.stringify(edits)).toBe(400);
      expect((await res.json()).errors[field]).toBe(message);
    }
    expect((await counts(mine.plan.id)).requests).toBe(0);
    expect((await planFinance(t.db, theirs.plan.id)).frameOre).toBe(4 * MIO);
  });

  it('R1 the proposal form gives a plan without a budget its budget; a refused form keeps the input and says why in Danish', async () => {
    const { plan } = await makePlan(t.db, { organisationIds: [party.id], state: 'active', districtNumber: 3 });
    const form = await (await t.request(`/planer/${plan.id}/aendringer/ny?type=budget_change`, { session: leader })).text();
    expect(form).toContain('Planen har endnu intet budget');
    expect(form).toContain('PARTEN (kr.)');
    // The form is shown only to those who may submit it.
    const outsider = await t.as([{ role: 'organisation', organisationId: (await makeOrganisation(t.db)).id }], 'Udenforstående');
    const refusedForm = await t.request(`/planer/${plan.id}/aendringer/ny?type=budget_change`, { session: outsider });
    expect(refusedForm.status).toBe(403);
    expect(await refusedForm.text()).toContain('foreslås af planens projektleder');
    const values = {
      kind: 'budget_change',
      requestTitle: 'Budget til planen',
      justification: 'Planen blev sat i gang uden budget.',
      frame: '8.000.000',
      funder0: '6.000.000',
      funder1: '1.500.000',
      funder2: '500.000',
      lineName: 'Drift',
      lineKind: 'staff',
      lineYear2023: '2.000.000',
      lineYear2024: '2.000.000',
      lineYear2025: '2.000.000',
      lineYear2026: '2.000.000',
    };
    const refused = await t.request(`/planer/${plan.id}/aendringer/ny`, { session: leader, form: values });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Kommunen betaler højst 12,50 % af planens samlede ramme');
    expect(html).toContain('value="1.500.000"');
    expect((await counts(plan.id)).requests).toBe(0);
    const ok = await t.request(`/planer/${plan.id}/aendringer/ny`, {
      session: leader,
      form: { ...values, funder1: '1.000.000', funder2: '1.000.000' },
    });
    expect(ok.status, await ok.clone().text()).toBe(303);
    const page = await (await t.request(ok.headers.get('location')!, { session: leader })).text();
    expect(page).toContain('Ændring af budget og ramme');
    expect(page).toContain('<ins>8.000.000,00 kr.</ins>');
  });
});
