import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planFinance } from '../../src/services/money/index.ts';
import { formatKr } from '../../src/web/format.ts';
import { describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

const users: Record<string, string> = { fsb: 'fsb@demo.test', SAB: 'sab@demo.test', KAB: 'kab@demo.test' };

describeBrowser('Journey: accounts import with row errors, the variance, and the overview (R1, R7, R8)', () => {
  let j: Journey;
  let dir: string;
  beforeAll(async () => {
    j = await startJourney();
    dir = mkdtempSync(join(tmpdir(), 'helhed-money-'));
  });
  afterAll(async () => {
    await j?.close();
  });

  it('R7 an organisation officer imports an accounts file with two bad rows, sees the row errors, fixes the file, imports it and sees the variance; the overview equals a SQL sum', async () => {
    const { page } = j;
    const db = j.t.db;
    // An active demo plan whose party organisations include one with a demo officer.
    const row = await db
      .selectFrom('plan as p')
      .innerJoin('plan_estate as pe', 'pe.plan_id', 'p.id')
      .innerJoin('estate as e', 'e.id', 'pe.estate_id')
      .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
      .innerJoin('budget as b', 'b.plan_id', 'p.id')
      .select(['p.id', 'o.short_name'])
      .where('p.state', '=', 'active')
      .where('o.short_name', 'in', Object.keys(users))
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    const planId = row.id;
    const before = await planFinance(db, planId);
    const line = before.lines[0]!;
    const year = before.years.includes(2026) ? 2026 : before.years.at(-1)!;

    await login(j, users[row.short_name]!);
    await visit(j, `/planer/${planId}`);
    await page.locator('#plan-economy-section').getByRole('link', { name: 'Se budget, finansiering og regnskab' }).click();
    await expectAccessible(j);
    await page.getByRole('link', { name: 'Indlæs regnskab' }).click();
    await expectAccessible(j);

    const header = 'Budgetlinje;År;Beløb;Dato;Tekst';
    const badFile = join(dir, 'regnskab.csv');
    writeFileSync(
      badFile,
      [
        header,
        `${line.name};${year};12.345,67;15.03.${year};Løn marts`,
        `Findes ikke;${year};1.000,00;;Forkert linje`,
        `${line.name};${year};12.34;;Forkert beløb`,
        `${line.name};${year};5.000,00;;Materialer`,
      ].join('\r\n'),
    );
    await page.getByLabel('Fil (Excel eller CSV)').setInputFiles(badFile);
    await page.getByRole('button', { name: 'Vis rækkerne' }).click();
    await page.waitForURL(/\/oekonomi\/import\/\d+$/);
    await expectAccessible(j);
    const errors = await page.locator('#import-errors').textContent();
    expect(errors).toContain('Række 3: Budgetlinjen »Findes ikke« findes ikke i planens budget');
    expect(errors).toContain('Række 4: »12.34« er ikke et beløb');
    await expect(page.getByRole('button', { name: /^Indlæs \d+ poster$/ }).count()).resolves.toBe(0);
    expect((await planFinance(db, planId)).totals.actualOre).toBe(before.totals.actualOre);

    // Fix the file and import it.
    await page.getByRole('link', { name: 'indlæs den igen' }).click();
    const goodFile = join(dir, 'regnskab-rettet.csv');
    writeFileSync(
      goodFile,
      [
        header,
        `${line.name};${year};12.345,67;15.03.${year};Løn marts`,
        `${line.name};${year};1.000,00;;Rettet linje`,
        `${line.name};${year};12,34;;Rettet beløb`,
        `${line.name};${year};5.000,00;;Materialer`,
      ].join('\r\n'),
    );
    await page.getByLabel('Fil (Excel eller CSV)').setInputFiles(goodFile);
    await page.getByRole('button', { name: 'Vis rækkerne' }).click();
    await page.waitForURL(/\/oekonomi\/import\/\d+$/);
    await expectAccessible(j);
    await page.getByRole('button', { name: 'Indlæs 4 poster' }).click();
    await page.waitForURL(new RegExp(`/planer/${planId}/oekonomi$`));
    await expectAccessible(j);

    const added = 1_234_567 + 100_000 + 1_234 + 500_000;
    const after = await planFinance(db, planId);
    expect(after.totals.actualOre).toBe(before.totals.actualOre + added);
    const lineAfter = after.lines.find((l) => l.id === line.id)!;
    const lineRow = page.locator('#finance-lines tbody tr', { hasText: line.name }).first();
    expect(await lineRow.textContent()).toContain(formatKr(lineAfter.figures.varianceOre));
    expect(await page.locator('#finance-lines tbody tr').last().textContent()).toContain(formatKr(after.totals.varianceOre));
    // The plan page shows the same variance.
    await visit(j, `/planer/${planId}`);
    expect(await page.locator('#plan-economy-section').textContent()).toContain(formatKr(after.totals.varianceOre));

    // The overview (as the secretariat, who sees every plan) shows the totals of a SQL sum over the data.
    await page.getByRole('button', { name: 'Log af' }).click();
    await login(j, 'sekretariat@demo.test');
    await visit(j, '/oekonomi');
    const sums = (
      await sql<{ frame: string; actual: string; municipality: string }>`
        SELECT (SELECT sum(frame_ore) FROM budget)::text AS frame,
               (SELECT sum(amount_ore) FROM account_entry)::text AS actual,
               (SELECT sum(amount_ore) FROM funder WHERE kind = 'municipality')::text AS municipality`.execute(db)
    ).rows[0]!;
    const totals = await page.locator('#overview-totals tbody tr').textContent();
    expect(totals).toContain(formatKr(Number(sums.frame)));
    expect(totals).toContain(formatKr(Number(sums.actual)));
    expect(totals).toContain(formatKr(Number(sums.municipality)));

    // The pool page: what is left equals the ledger.
    await visit(j, '/pulje');
    const pool = await db.selectFrom('pool').select('balance_ore').executeTakeFirstOrThrow();
    expect(await page.locator('#pool-balance').textContent()).toContain(formatKr(pool.balance_ore));
  });

  it('R1 the budget form refuses a budget that breaks R1 with the rule and the amounts, and an approved budget is locked with the reason', async () => {
    const { page } = j;
    const db = j.t.db;
    const written = await db
      .selectFrom('plan')
      .select('id')
      .where('state', '=', 'plan_written')
      .where('is_demo', '=', true)
      .executeTakeFirstOrThrow();
    const active = await db
      .selectFrom('plan')
      .select('id')
      .where('state', '=', 'active')
      .where('is_demo', '=', true)
      .executeTakeFirstOrThrow();
    await page.goto(`${j.base}/`);
    if (await page.getByRole('button', { name: 'Log af' }).count()) await page.getByRole('button', { name: 'Log af' }).click();
    await login(j, 'sekretariat@demo.test');
    await visit(j, `/planer/${written.id}/oekonomi/budget`);
    await page.getByLabel('Samlet ramme (kr.)').fill('9.000.000');
    await page.getByRole('button', { name: 'Gem budget' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(j);
    expect(await page.locator('#error-summary').textContent()).toContain('Budgetlinjerne summer til');
    expect(await page.locator('#error-summary').textContent()).toContain('men planens ramme er 9.000.000,00 kr.');
    expect(await page.getByLabel('Samlet ramme (kr.)').inputValue()).toBe('9.000.000');

    await visit(j, `/planer/${active.id}/oekonomi/budget`);
    expect(await page.locator('h1').textContent()).toBe('Budgettet er låst');
    await page.getByRole('button', { name: 'Log af' }).click();
    await login(j, 'tmf@demo.test');
    await visit(j, '/pulje');
    await page.locator('#deposit-amount').fill('0');
    await page.getByRole('button', { name: 'Registrér indskud' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(j);
    expect(await page.locator('#error-summary').textContent()).toContain('større end 0 kr.');
  });
});
