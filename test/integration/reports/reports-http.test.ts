import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copenhagenInstant } from '../../../src/domain/governance/time.ts';
import { canonicalJson } from '../../../src/domain/reports/index.ts';
import { buildReport, sendReportReminders } from '../../../src/services/reports/index.ts';
import { groupedHash } from '../../../src/services/reports/output.ts';
import { pdfPool } from '../../../src/services/pdf.ts';
import { createTestApp, FIXED_NOW, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { pdfText, workbookRows } from '../../support/documents.ts';
import { kr } from '../../../src/domain/money/amount.ts';
import { makeOrganisation } from '../../support/factories.ts';
import { activePlan, bodyId, seat } from '../changes/support.ts';

const sha = (b: ArrayBuffer | string) =>
  createHash('sha256')
    .update(typeof b === 'string' ? b : Buffer.from(b))
    .digest('hex');

describeDb('Yearly report to LBF (R6, R7, R10)', () => {
  let t: TestApp;
  let party: number;
  let planId: number;
  let lines: { staff: number; activity: number };
  let criterionId: number;
  let leader: Session;
  let staff: Session;
  let lbf: Session;
  let secretariat: Session;
  let boardMember: Session;
  let otherBoardMember: Session;
  let meetingId: number;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  const report = async (year: number, s: Session = staff) => (await api(`/plans/${planId}/reports/${year}`, s, undefined, 'GET')).json();
  const n = async <T>(q: Promise<{ rows: T[] }>) => (await q).rows;

  beforeAll(async () => {
    t = await createTestApp();
    party = (await makeOrganisation(t.db, { shortName: 'RAPPORTORG' })).id;
    const p = await activePlan(t.db, { organisationIds: [party], districtNumber: 3 });
    planId = p.plan.id;
    lines = p.lines;
    // The goal chain: a criterion with measurements in 2024 and 2025 (one after the year's end, which the 2025 report must not show).
    const goal = await t.db
      .insertInto('goal')
      .values({ plan_id: planId, title: 'Flere unge i uddannelse', description: 'Uddannelse', sort: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    criterionId = (
      await t.db
        .insertInto('success_criterion')
        .values({
          plan_id: planId,
          goal_id: goal.id,
          indicator_name: 'Andel unge i uddannelse',
          unit: '%',
          direction: 'increase',
          baseline_value: 40,
          baseline_date: '2023-01-01',
          target_value: 60,
          target_date: '2026-12-31',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const [value, on] of [
      [44, '2024-06-30'],
      [47, '2025-03-31'],
      [52, '2025-09-30'],
      [55, '2026-03-31'],
    ] as const) {
      await t.db
        .insertInto('measurement')
        .values({ plan_id: planId, criterion_id: criterionId, value, measured_on: on, source: 'Test', recorded_by_label: 'test' })
        .execute();
    }
    const focus = await t.db.selectFrom('focus_area').select('id').limit(1).executeTakeFirstOrThrow();
    const sub = await t.db
      .insertInto('sub_agreement')
      .values({ plan_id: planId, focus_area_id: focus.id, summary: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const act = await t.db
      .insertInto('activity')
      .values({
        plan_id: planId,
        sub_agreement_id: sub.id,
        title: 'Lektiecafé',
        starts_on: '2023-01-01',
        ends_on: '2026-12-31',
        status: 'running',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('activity')
      .values({
        plan_id: planId,
        sub_agreement_id: sub.id,
        title: 'Sommerskole',
        starts_on: '2023-06-01',
        ends_on: '2024-08-31',
        status: 'ended',
      })
      .execute();
    // Accounts for 2024 and 2025, and an approved change in 2025.
    for (const [line, year, ore] of [
      [lines.staff, 2024, 41_000_000],
      [lines.activity, 2024, 52_345_67],
      [lines.staff, 2025, 48_000_000],
      [lines.activity, 2025, 50_000_001],
      [lines.activity, 2025, -1_000_000],
    ] as const) {
      await t.db
        .insertInto('account_entry')
        .values({ plan_id: planId, line_id: line, year, amount_ore: ore, created_by_label: 'test' })
        .execute();
    }
    await t.db
      .insertInto('change_request')
      .values({
        plan_id: planId,
        number: 1,
        kind: 'activity_content',
        title: 'Lektiecaféen åbner om lørdagen',
        justification: 'x',
        edits: JSON.stringify([{ op: 'updateActivity', activityId: act.id, before: {}, after: {} }]),
        based_on_version: 1,
        state: 'applied',
        proposed_by: null,
        proposed_by_label: 'test',
        body_id: null,
        decision_mode: null,
        meeting_id: null,
        written_deadline: null,
        submitted_at: null,
        decided_at: null,
        decided_by: null,
        lbf_decision_date: null,
        applied_at: new Date('2025-05-02T10:00:00Z'),
        applied_version: 2,
      })
      .execute();
    leader = await t.as([{ role: 'project_leader', planId }], 'Projektleder');
    staff = await t.as([{ role: 'organisation', organisationId: party }], 'Forretningsfører');
    lbf = await t.as([{ role: 'lbf' }], 'LBF');
    secretariat = await t.as([{ role: 'secretariat' }], 'Sekretariat');
    boardMember = await t.as([{ role: 'organisation', organisationId: party }], 'Medlem Nørrebro');
    otherBoardMember = await t.as([{ role: 'organisation', organisationId: party }], 'Medlem Amager');
    const noerrebro = await bodyId(t.db, 'bydel-noerrebro');
    await seat(t.db, noerrebro, { userId: (boardMember.actor as { id: number }).id, organisationId: party });
    await seat(t.db, await bodyId(t.db, 'bydel-amager'), { userId: (otherBoardMember.actor as { id: number }).id, organisationId: party });
    meetingId = (
      await t.db
        .insertInto('meeting')
        .values({
          body_id: noerrebro,
          starts_at: copenhagenInstant('2026-09-10', '14:00'),
          ends_at: copenhagenInstant('2026-09-10', '16:00'),
          place: 'Nørrebro',
          state: 'held',
          agenda_sent_at: null,
          held_at: null,
          minutes_sent_at: null,
          minutes_approved_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  it('R6 builds the 2025 report from data, and every number in it equals a direct SQL query', async () => {
    const r = await report(2025);
    const c = r.content;
    expect(r.state).toBe('missing');
    // Budget lines: the year and cumulative, budget and actual.
    const sqlLines = await n(
      sql<{ name: string; budget: string; actual: string; cum_budget: string; cum_actual: string }>`
      SELECT l.name,
        (SELECT coalesce(sum(amount_ore), 0) FROM budget_amount WHERE line_id = l.id AND year = 2025) AS budget,
        (SELECT coalesce(sum(amount_ore), 0) FROM account_entry WHERE line_id = l.id AND year = 2025) AS actual,
        (SELECT coalesce(sum(amount_ore), 0) FROM budget_amount WHERE line_id = l.id AND year <= 2025) AS cum_budget,
        (SELECT coalesce(sum(amount_ore), 0) FROM account_entry WHERE line_id = l.id AND year <= 2025) AS cum_actual
      FROM budget_line l WHERE l.plan_id = ${planId} ORDER BY l.sort`.execute(t.db),
    );
    expect(c.finance.lines).toEqual(
      sqlLines.map((l) => ({
        name: l.name,
        budgetOre: Number(l.budget),
        actualOre: Number(l.actual),
        varianceOre: Number(l.budget) - Number(l.actual),
        cumulativeBudgetOre: Number(l.cum_budget),
        cumulativeActualOre: Number(l.cum_actual),
      })),
    );
    const [tot] = await n(
      sql<{ budget: string; actual: string; cum_budget: string; cum_actual: string }>`
      SELECT (SELECT sum(a.amount_ore) FROM budget_amount a JOIN budget_line l ON l.id = a.line_id WHERE l.plan_id = ${planId} AND a.year = 2025) AS budget,
             (SELECT sum(amount_ore) FROM account_entry WHERE plan_id = ${planId} AND year = 2025) AS actual,
             (SELECT sum(a.amount_ore) FROM budget_amount a JOIN budget_line l ON l.id = a.line_id WHERE l.plan_id = ${planId} AND a.year <= 2025) AS cum_budget,
             (SELECT sum(amount_ore) FROM account_entry WHERE plan_id = ${planId} AND year <= 2025) AS cum_actual`.execute(t.db),
    );
    expect(c.finance.totals).toMatchObject({
      budgetOre: Number(tot!.budget),
      actualOre: Number(tot!.actual),
      varianceOre: Number(tot!.budget) - Number(tot!.actual),
      cumulativeBudgetOre: Number(tot!.cum_budget),
      cumulativeActualOre: Number(tot!.cum_actual),
    });
    // Funders: the frame, each funder's amount and share of it, and every amount of the year split by that share
    // exactly as the report states (floor to the øre, the øre left over to the funders in order), all in SQL.
    const funders = await n(
      sql<{ name: string; amount_ore: string; frame: string; share_bp: string }>`
      SELECT f.name, f.amount_ore, b.frame_ore AS frame, round(f.amount_ore * 10000.0 / b.frame_ore)::int AS share_bp
      FROM funder f JOIN budget b ON b.plan_id = f.plan_id WHERE f.plan_id = ${planId} ORDER BY f.sort, f.id`.execute(t.db),
    );
    expect(c.finance.frameOre).toBe(Number(funders[0]!.frame));
    expect(c.finance.funders.map((f: { name: string; amountOre: number; shareBp: number }) => [f.name, f.amountOre, f.shareBp])).toEqual(
      funders.map((f) => [f.name, Number(f.amount_ore), Number(f.share_bp)]),
    );
    const splitInSql = async (amount: number) =>
      (
        await n(
          sql<{ part: string }>`
        WITH f AS (SELECT f.amount_ore, b.frame_ore, row_number() OVER (ORDER BY f.sort, f.id) AS rn FROM funder f JOIN budget b ON b.plan_id = f.plan_id WHERE f.plan_id = ${planId}),
             s AS (SELECT rn, amount_ore, frame_ore, div(abs(${amount}::numeric) * amount_ore, frame_ore) AS floor_share FROM f),
             r AS (SELECT div(abs(${amount}::numeric) * sum(amount_ore), max(frame_ore)) - sum(floor_share) AS rest FROM s)
        SELECT (sign(${amount}::numeric) * (floor_share + CASE WHEN rn <= (SELECT rest FROM r) THEN 1 ELSE 0 END))::bigint AS part FROM s ORDER BY rn`.execute(
            t.db,
          ),
        )
      ).map((x) => Number(x.part));
    const sqlParts = {
      budgetOre: await splitInSql(Number(tot!.budget)),
      actualOre: await splitInSql(Number(tot!.actual)),
      cumulativeBudgetOre: await splitInSql(Number(tot!.cum_budget)),
      cumulativeActualOre: await splitInSql(Number(tot!.cum_actual)),
    };
    expect(
      c.finance.funders.map((f: Record<string, number>) => [
        f.budgetOre,
        f.actualOre,
        f.varianceOre,
        f.cumulativeBudgetOre,
        f.cumulativeActualOre,
      ]),
    ).toEqual(
      funders.map((_, i) => [
        sqlParts.budgetOre[i],
        sqlParts.actualOre[i],
        sqlParts.budgetOre[i]! - sqlParts.actualOre[i]!,
        sqlParts.cumulativeBudgetOre[i],
        sqlParts.cumulativeActualOre[i],
      ]),
    );
    for (const k of ['budgetOre', 'actualOre', 'cumulativeBudgetOre', 'cumulativeActualOre'] as const) {
      expect(c.finance.funders.reduce((s: number, f: Record<string, number>) => s + f[k]!, 0)).toBe(c.finance.totals[k]);
    }
    // The goal chain: baseline, target, the year's measurements, the latest up to the year's end.
    const cr = c.goals[0].criteria[0];
    const [crit] = await n(
      sql<{
        baseline_value: string;
        target_value: string;
        baseline_date: string;
        target_date: string;
      }>`SELECT baseline_value, target_value, baseline_date::text, target_date::text FROM success_criterion WHERE id = ${criterionId}`.execute(
        t.db,
      ),
    );
    expect(cr.baseline).toEqual({ value: Number(crit!.baseline_value), date: crit!.baseline_date });
    expect(cr.target).toEqual({ value: Number(crit!.target_value), date: crit!.target_date });
    const yearValues = await n(
      sql<{
        value: string;
        measured_on: string;
      }>`SELECT value, measured_on::text FROM measurement WHERE criterion_id = ${criterionId} AND measured_on BETWEEN '2025-01-01' AND '2025-12-31' ORDER BY measured_on`.execute(
        t.db,
      ),
    );
    expect(cr.yearValues).toEqual(yearValues.map((m) => ({ value: Number(m.value), measuredOn: m.measured_on })));
    const [latest] = await n(
      sql<{
        value: string;
        measured_on: string;
      }>`SELECT value, measured_on::text FROM measurement WHERE criterion_id = ${criterionId} AND measured_on <= '2025-12-31' ORDER BY measured_on DESC LIMIT 1`.execute(
        t.db,
      ),
    );
    expect(cr.latest).toEqual({ value: Number(latest!.value), measuredOn: latest!.measured_on });
    // R4: the value expected on the day of the latest measurement, by linear interpolation from baseline to target.
    const [exp] = await n(
      sql<{ expected: string }>`
      SELECT baseline_value + (target_value - baseline_value) * least(1, greatest(0, (${latest!.measured_on}::date - baseline_date)::numeric / (target_date - baseline_date))) AS expected
      FROM success_criterion WHERE id = ${criterionId}`.execute(t.db),
    );
    expect(cr.expected).toBeCloseTo(Number(exp!.expected), 9);
    // 52 measured on 30.09.2025 against ≈ 53.7 expected: at least half the expected gain is reached.
    expect(cr.status).toBe('at_risk');
    expect(c.goals.flatMap((g: { criteria: unknown[] }) => g.criteria)).toHaveLength(
      Number((await n(sql<{ n: string }>`SELECT count(*) AS n FROM success_criterion WHERE plan_id = ${planId}`.execute(t.db)))[0]!.n),
    );
    // Activities and the changes approved in the year.
    const acts = await n(sql<{ title: string }>`SELECT title FROM activity WHERE plan_id = ${planId} ORDER BY id`.execute(t.db));
    expect(c.activities.map((a: { title: string }) => a.title)).toEqual(acts.map((a) => a.title));
    expect(c.activities.map((a: { status: string }) => a.status)).toEqual(['running', 'ended']);
    expect(c.activities[0].changes).toEqual(['Ændringsanmodning nr. 1: Lektiecaféen åbner om lørdagen']);
    const changes = await n(
      sql<{
        number: number;
      }>`SELECT number FROM change_request WHERE plan_id = ${planId} AND state = 'applied' AND applied_at >= '2025-01-01' AND applied_at < '2026-01-01'`.execute(
        t.db,
      ),
    );
    expect(c.changes.map((x: { number: number }) => x.number)).toEqual(changes.map((x) => x.number));
    // The PDF and the Excel workbook say the same.
    const pdf = await pdfText(
      new Uint8Array(await (await t.request(`/planer/${planId}/rapporter/2025/rapport.pdf`, { session: staff })).arrayBuffer()),
    );
    expect(pdf).toContain('Flere unge i uddannelse');
    expect(pdf).toContain('Indhold');
    // The money tables say «kr.» in their headers; each cell holds the whole amount.
    for (const k of ['budgetOre', 'actualOre', 'varianceOre', 'cumulativeBudgetOre', 'cumulativeActualOre'] as const)
      expect(pdf).toContain(kr(c.finance.totals[k]).replace(' kr.', ''));
    const xlsx = await workbookRows(
      new Uint8Array(await (await t.request(`/planer/${planId}/rapporter/2025/rapport.xlsx`, { session: staff })).arrayBuffer()),
    );
    const kroner = (ore: number) => String(ore / 100);
    const moneyCells = (r: Record<string, number>) =>
      [r.budgetOre, r.actualOre, r.varianceOre, r.cumulativeBudgetOre, r.cumulativeActualOre].map((x) => kroner(x!));
    expect(xlsx['Budgetlinjer']!.slice(1)).toEqual(
      [...c.finance.lines, c.finance.totals].map((l: Record<string, number> & { name: string }) => [l.name, ...moneyCells(l)]),
    );
    expect(xlsx['Finansiering']!.slice(1)).toEqual(
      c.finance.funders.map((f: Record<string, number> & { name: string }) => [f.name, String(f.shareBp! / 100), ...moneyCells(f)]),
    );
    expect(xlsx['Målinger i året']!.slice(1)).toEqual(
      yearValues.map((m) => ['Andel unge i uddannelse', '%', m.measured_on, String(Number(m.value))]),
    );
  });

  it('R6 R7 workflow: the project leader writes, the organisation approves and submits (frozen with its hash), LBF acknowledges; later data changes do not alter it', async () => {
    // Marking ready needs every narrative section, named in Danish.
    let res = await api(
      `/plans/${planId}/reports/2025/narrative`,
      leader,
      { version: 0, narrative: { results: 'Flere i uddannelse.' } },
      'PUT',
    );
    expect(res.status, await res.clone().text()).toBe(200);
    let version = (await res.json()).version;
    res = await api(`/plans/${planId}/reports/2025/transitions`, leader, { version, action: 'markReady' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toMatchObject({
      challenges: 'Skriv afsnittet «Udfordringer», før rapporten sendes til godkendelse.',
      // R6 — and next year's milestone plan.
      milestones: 'Tilføj mindst én milepæl for 2026, før rapporten sendes til godkendelse.',
    });
    const narrative = {
      results: 'Flere i uddannelse.',
      challenges: 'Forældre.',
      adjustments: 'Mere lektiehjælp.',
      nextFocus: 'Job.',
      residentInvolvement: 'Beboermøder.',
    };
    // R6 — a milestone outside the next year is refused with its reason; nothing is saved.
    res = await api(
      `/plans/${planId}/reports/2025/narrative`,
      leader,
      { version, narrative, milestones: [{ dueOn: '2025-11-01', description: 'Jobmesse', responsible: 'Projektlederen' }] },
      'PUT',
    );
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({
      'milestones.0.dueOn': 'Milepælsplanen gælder 2026: milepælen «Jobmesse» er dateret 01.11.2025.',
    });
    res = await api(
      `/plans/${planId}/reports/2025/narrative`,
      leader,
      { version, narrative, milestones: [{ dueOn: '2026-02-30', description: '', responsible: 'X' }] },
      'PUT',
    );
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).errors).sort()).toEqual(['milestones.0.description', 'milestones.0.dueOn']);
    res = await api(
      `/plans/${planId}/reports/2025/narrative`,
      leader,
      {
        version,
        narrative,
        milestones: [
          { dueOn: '2026-09-01', description: 'Fritidsjobmesse', responsible: 'Jobkonsulenten' },
          { dueOn: '2026-03-15', description: 'Lektiecaféen to dage om ugen', responsible: 'Projektlederen' },
        ],
      },
      'PUT',
    );
    expect(res.status, await res.clone().text()).toBe(200);
    version = (await res.json()).version;
    // In date order, on the report.
    expect((await report(2025)).milestones.map((m: { description: string }) => m.description)).toEqual([
      'Lektiecaféen to dage om ugen',
      'Fritidsjobmesse',
    ]);
    version = (await (await api(`/plans/${planId}/reports/2025/transitions`, leader, { version, action: 'markReady' })).json()).version;
    // R7: the housing organisation approves and submits, not the project leader.
    res = await api(`/plans/${planId}/reports/2025/transitions`, leader, { version, action: 'approve' });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toContain('Boligorganisationerne bag planen godkender');
    version = (await (await api(`/plans/${planId}/reports/2025/transitions`, staff, { version, action: 'approve' })).json()).version;
    res = await api(`/plans/${planId}/reports/2025/transitions`, staff, { version, action: 'submit' });
    expect(res.status, await res.clone().text()).toBe(200);
    version = (await res.json()).version;

    const row = await t.db
      .selectFrom('report')
      .select(['snapshot', 'content_hash', 'state'])
      .where('plan_id', '=', planId)
      .where('year', '=', 2025)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('submitted');
    expect(row.content_hash).toBe(sha(canonicalJson(row.snapshot)));
    // R6 — the milestone plan is frozen in the snapshot and printed in the PDF and the workbook.
    expect((row.snapshot as { milestones: unknown[] }).milestones).toEqual([
      { dueOn: '2026-03-15', description: 'Lektiecaféen to dage om ugen', responsible: 'Projektlederen' },
      { dueOn: '2026-09-01', description: 'Fritidsjobmesse', responsible: 'Jobkonsulenten' },
    ]);
    const before = await report(2025);
    const pdfUrl = `/planer/${planId}/rapporter/2025/rapport.pdf`;
    const pdfBytes1 = await (await t.request(pdfUrl, { session: lbf })).arrayBuffer();
    const pdf1 = sha(pdfBytes1);
    const xlsxRows1 = await workbookRows(
      new Uint8Array(await (await t.request(`/planer/${planId}/rapporter/2025/rapport.xlsx`, { session: lbf })).arrayBuffer()),
    );
    expect(xlsxRows1['Milepælsplan 2026']!.slice(1).map((r) => r.slice(1))).toEqual([
      ['Lektiecaféen to dage om ugen', 'Projektlederen'],
      ['Fritidsjobmesse', 'Jobkonsulenten'],
    ]);
    const pdf1Text = await pdfText(new Uint8Array(pdfBytes1));
    expect(pdf1Text).toContain('Milepælsplan for 2026');
    expect(pdf1Text).toContain('Fritidsjobmesse');
    // A submitted report's milestone plan cannot be changed.
    res = await api(
      `/plans/${planId}/reports/2025/narrative`,
      leader,
      { version, narrative, milestones: [{ dueOn: '2026-05-01', description: 'Ny', responsible: 'X' }] },
      'PUT',
    );
    expect(res.status).toBe(400);

    // The plan moves on: new accounts and a new measurement for 2025, the plan and its goal renamed, a budget amount changed.
    const [planName, goalTitle] = [before.content.plan.name, before.content.goals[0].title];
    await t.db
      .insertInto('account_entry')
      .values({ plan_id: planId, line_id: lines.staff, year: 2025, amount_ore: 7_777_700, created_by_label: 'efter' })
      .execute();
    await t.db
      .insertInto('measurement')
      .values({
        plan_id: planId,
        criterion_id: criterionId,
        value: 58,
        measured_on: '2025-12-01',
        source: 'efter',
        recorded_by_label: 'test',
      })
      .execute();
    await t.db.updateTable('plan').set({ name: 'Omdøbt plan' }).where('id', '=', planId).execute();
    await t.db.updateTable('goal').set({ title: 'Omdøbt mål' }).where('plan_id', '=', planId).execute();
    await t.db
      .updateTable('budget_amount')
      .set({ amount_ore: sql`amount_ore + 100` })
      .where('line_id', '=', lines.activity)
      .where('year', '=', 2025)
      .execute();
    expect((await buildReport(t.db, planId, 2025)).goals[0]!.title).toBe('Omdøbt mål');
    const after = await report(2025);
    expect(after.content).toEqual(before.content);
    expect(after.contentHash).toBe(row.content_hash);
    const pdfBytes2 = await (await t.request(pdfUrl, { session: lbf })).arrayBuffer();
    expect(sha(pdfBytes2)).toBe(pdf1);
    const text = await pdfText(new Uint8Array(pdfBytes2));
    expect(text).toContain(planName);
    expect(text).toContain(goalTitle);
    expect(text).not.toContain('Omdøbt');
    expect(text).toContain(groupedHash(row.content_hash!));
    expect(
      await workbookRows(
        new Uint8Array(await (await t.request(`/planer/${planId}/rapporter/2025/rapport.xlsx`, { session: lbf })).arrayBuffer()),
      ),
    ).toEqual(xlsxRows1);

    // Only LBF acknowledges.
    expect((await api(`/plans/${planId}/reports/2025/transitions`, staff, { version, action: 'acknowledge' })).status).toBe(403);
    res = await api(`/plans/${planId}/reports/2025/transitions`, lbf, { version, action: 'acknowledge', lbfReference: 'LBF-2026-1' });
    expect((await res.json()).state).toBe('acknowledged');
    // The document is the one that was sent: LBF's acknowledgement does not change its bytes either.
    expect(sha(await (await t.request(pdfUrl, { session: lbf })).arrayBuffer())).toBe(pdf1);

    // Reopening makes a new, linked revision from live data; the submitted one stays as it was.
    const cur = (await report(2025)).version;
    expect((await api(`/plans/${planId}/reports/2025/transitions`, staff, { version: cur, action: 'reopen' })).status).toBe(400);
    res = await api(`/plans/${planId}/reports/2025/transitions`, staff, { version: cur, action: 'reopen', reason: 'Regnskabet er rettet' });
    expect(await res.json()).toMatchObject({ state: 'draft', revision: 2 });
    const revisions = await t.db
      .selectFrom('report')
      .select(['revision', 'state', 'content_hash', 'previous_id', 'id'])
      .where('plan_id', '=', planId)
      .where('year', '=', 2025)
      .orderBy('revision')
      .execute();
    expect(revisions.map((r) => [r.revision, r.state])).toEqual([
      [1, 'superseded'],
      [2, 'draft'],
    ]);
    expect(revisions[0]!.content_hash).toBe(row.content_hash);
    expect(revisions[1]!.previous_id).toBe(revisions[0]!.id);
    const rev2 = await report(2025);
    expect(rev2.content.finance.totals.actualOre).toBe(before.content.finance.totals.actualOre + 7_777_700);
    expect(rev2.content.plan.name).toBe('Omdøbt plan');
    expect(rev2.narrative.results).toBe('Flere i uddannelse.');
    expect(rev2.milestones).toHaveLength(2);
    // The submitted revision is still downloadable exactly as it was sent.
    expect(sha(await (await t.request(`${pdfUrl}?revision=1`, { session: lbf })).arrayBuffer())).toBe(pdf1);
    expect((await t.request(`${pdfUrl}?revision=2`, { session: lbf })).status).toBe(404);
    expect((await t.request(`/planer/${planId}/rapporter/2025`, { session: staff })).status).toBe(200);
    await t.db.updateTable('plan').set({ name: planName }).where('id', '=', planId).execute();
    await t.db.updateTable('goal').set({ title: goalTitle }).where('plan_id', '=', planId).execute();
  });

  it('R6 a submitted report’s PDF is laid out once, also for two requests at the same time, in the worker pool', async () => {
    // A report submitted at another moment is another document (its date is in it): not laid out before.
    await t.db
      .updateTable('report')
      .set({ submitted_at: sql`submitted_at + interval '1 second'` })
      .where('plan_id', '=', planId)
      .where('year', '=', 2025)
      .where('revision', '=', 1)
      .execute();
    const url = `/planer/${planId}/rapporter/2025/rapport.pdf?revision=1`;
    const before = pdfPool.layouts;
    const [a, b] = await Promise.all([t.request(url, { session: lbf }), t.request(url, { session: lbf })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [x, y] = [await a.arrayBuffer(), await b.arrayBuffer()];
    expect(pdfPool.layouts - before).toBe(1);
    expect(sha(x)).toBe(sha(y));
    const text = await pdfText(new Uint8Array(x));
    expect(text).toContain('Årsrapport');
    expect(text).toContain('Flere i uddannelse.');
    expect(text).not.toContain('Omdøbt');
    // Asked again: the kept bytes, no new layout.
    expect(sha(await (await t.request(url, { session: lbf })).arrayBuffer())).toBe(sha(x));
    expect(pdfPool.layouts - before).toBe(1);
  });

  it('R10 the deciding board records its verdict per criterion, linked to its meeting; it shows in next year’s report and on the plan page', async () => {
    const year = 2024;
    let version = (
      await (
        await api(
          `/plans/${planId}/reports/${year}/narrative`,
          leader,
          {
            version: 0,
            narrative: { results: 'a', challenges: 'b', adjustments: 'c', nextFocus: 'd', residentInvolvement: 'e' },
            milestones: [{ dueOn: `${year + 1}-05-01`, description: 'Milepæl', responsible: 'Projektlederen' }],
          },
          'PUT',
        )
      ).json()
    ).version;
    for (const [s, action] of [
      [leader, 'markReady'],
      [staff, 'approve'],
      [staff, 'submit'],
    ] as const)
      version = (await (await api(`/plans/${planId}/reports/${year}/transitions`, s, { version, action })).json()).version;
    const body = { version, decidedOn: '2026-09-10', meetingId, verdicts: [{ criterionId, verdict: 'partly_met', comment: 'Tæt på.' }] };
    // A member of another district board has no say; the plan's board (Nørrebro) has.
    expect((await api(`/plans/${planId}/reports/${year}/verdicts`, otherBoardMember, body)).status).toBe(403);
    const res = await api(`/plans/${planId}/reports/${year}/verdicts`, boardMember, body);
    expect(res.status, await res.clone().text()).toBe(200);
    const v = await t.db.selectFrom('report_verdict').select(['verdict', 'meeting_id', 'body_id']).executeTakeFirstOrThrow();
    expect(v).toEqual({ verdict: 'partly_met', meeting_id: meetingId, body_id: await bodyId(t.db, 'bydel-noerrebro') });
    // 2025's report (reopened as a draft, so live) shows the board's verdict on 2024.
    expect((await report(2025)).content.previousVerdicts).toEqual([
      {
        criterionId,
        indicator: 'Andel unge i uddannelse',
        verdict: 'partly_met',
        verdictLabel: 'Delvist opfyldt',
        comment: 'Tæt på.',
        year: 2024,
        decidedOn: '2026-09-10',
        bodyName: 'Bydelsbestyrelse Nørrebro',
      },
    ]);
    const draft2026 = await report(2026, leader);
    expect(draft2026.content.previousVerdicts).toEqual([]);
    const html = await (await t.request(`/planer/${planId}`, { session: leader })).text();
    expect(html).toContain('vurdering af årsrapport 2024');
    expect(html).toContain('Delvist opfyldt');
  });

  it('R6 deadlines, the overview (late first) and reminders that are sent once', async () => {
    expect((await api('/reports', staff, undefined, 'GET')).status).toBe(403);
    const rows = await (await api('/reports', lbf, undefined, 'GET')).json();
    const mine = rows
      .filter((r: { planId: number }) => r.planId === planId)
      .sort((a: { year: number }, b: { year: number }) => a.year - b.year);
    expect(mine.map((r: { year: number; status: string }) => [r.year, r.status])).toEqual([
      [2023, 'overdue'],
      [2024, 'submitted'],
      [2025, 'submitted'],
      [2026, 'not_due'],
    ]);
    expect(rows.findIndex((r: { status: string }) => r.status === 'overdue')).toBe(0);
    // The secretariat moves 2026's deadline close: it becomes "due soon" and a reminder goes out once.
    expect((await api('/report-deadlines/2026', staff, { version: 0, dueOn: '2026-12-01', remindDays: 14 }, 'PUT')).status).toBe(403);
    expect((await api('/report-deadlines/2026', secretariat, { version: 0, dueOn: '2026-12-01', remindDays: 14 }, 'PUT')).status).toBe(200);
    const sent = await sendReportReminders(t.db, FIXED_NOW);
    expect(sent).toBeGreaterThanOrEqual(2); // 2023 overdue and 2026 due soon (other tests' plans may add more)
    expect(await sendReportReminders(t.db, FIXED_NOW)).toBe(0);
    const inbox = await t.db
      .selectFrom('notification')
      .select(['title'])
      .where('user_id', '=', (leader.actor as { id: number }).id)
      .where('kind', 'like', 'report_%')
      .execute();
    expect(inbox.map((x) => x.title).sort()).toEqual(
      [
        expect.stringContaining('Årsrapport 2023 er forsinket'),
        expect.stringContaining('Årsrapport 2026 skal indsendes senest 01.12.2026'),
      ].sort(),
    );
  });

  describe('pages', () => {
    it('R6 the report page shows the sections and the narrative form keeps what was typed when a step is refused', async () => {
      const html = await (await t.request(`/planer/${planId}/rapporter/2026`, { session: leader })).text();
      for (const s of [
        '1. Mål og succeskriterier',
        '2. Aktiviteter',
        '3. Økonomi',
        '4. Ændringer godkendt i 2026',
        '6. Projektlederens beretning',
      ])
        expect(html).toContain(s);
      const save = await t.request(`/planer/${planId}/rapporter/2026/beretning`, {
        session: leader,
        form: { version: '0', results: 'Godt år', challenges: '' },
      });
      expect(save.status).toBe(303);
      const ready = await t.request(`/planer/${planId}/rapporter/2026/markReady`, { session: leader, form: { version: '1' } });
      expect(ready.status).toBe(400);
      const page = await ready.text();
      expect(page).toContain('Skriv afsnittet «Udfordringer»');
      expect(page).toContain('Tilføj mindst én milepæl for 2027');
      expect(page).toContain('Godt år');
      // R6 — the milestone rows: a date outside 2027 is refused next to its field, the input kept, nothing saved.
      const wrong = await t.request(`/planer/${planId}/rapporter/2026/beretning`, {
        session: leader,
        form: {
          version: '1',
          results: 'Godt år',
          'milestones.0.dueOn': '2027-02-01',
          'milestones.0.description': 'Sommerlejr planlagt',
          'milestones.0.responsible': 'Projektlederen',
          'milestones.1.dueOn': '',
          'milestones.1.description': '',
          'milestones.1.responsible': '',
          'milestones.2.dueOn': '2026-12-01',
          'milestones.2.description': 'Julemarked',
          'milestones.2.responsible': 'Beboerne',
        },
      });
      expect(wrong.status).toBe(400);
      const wrongPage = await wrong.text();
      expect(wrongPage).toContain('Milepælsplanen gælder 2027: milepælen «Julemarked» er dateret 01.12.2026.');
      expect(wrongPage).toMatch(/id="narrative-milestones\.2\.dueOn-error"/);
      expect(wrongPage).toContain('value="Sommerlejr planlagt"');
      expect((await report(2026)).milestones).toEqual([]);
      const saved = await t.request(`/planer/${planId}/rapporter/2026/beretning`, {
        session: leader,
        form: {
          version: '1',
          results: 'Godt år',
          'milestones.0.dueOn': '2027-02-01',
          'milestones.0.description': 'Sommerlejr planlagt',
          'milestones.0.responsible': 'Projektlederen',
          'milestones.1.dueOn': '',
          'milestones.1.description': '',
          'milestones.1.responsible': '',
        },
      });
      expect(saved.status).toBe(303);
      const shown = await (await t.request(`/planer/${planId}/rapporter/2026`, { session: leader })).text();
      expect(shown).toContain('Milepælsplan for 2027');
      expect(shown).toContain('value="Sommerlejr planlagt"');
      expect((await report(2026)).milestones).toEqual([
        { dueOn: '2027-02-01', description: 'Sommerlejr planlagt', responsible: 'Projektlederen' },
      ]);
      // Anonymous readers see the submitted report, not the draft.
      expect((await t.request(`/planer/${planId}/rapporter/2024`)).status).toBe(200);
      expect((await t.request(`/planer/${planId}/rapporter/2026`)).status).toBe(401);
    });
  });
});
