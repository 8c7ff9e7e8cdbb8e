import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invalid } from '../../../src/errors.ts';
import { systemActor } from '../../../src/policy/actor.ts';
import { applyBudgetReallocation, importFinished, planFinance } from '../../../src/services/money/index.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { workbookRows } from '../../support/documents.ts';
import { poolEligible } from '../../support/cooperation.ts';
import { makeOrganisation, makePlan } from '../../support/factories.ts';
import { councilApproval, planWithBudget, upload } from './support.ts';

describeDb('Money over HTTP (R1, R7, R8)', () => {
  let t: TestApp;
  let org: number;
  let party: Session;
  let outsider: Session;
  let admin: Session;
  let tmf: Session;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });

  beforeAll(async () => {
    t = await createTestApp();
    org = (await makeOrganisation(t.db, { shortName: 'PENGE' })).id;
    party = await t.as([{ role: 'organisation', organisationId: org }]);
    outsider = await t.as([{ role: 'organisation', organisationId: (await makeOrganisation(t.db)).id }]);
    admin = await t.as([{ role: 'admin' }]);
    tmf = await t.as([{ role: 'municipal', administration: 'TMF' }]);
  });
  afterAll(() => t.close());

  describe('budget', () => {
    it('R1 a new budget form proposes 75 / 12,5 / 12,5 from the frame', async () => {
      const { plan } = await makePlan(t.db, { organisationIds: [org] });
      const html = await (await t.request(`/planer/${plan.id}/oekonomi/budget?ramme=2.000.000`, { session: party })).text();
      expect(html).toContain('value="1.500.000"');
      expect(html.match(/value="250.000"/g)?.length).toBe(2);
    });

    it('R1 a budget whose lines and funders do not add up, or with LBF above 75 %, cannot be saved; the message names the rule and the amounts', async () => {
      const { plan } = await makePlan(t.db, { organisationIds: [org] });
      const form = {
        version: '0',
        frame: '1.000.000',
        'line-0-name': 'Personale',
        'line-0-kind': 'staff',
        'line-0-y2023': '500.000',
        'line-0-y2024': '400.000',
        'funder-0-kind': 'lbf',
        'funder-0-amount': '800.000',
        'funder-1-kind': 'municipality',
        'funder-1-amount': '200.000',
      };
      const res = await t.request(`/planer/${plan.id}/oekonomi/budget`, { session: party, form });
      expect(res.status).toBe(400);
      const html = (await res.text()).replace(/&#39;|&quot;/g, '');
      expect(html).toContain('Budgetlinjerne summer til 900.000,00 kr., men planens ramme er 1.000.000,00 kr. (mangler: 100.000,00 kr.)');
      expect(html).toContain(
        'Landsbyggefonden finansierer 800.000,00 kr. = 80,00 % af rammen; i bevillingsperioden må fonden højst betale 75,00 % (750.000,00 kr.)',
      );
      expect(html).toContain('value="400.000"'); // input kept
      expect(await t.db.selectFrom('budget').select('plan_id').where('plan_id', '=', plan.id).executeTakeFirst()).toBeUndefined();

      const bad = await api(
        `/plans/${plan.id}/budget`,
        party,
        {
          version: 0,
          frameOre: 100_000_00,
          lines: [{ name: 'A', kind: 'staff', perYear: { '2023': 100_000_00 } }],
          funders: [
            { kind: 'lbf', name: 'LBF', amountOre: 90_000_00 },
            { kind: 'municipality', name: 'Kbh', amountOre: 10_000_00 },
          ],
        },
        'PUT',
      );
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(Object.values((await bad.json()).errors).join(' ')).toContain('Landsbyggefonden finansierer 90.000,00 kr. = 90,00 %');
    });

    it('R1, R7 a party organisation saves a valid budget; an outsider may not; a stale version is a conflict', async () => {
      const { plan } = await makePlan(t.db, { organisationIds: [org] });
      const form = {
        version: '0',
        frame: '1.000.000',
        'line-0-name': 'Personale',
        'line-0-kind': 'staff',
        'line-0-y2023': '500.000',
        'line-1-name': 'Lokaler',
        'line-1-kind': 'premises',
        'line-1-y2024': '500.000',
        'funder-0-kind': 'lbf',
        'funder-0-amount': '750.000',
        'funder-1-kind': 'municipality',
        'funder-1-amount': '125.000',
        'funder-2-kind': 'organisation',
        'funder-2-org': String(org),
        'funder-2-amount': '125.000',
      };
      expect((await t.request(`/planer/${plan.id}/oekonomi/budget`, { session: outsider, form })).status).toBe(403);
      const res = await t.request(`/planer/${plan.id}/oekonomi/budget`, { session: party, form });
      expect(res.status).toBe(303);
      const f = await planFinance(t.db, plan.id, '2026-11-22');
      expect(f.frameOre).toBe(100_000_000);
      expect(f.lines.map((l) => l.name)).toEqual(['Personale', 'Lokaler']);
      expect(f.funders.map((x) => [x.name, x.amountOre, x.shareBp])).toEqual([
        ['Landsbyggefonden', 75_000_000, 7500],
        ['Københavns Kommune', 12_500_000, 1250],
        ['PENGE', 12_500_000, 1250],
      ]);
      expect(f.violations).toEqual([]);
      const page = await (await t.request(`/planer/${plan.id}/oekonomi`, { session: party })).text();
      expect(page).toContain('1.000.000,00 kr.');
      expect(page).toContain('Reglerne for finansiering er overholdt');
      const stale = await t.request(`/planer/${plan.id}/oekonomi/budget`, { session: party, form });
      expect(stale.status).toBe(409);
    });

    it('R1 after the municipal approval the budget is read-only for everyone, administrators included, and the page says why', async () => {
      const { plan } = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
      const page = await t.request(`/planer/${plan.id}/oekonomi/budget`, { session: admin });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Budgettet er låst');
      expect(html).toContain('ændringsanmodning');
      expect(html).not.toContain('name="frame"');
      const post = await t.request(`/planer/${plan.id}/oekonomi/budget`, { session: admin, form: { version: '1', frame: '1' } });
      expect(post.status).toBe(403);
      expect(await post.text()).toContain('også systemadministratorer');
      const put = await api(
        `/plans/${plan.id}/budget`,
        admin,
        {
          version: 1,
          frameOre: 100,
          lines: [{ name: 'A', kind: 'staff', perYear: { '2023': 100 } }],
          funders: [{ kind: 'municipality', name: 'K', amountOre: 100 }],
        },
        'PUT',
      );
      expect(put.status).toBe(403);
      expect((await put.json()).detail).toContain('Budgettet er låst');
    });

    it('R1 a reallocation (change request) moves money between lines in the caller’s transaction and refuses an R1 breach', async () => {
      const { plan, lines } = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
      await t.db
        .transaction()
        .execute((trx) =>
          applyBudgetReallocation(trx, plan.id, [{ fromLineId: lines.staff, toLineId: lines.activity, year: 2024, amountOre: 2_000_000 }]),
        );
      const f = await planFinance(t.db, plan.id);
      expect(f.lines.find((l) => l.id === lines.activity)!.perYear[2024]!.budgetOre).toBe(14_500_000);
      expect(f.lines.find((l) => l.id === lines.staff)!.perYear[2024]!.budgetOre).toBe(10_500_000);
      expect(f.totals.budgetOre).toBe(100_000_000);
      await expect(
        t.db
          .transaction()
          .execute((trx) =>
            applyBudgetReallocation(trx, plan.id, [
              { fromLineId: lines.staff, toLineId: lines.activity, year: 2024, amountOre: 20_000_000 },
            ]),
          ),
      ).rejects.toThrow(Invalid);
      const other = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
      await expect(
        t.db
          .transaction()
          .execute((trx) =>
            applyBudgetReallocation(trx, plan.id, [{ fromLineId: other.lines.staff, toLineId: lines.activity, year: 2024, amountOre: 1 }]),
          ),
      ).rejects.toThrow(Invalid);
      // rolled back: unchanged
      expect((await planFinance(t.db, plan.id)).lines.find((l) => l.id === lines.staff)!.perYear[2024]!.budgetOre).toBe(10_500_000);
    });
  });

  describe('accounts', () => {
    const csv = (rows: string[]) => ['Budgetlinje;År;Beløb;Dato;Tekst', ...rows].join('\r\n');

    it('R7 an accounts file with bad rows shows the row errors and saves nothing; the fixed file is imported all or nothing', async () => {
      const { plan } = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
      const bad = csv([
        'Personale;2024;100.000,00;31.03.2024;Løn',
        'Ukendt linje;2024;5.000;;',
        'Lektiecafé;2031;1.000;;',
        'Lektiecafé;2024;2.500,50;;Materialer',
      ]);
      const res = await upload(t, `/planer/${plan.id}/oekonomi/import`, party, { name: 'regnskab.csv', data: bad });
      expect(res.status).toBe(303);
      const preview = await (await t.request(res.headers.get('location')!, { session: party })).text();
      expect(preview).toContain('Række 3: Budgetlinjen »Ukendt linje« findes ikke i planens budget');
      expect(preview).toContain('Række 4: Året 2031 ligger uden for planens periode (2023–2026)');
      expect(preview).not.toContain('Indlæs 2 poster');
      const confirm = await t.request(res.headers.get('location')!, { session: party, form: {} });
      expect(confirm.status).toBe(400);
      expect(
        Number(
          (
            await t.db
              .selectFrom('account_entry')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('plan_id', '=', plan.id)
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(0);

      const good = csv(['Personale;2024;100.000,00;31.03.2024;Løn', 'Lektiecafé;2024;2.500,50;;Materialer', 'Personale;2023;"1.000";;']);
      const res2 = await upload(t, `/planer/${plan.id}/oekonomi/import`, party, { name: 'regnskab-rettet.csv', data: good });
      const preview2 = await (await t.request(res2.headers.get('location')!, { session: party })).text();
      expect(preview2).toContain('Indlæs 3 poster');
      const done = await t.request(res2.headers.get('location')!, { session: party, form: {} });
      expect(done.status).toBe(303);
      const f = await planFinance(t.db, plan.id, '2026-11-22');
      expect(f.totals.actualOre).toBe(10_000_000 + 250_050 + 100_000);
      expect(f.lines.find((l) => l.name === 'Personale')!.perYear[2024]!.actualOre).toBe(10_000_000);

      // R7 — importing 2024 again would replace the earlier imported 2024 postings: the preview shows what goes and
      // what comes, and nothing is replaced until the replacement is confirmed; 2023 stays.
      const again = await upload(t, `/planer/${plan.id}/oekonomi/import`, party, {
        name: 'r2024.csv',
        data: csv(['Personale;2024;50.000;;']),
      });
      const replacing = await (await t.request(again.headers.get('location')!, { session: party })).text();
      expect(replacing).toContain(
        'Indlæsningen erstatter 2 tidligere indlæste poster på i alt 102.500,50 kr. for 2024 med 1 post på i alt 50.000,00 kr.',
      );
      expect(replacing).toMatch(
        /<td[^>]*>2024<\/td><td[^>]*>2<\/td><td[^>]*>102\.500,50 kr\.<\/td><td[^>]*>1<\/td><td[^>]*>50\.000,00 kr\.<\/td>/,
      );
      const unconfirmed = await t.request(again.headers.get('location')!, { session: party, form: {} });
      expect(unconfirmed.status).toBe(400);
      expect(await unconfirmed.text()).toContain('Bekræft, at de tidligere indlæste poster skal erstattes; intet er gemt.');
      expect((await planFinance(t.db, plan.id)).totals.actualOre).toBe(10_000_000 + 250_050 + 100_000);
      const confirmed = await t.request(again.headers.get('location')!, { session: party, form: { confirmReplace: 'yes' } });
      expect(confirmed.status).toBe(303);
      expect((await planFinance(t.db, plan.id)).totals.actualOre).toBe(5_000_000 + 100_000);
      const audit = await t.db
        .selectFrom('audit_log')
        .select('changes')
        .where('plan_id', '=', plan.id)
        .where('action', '=', 'import')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit.changes).toEqual(
        expect.arrayContaining([
          { field: 'indlæste_poster', before: 2, after: 1 },
          { field: 'erstatning_bekræftet', before: null, after: true },
        ]),
      );
    });

    it('R7 reads Excel extracts too, and keeps manual postings apart', async () => {
      const { plan, lines } = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Ark1');
      ws.addRow(['Budgetlinje', 'Beløb', 'Dato']);
      ws.addRow(['personale', 1234.5, new Date('2025-02-01T00:00:00Z')]);
      ws.addRow(['Lektiecafé', '2.000,25', '15.06.2025']);
      const data = new Uint8Array(await wb.xlsx.writeBuffer());
      const res = await upload(t, `/planer/${plan.id}/oekonomi/import`, party, {
        name: 'udtraek.xlsx',
        data,
        type: 'application/octet-stream',
      });
      expect(res.status).toBe(303);
      expect((await t.request(res.headers.get('location')!, { session: party, form: {} })).status).toBe(303);
      expect((await planFinance(t.db, plan.id)).totals.perYear[2025]!.actualOre).toBe(123_450 + 200_025);
      const manual = await t.request(`/planer/${plan.id}/oekonomi/regnskab`, {
        session: party,
        form: { lineId: String(lines.staff), year: '2025', amount: '-450', text: 'Kreditnota' },
      });
      expect(manual.status).toBe(303);
      expect((await planFinance(t.db, plan.id)).totals.perYear[2025]!.actualOre).toBe(123_450 + 200_025 - 45_000);
      const badAmount = await t.request(`/planer/${plan.id}/oekonomi/regnskab`, {
        session: party,
        form: { lineId: String(lines.staff), year: '2025', amount: '12.34' },
      });
      expect(badAmount.status).toBe(400);
      expect(await badAmount.text()).toContain('Skriv beløbet i kroner');
      expect(
        (
          await t.request(`/planer/${plan.id}/oekonomi/regnskab`, {
            session: outsider,
            form: { lineId: String(lines.staff), year: '2025', amount: '1' },
          })
        ).status,
      ).toBe(403);
    });

    it('R7 a large file is booked in the background with progress, all or nothing', async () => {
      const { plan } = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
      const rows = Array.from({ length: 2500 }, (_, i) => `${i % 2 ? 'Personale' : 'Lektiecafé'};${2023 + (i % 3)};${i + 1},25;;Post ${i}`);
      const res = await upload(t, `/planer/${plan.id}/oekonomi/import`, party, { name: 'stor.csv', data: csv(rows) });
      const id = Number(res.headers.get('location')!.split('/').pop());
      const commit = await t.request(res.headers.get('location')!, { session: party, form: {} });
      expect(commit.headers.get('location')).toBe(`/planer/${plan.id}/oekonomi/import/${id}`);
      const running = await (await t.request(commit.headers.get('location')!, { session: party })).text();
      expect(running).toMatch(/<progress id="import-progress"|Regnskabet er indlæst/);
      await importFinished(id);
      const status = await (await t.request(`/planer/${plan.id}/oekonomi/import/${id}/status`, { session: party })).json();
      expect(status).toMatchObject({ status: 'done', done: 2500, total: 2500 });
      const expected = rows.reduce((s, _r, i) => s + (i + 1) * 100 + 25, 0);
      expect((await planFinance(t.db, plan.id)).totals.actualOre).toBe(expected);
    });

    it('R7 the API imports rows all or nothing with row errors as problem details', async () => {
      const { plan } = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
      const bad = await api(`/plans/${plan.id}/accounts/import`, party, {
        rows: [
          { budgetLine: 'Personale', year: 2024, amountOre: 100 },
          { budgetLine: 'Findes ikke', year: 2024, amountOre: 100 },
        ],
      });
      expect(bad.status).toBe(400);
      expect((await bad.json()).errors['rows[1].line']).toContain('Række 2');
      const ok = await api(`/plans/${plan.id}/accounts/import`, party, {
        rows: [{ budgetLine: 'Personale', year: 2024, amountOre: 12_345 }],
      });
      expect(await ok.json()).toMatchObject({ imported: 1, totalOre: 12_345, replaces: null });
      const entries = await (await api(`/plans/${plan.id}/accounts`, party, undefined, 'GET')).json();
      expect(entries).toHaveLength(1);

      // R7 — rows for 2024 again would replace the imported posting: without the confirm flag 409 with the
      // replacement and nothing written (not even a preview); a dry run shows it; with the flag it is replaced.
      const rows2024 = [
        { budgetLine: 'Personale', year: 2024, amountOre: 20_000 },
        { budgetLine: 'Lektiecafé', year: 2024, amountOre: 5_000 },
      ];
      const importsBefore = await t.db.selectFrom('account_import').select('id').where('plan_id', '=', plan.id).execute();
      const refused = await api(`/plans/${plan.id}/accounts/import`, party, { rows: rows2024 });
      expect(refused.status).toBe(409);
      const problem = await refused.json();
      expect(problem.detail).toContain('erstatter 1 tidligere indlæste post på i alt 123,45 kr. for 2024 med 2 poster på i alt 250,00 kr.');
      expect(problem.current.replaces).toEqual({
        years: [{ year: 2024, before: { count: 1, sumOre: 12_345 }, after: { count: 2, sumOre: 25_000 } }],
        before: { count: 1, sumOre: 12_345 },
        after: { count: 2, sumOre: 25_000 },
      });
      expect(await t.db.selectFrom('account_import').select('id').where('plan_id', '=', plan.id).execute()).toEqual(importsBefore);
      expect(await (await api(`/plans/${plan.id}/accounts`, party, undefined, 'GET')).json()).toEqual(entries);
      const dry = await (await api(`/plans/${plan.id}/accounts/import`, party, { rows: rows2024, dryRun: true })).json();
      expect(dry).toMatchObject({ imported: 0, replaces: { before: { count: 1, sumOre: 12_345 } } });
      const replaced = await api(`/plans/${plan.id}/accounts/import`, party, { rows: rows2024, confirmReplace: true });
      expect(replaced.status).toBe(200);
      expect(await replaced.json()).toMatchObject({ imported: 2, totalOre: 25_000, replaces: { before: { count: 1 } } });
      const now = (await (await api(`/plans/${plan.id}/accounts`, party, undefined, 'GET')).json()) as { amountOre: number }[];
      expect(now.map((e) => e.amountOre).sort()).toEqual([20_000, 5_000]);
    });

    it('R1 variance, burn rate and forecast per line and in total on the plan’s economy page', async () => {
      const { plan, lines } = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
      for (const y of [2023, 2024, 2025])
        await t.db
          .insertInto('account_entry')
          .values({ plan_id: plan.id, line_id: lines.staff, year: y, amount_ore: 10_000_000, created_by_label: 't' })
          .execute();
      const f = await planFinance(t.db, plan.id, '2026-06-30');
      // staff: 12.500.000 øre a year; to date 3 years + 181/365 of 2026.
      const staff = f.lines.find((l) => l.id === lines.staff)!.figures;
      expect(staff.budgetOre).toBe(50_000_000);
      expect(staff.actualOre).toBe(30_000_000);
      expect(staff.varianceOre).toBe(20_000_000);
      expect(staff.budgetToDateOre).toBe(37_500_000 + Math.round((12_500_000 * 181) / 365));
      expect(staff.outlook).toBe('under');
      const page = await (await t.request(`/planer/${plan.id}/oekonomi`, { session: party })).text();
      expect(page).toContain('Afvigelse');
      expect(page).toContain('Forventet mindreforbrug');
      const xlsx = await workbookRows(
        new Uint8Array(await (await t.request(`/planer/${plan.id}/oekonomi/oekonomi.xlsx`, { session: party })).arrayBuffer()),
      );
      expect(xlsx['Budget og regnskab']!.at(-1)![0]).toBe('I alt');
    });
  });

  describe('pool', () => {
    it('R8 the pool is seeded with 30 mio. kr. (Budget 2012) and 1,7 mio. kr. (12.12.2013)', async () => {
      const pool = await (await api('/pool', null, undefined, 'GET')).json();
      expect(pool.depositedOre).toBe(3_170_000_000);
      expect(
        pool.entries.slice(0, 2).map((e: { decision: string; amountOre: number; decidedOn: string }) => [e.decision, e.amountOre]),
      ).toEqual([
        ['Budget 2012', 3_000_000_000],
        ['Borgerrepræsentationen 12.12.2013', 170_000_000],
      ]);
      expect(pool.entries[1].decidedOn).toBe('2013-12-12');
    });

    it('R8 an allocation needs the City Council approval, stays within it, and never overdraws the pool; a release needs an ended plan', async () => {
      const { plan } = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
      await poolEligible(t.db, plan.id);
      const entry = (kind: string, amountOre: number, planId: number | null = plan.id) =>
        api('/pool/entries', tmf, { kind, amountOre, planId, decision: 'BR 2022-0099', decidedOn: '2022-10-06' });
      const before = (await (await api('/pool', null, undefined, 'GET')).json()).balanceOre as number;
      const noApproval = await entry('allocation', 100);
      expect(noApproval.status).toBe(400);
      expect((await noApproval.json()).errors.planId).toContain('ingen registreret godkendelse i Borgerrepræsentationen');
      await councilApproval(t.db, plan.id, 12_500_000);
      expect((await entry('allocation', 12_500_001)).status).toBe(400);
      expect((await entry('allocation', 12_500_000)).status).toBe(201);
      expect((await entry('release', 100)).status).toBe(400);
      expect(
        (await api('/pool/entries', party, { kind: 'deposit', amountOre: 1, planId: null, decision: 'x', decidedOn: '2024-01-01' })).status,
      ).toBe(403);

      const big = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
      await poolEligible(t.db, big.plan.id);
      await councilApproval(t.db, big.plan.id, null);
      const over = await entry('allocation', before, big.plan.id);
      expect(over.status).toBe(400);
      expect((await over.json()).errors.amount).toContain('Puljen rummer');
      await t.db.updateTable('plan').set({ state: 'ended' }).where('id', '=', plan.id).execute();
      const release = await entry('release', 2_000_000);
      expect(release.status).toBe(201);
      expect((await release.json()).balanceOre).toBe(before - 12_500_000 + 2_000_000);

      const page = await t.request('/pulje', {
        session: tmf,
        form: { amount: '1.000,00', decision: 'Budget 2027', decidedOn: '2027-01-01' },
      });
      expect(page.status).toBe(404);
      const form = await t.request('/pulje/indskud', {
        session: tmf,
        form: { amount: '1.000,00', decision: 'Budget 2027', decidedOn: '2027-01-01' },
      });
      expect(form.status).toBe(303);
      const html = await (await t.request('/pulje', { session: null })).text();
      expect(html).toContain('Tilbage i puljen');
      expect(html).toContain('Budget 2027');
    });
  });

  it('R1, R8 the overview shows the same totals as a SQL sum over the data', async () => {
    const a = await planWithBudget(t.db, { organisationIds: [org], state: 'active', districtNumber: 3 });
    await t.db
      .insertInto('account_entry')
      .values({ plan_id: a.plan.id, line_id: a.lines.staff, year: 2024, amount_ore: 123_456, created_by_label: 't' })
      .execute();
    const o = await (await api('/finance/overview', admin, undefined, 'GET')).json();
    const sums = await sql<{ frame: string; actual: string; lbf: string }>`
      SELECT (SELECT coalesce(sum(frame_ore), 0) FROM budget)::text AS frame,
             (SELECT coalesce(sum(amount_ore), 0) FROM account_entry)::text AS actual,
             (SELECT coalesce(sum(amount_ore), 0) FROM funder WHERE kind = 'lbf')::text AS lbf`.execute(t.db);
    expect(o.totals.frameOre).toBe(Number(sums.rows[0]!.frame));
    expect(o.totals.actualOre).toBe(Number(sums.rows[0]!.actual));
    expect(o.totals.lbfOre).toBe(Number(sums.rows[0]!.lbf));
    const html = await (await t.request('/oekonomi', { session: admin })).text();
    const { formatKr } = await import('../../../src/web/format.ts');
    expect(html).toContain(formatKr(Number(sums.rows[0]!.actual)));
    const xlsx = await workbookRows(new Uint8Array(await (await t.request('/oekonomi/oversigt.xlsx', { session: admin })).arrayBuffer()));
    expect(Object.keys(xlsx)).toEqual(['Planer', 'Bydele', 'År', 'I alt']);
  });

  it('R1, R7, R8 budgets, accounts and the pool are in the OpenAPI document', async () => {
    const doc = await (await t.request('/api/openapi.json')).json();
    for (const p of [
      '/plans/{id}/finance',
      '/plans/{id}/budget',
      '/plans/{id}/accounts',
      '/plans/{id}/accounts/import',
      '/pool',
      '/pool/entries',
      '/finance/overview',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });

  it('R1, R8 the demo data: every budget keeps R1 and the pool balance equals its ledger', async () => {
    const d = await createTestApp({ demo: true });
    try {
      const plans = await d.db.selectFrom('budget').select('plan_id').execute();
      expect(plans.length).toBeGreaterThan(5);
      for (const p of plans) expect((await planFinance(d.db, p.plan_id)).violations).toEqual([]);
      const pool = await d.db.selectFrom('pool').selectAll().executeTakeFirstOrThrow();
      const last = await d.db
        .selectFrom('pool_entry')
        .select(['balance_after_ore', 'seq'])
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(last.balance_after_ore).toBe(pool.balance_ore);
      expect(last.seq).toBe(pool.entry_count);
      const html = await (await d.request('/oekonomi', { session: null })).text();
      expect(html).toContain('Helhedsplan Mjølnerparken');
      void systemActor;
    } finally {
      await d.close();
    }
  });
});
