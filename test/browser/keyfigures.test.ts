import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoEstates } from '../../src/demo/registry.ts';
import { TEMPLATE_HEADERS } from '../../src/services/keyfigures/columns.ts';
import { colouredPixels, describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

/** A statistics file for the demo estates (values invented for the journey). */
function statisticsCsv(): string {
  const lines = demoEstates.map(([org, number, , , , area, dwellings], i) => {
    const residents = dwellings * 2;
    const worse = area ? 1 : 0;
    const cells: Record<string, number | string> = {
      organisation: org,
      afdelingsnummer: number,
      beboere: residents,
      uden_arbejde_uddannelse_18_64: Math.round(residents * 0.6 * (0.15 + 0.2 * worse + (i % 5) / 100)),
      beboere_18_64: Math.round(residents * 0.6),
      uden_for_arbejdsstyrken: Math.round(residents * 0.65 * (0.2 + 0.15 * worse)),
      beboere_erhvervsaktiv_alder: Math.round(residents * 0.65),
      lav_indkomst: Math.round(residents * (0.1 + 0.2 * worse + (i % 3) / 50)),
      beboere_indkomst_opgjort: residents,
    };
    return TEMPLATE_HEADERS.map((h) => cells[h] ?? '').join(',');
  });
  return [TEMPLATE_HEADERS.join(','), ...lines].join('\n');
}

describeBrowser('Journey: key figures (R18, R20)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });

  it('the secretariat imports a year, sees the map coloured, switches the indicator and opens an estate profile', async () => {
    const { page } = j;
    await login(j, 'sekretariat@demo.test');
    await visit(j, '/noegletal/import');
    await page.getByLabel('År').fill('2025');
    await page
      .locator('#file')
      .setInputFiles({ name: 'statistik-2025.csv', mimeType: 'text/csv', buffer: Buffer.from(statisticsCsv(), 'utf8') });
    await page.getByRole('button', { name: 'Indlæs til gennemsyn' }).click();
    await page.waitForURL(/\/noegletal\/import\/\d+$/);
    await expectAccessible(j);
    expect(await page.locator('#main-content').textContent()).toContain(`${demoEstates.length} af ${demoEstates.length} rækker er gyldige`);

    await page.getByRole('button', { name: 'Gem statistikken for 2025' }).click();
    await page.waitForURL(/\/noegletal\/kort\?aar=2025/);
    await page.locator('#kf-map[data-ready="true"]').waitFor();
    await expectAccessible(j);
    expect(await page.locator('#main-content').textContent()).toContain('Statistikken for 2025 er gemt');
    const fills = await page.locator('#kf-map path.leaflet-interactive').evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
    expect(fills.length).toBe(10);
    expect(new Set(fills).size).toBeGreaterThan(2);
    // Drawn, not only present: the map's screenshot has coloured areas (not an empty grey box).
    const pixels = await colouredPixels(j, '#kf-map');
    expect(pixels.coloured / pixels.total).toBeGreaterThan(0.05);

    // Switch the indicator: the script recolours the map in place and refreshes legend and table.
    await page.getByLabel('Indikator', { exact: true }).selectOption({ label: 'Beboere med lav indkomst' });
    await page.locator('#kf-map[data-indicator="lowIncome"][data-ready="true"]').waitFor();
    await page.locator('#kf-map-table caption', { hasText: 'Beboere med lav indkomst' }).waitFor();
    expect(page.url()).toContain('indikator=lowIncome');
    await expectAccessible(j);

    // Open an estate profile through the district.
    await page.locator('#kf-map-table').getByRole('link', { name: 'Brønshøj-Husum' }).click();
    await page.waitForURL(/\/noegletal\/bydele\/\d+/);
    await expectAccessible(j);
    await page.getByRole('link', { name: 'Tingbjerg I', exact: true }).click();
    await page.waitForURL(/\/noegletal\/afdelinger\/\d+/);
    await expectAccessible(j);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tingbjerg I: nøgletal');
    expect(await page.locator('#main-content').textContent()).toContain('Beboere uden for arbejdsstyrken');

    // The rule beside the results, and the form that changes it; the import list keeps the provenance.
    await visit(j, '/noegletal?aar=2025&indikator=lowIncome');
    expect(await page.locator('.kf-rule').first().textContent()).toContain('Eksempel (ikke kommunens officielle regel)');
    await visit(j, '/noegletal/regel');
    await page.getByLabel('Mindst så mange indikatorer skal afvige').fill('tre');
    await page.getByRole('button', { name: 'Gem reglen' }).click();
    await expectAccessible(j);
    expect(await page.locator('#main-content').textContent()).toContain('Skriv et helt tal.');
    await visit(j, '/noegletal/import');
    expect(await page.locator('#main-content').textContent()).toContain('statistik-2025.csv');
  });

  it('the public reads the indicators, the lists and the map without logging in', async () => {
    await j.context.clearCookies();
    await visit(j, '/noegletal');
    await visit(j, '/noegletal/lister/2014');
    expect(await j.page.locator('#kf-list-table').textContent()).toContain('Mjølnerparken');
    await visit(j, '/noegletal/sammenlign');
    await visit(j, '/noegletal/kort?niveau=area&indikator=unsafe');
    await j.page.locator('#kf-map[data-ready="true"]').waitFor();
    await expectAccessible(j);
  });
});
