import { afterAll, beforeAll, expect, it } from 'vitest';
import { planFinance } from '../../src/services/money/index.ts';
import { createMailer } from '../../src/services/mailer.ts';
import { formatKr } from '../../src/web/format.ts';
import { smtpServer } from '../support/smtp.ts';
import { describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

describeBrowser('Journey: a change request from proposal to version 2 (R3, R6, R11, R12)', () => {
  let j: Journey;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  beforeAll(async () => {
    // E-mail goes through nodemailer to an in-process SMTP server, as it would to the municipality's.
    smtp = await smtpServer();
    j = await startJourney({ mailer: createMailer(smtp.url, 'Helhed <helhed@test.example>', () => {}) });
  });
  afterAll(async () => {
    await j?.close();
    await smtp?.close();
  });
  const logout = () => j.context.clearCookies();
  /** R11 — each party organisation's member approves in turn (one answer per party). */
  const approveAs = async (emails: string[], url: string) => {
    for (const email of emails) {
      await logout();
      await login(j, email);
      await j.page.goto(url);
      await j.page.getByRole('button', { name: 'Godkend ændringen' }).click();
      await j.page.waitForURL(url);
    }
  };

  it('R11 the project leader moves 200.000 kr. between two activities; a non-party member is refused; the three party organisations approve; version 2 shows the difference; the e-mail was sent; a strategic-agreement change creates the city board notice', async () => {
    const { page, t } = j;
    // Mjølnerparken (Nørrebro): party organisations Bo-Vita, AKB and KAB; Bente (KAB) chairs the district board, Aase (AAB) sits on it.
    const plan = await t.db
      .selectFrom('plan')
      .select(['id', 'current_version'])
      .where('name', '=', 'Helhedsplan Mjølnerparken')
      .executeTakeFirstOrThrow();
    const before = await planFinance(t.db, plan.id);
    const [from, to] = before.lines.filter((l) => l.kind === 'activity');
    const year = 2026;

    await login(j, 'projektleder@demo.test');
    await visit(j, `/planer/${plan.id}`);
    await page.locator('#plan-changes-section').getByRole('link', { name: 'Foreslå ændring' }).click();
    await expectAccessible(j);
    await page.getByLabel('Omfordeling af budget').check();
    await page.getByRole('button', { name: 'Videre' }).click();
    await expectAccessible(j);
    await page.getByLabel('Overskrift').fill('Flere timer i lektiecaféen');
    await page.getByLabel('Begrundelse').fill('Flere børn end ventet kommer i lektiecaféen.');
    await page.getByLabel('Flyt fra budgetlinje').selectOption({ label: from!.name });
    await page.getByLabel('Flyt til budgetlinje').selectOption({ label: to!.name });
    await page.getByLabel('År').selectOption(String(year));
    await page.getByLabel('Beløb (kr.)').fill('200.000');
    await page.getByRole('button', { name: 'Opret ændringsanmodning' }).click();
    await page.waitForURL(/\/aendringer\/\d+$/);
    await expectAccessible(j);
    const requestUrl = page.url();
    const proposed = await page.locator('table', { hasText: 'Den foreslåede ændring' }).textContent();
    expect(proposed).toContain(formatKr(from!.perYear[year]!.budgetOre - 20_000_000));
    expect(proposed).toContain(formatKr(to!.perYear[year]!.budgetOre + 20_000_000));
    await page.getByLabel('På det næste møde (anmodningen kommer på dagsordenen)').check();
    await page.getByRole('button', { name: 'Send til beslutning' }).click();
    await page.waitForURL(requestUrl);
    await expectAccessible(j);
    expect(await page.locator('main').textContent()).toContain('Bydelsbestyrelse Nørrebro');

    // A member from a housing organisation that is not party to the grant may comment, not decide (R11).
    await logout();
    await login(j, 'aab@demo.test');
    await page.goto(requestUrl);
    await expectAccessible(j);
    const refusal = await page.locator('#vote-refusal').textContent();
    expect(refusal).toContain('ikke en boligorganisation, der er part');
    expect(refusal).toContain('part i planens bevilling');
    expect(refusal).not.toContain('(R11)');
    await expect(page.getByRole('button', { name: 'Godkend ændringen' }).count()).resolves.toBe(0);
    await page.getByLabel('Kommentar').fill('AAB bakker op.');
    await page.getByRole('button', { name: 'Tilføj kommentar' }).click();
    await page.waitForURL(requestUrl);

    // The chair represents KAB, a party: she approves, and the plan becomes version 2.
    await logout();
    await login(j, 'bestyrelse@demo.test');
    await page.goto(requestUrl);
    await expectAccessible(j);
    await page.getByLabel('Begrundelse for beslutningen').fill('Godkendt på mødet.');
    await page.getByRole('button', { name: 'Godkend ændringen' }).click();
    await page.waitForURL(requestUrl);
    await expectAccessible(j);
    // R11 — KAB has answered; Bo-Vita and AKB, also party to Mjølnerparken's grant, are awaited.
    expect(await page.locator('#party-awaited').textContent()).toContain('AKB, Bo-Vita');
    await approveAs(['vita@demo.test', 'akb@demo.test'], requestUrl);
    expect(await page.locator('main').textContent()).toContain('Gennemført som ny version');
    const v = plan.current_version + 1;
    await page.getByRole('link', { name: `Version ${v} — se forskellen` }).click();
    await expectAccessible(j);
    const diff = await page.locator('main').textContent();
    expect(diff).toContain(from!.name);
    expect(diff).toContain(formatKr(to!.perYear[year]!.budgetOre + 20_000_000));
    const after = await planFinance(t.db, plan.id);
    expect(after.lines.find((l) => l.id === from!.id)!.perYear[year]!.budgetOre).toBe(from!.perYear[year]!.budgetOre - 20_000_000);
    expect(after.lines.find((l) => l.id === to!.id)!.perYear[year]!.budgetOre).toBe(to!.perYear[year]!.budgetOre + 20_000_000);
    expect(
      (await t.db.selectFrom('plan').select('current_version').where('id', '=', plan.id).executeTakeFirstOrThrow()).current_version,
    ).toBe(v);

    // The project leader was told by e-mail (the test app's SMTP stand-in records what the mailer sent).
    await t.outbox.idle();
    expect(t.mails.filter((m) => m.to === 'projektleder@demo.test').map((m) => m.subject)).toContain(
      'Helhed: Godkendt: Flere timer i lektiecaféen',
    );
    const received = smtp.received.filter((m) => m.to.includes('projektleder@demo.test')).map((m) => m.raw);
    expect(received.some((raw) => raw.includes(requestUrl.replace(j.base, '')))).toBe(true);

    // A change to the strategic agreement: approved by the district board, the city board is told (R11) and LBF must approve (R6).
    await logout();
    await login(j, 'projektleder@demo.test');
    await page.goto(`${j.base}/planer/${plan.id}/aendringer/ny?type=strategic_agreement`);
    await expectAccessible(j);
    await page.getByLabel('Overskrift').fill('Højere mål for beskæftigelse');
    await page.getByLabel('Begrundelse').fill('Ny viden fra evalueringen.');
    await page.getByLabel('Succeskriterium').selectOption({ index: 1 });
    await page.getByLabel('Ny målværdi').fill('73,5');
    await page.getByLabel('Ny måldato').fill('2026-10-31');
    await page.getByRole('button', { name: 'Opret ændringsanmodning' }).click();
    await page.waitForURL(/\/aendringer\/\d+$/);
    const second = page.url();
    await page.getByLabel('Skriftligt, med en frist').check();
    await page.getByLabel('Frist ved skriftlig behandling').fill('2026-12-30');
    await page.getByRole('button', { name: 'Send til beslutning' }).click();
    await page.waitForURL(second);
    await logout();
    await approveAs(['bestyrelse@demo.test', 'vita@demo.test', 'akb@demo.test'], second);
    expect(await page.locator('main').textContent()).toContain('Afventer godkendelse');
    await logout();
    await login(j, 'sekretariat@demo.test');
    await visit(j, '/aendringer/orienteringer');
    const notice = page.locator('table tbody tr', { hasText: 'Højere mål for beskæftigelse' });
    expect(await notice.textContent()).toContain('Ikke noteret');
    // Three parties answer twice (R11): seven sign-ins in all, each page checked with axe at two widths.
  }, 360_000);
});
