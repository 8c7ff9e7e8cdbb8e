import { importTemplateEstates } from '../../services/keyfigures/import.ts';
import { keyfiguresFingerprint } from '../../services/keyfigures/read.ts';
import { SizedCache } from '../../services/readmodel.ts';
import { readModel } from '../readmodel.ts';
import { Hono } from 'hono';
import { loadDemoKeyfigures } from '../../demo/keyfigures.ts';
import { authorize, can } from '../../policy/index.ts';
import { organisationsOf } from '../../policy/actor.ts';
import { TEMPLATE_HEADERS } from '../../services/keyfigures/columns.ts';
import { OPEN_LEVELS, type OpenLevel, openDataCsv, openDataRows } from '../../services/keyfigures/opendata.ts';
import { figureYears } from '../../services/keyfigures/read.ts';
import { workbookBuffer, xlsxType } from '../../services/excel.ts';
import { NotFound } from '../../errors.ts';
import type { AppEnv } from '../../app-env.ts';
import { idParam } from '../registry/shared.tsx';
import { comparePage } from './compare.tsx';
import { confirmForm, discardForm, importPage, previewPage, templateCsv, uploadForm } from './import.tsx';
import { listsPage, listYearPage } from './lists.tsx';
import { currentMap, mapGeojson, mapPage } from './map.tsx';
import { overviewPage } from './overview.tsx';
import { profilePage } from './profile.tsx';
import { saveOrigin, saveSettings, settingsPage } from './settings.tsx';
import { ALL_YEARS, chosenYear, readOptions } from './shared.tsx';

const LEVEL_PARAM: Record<string, OpenLevel> = { by: 'city', bydel: 'district', byomraade: 'area' };

const templateEstates = (c: import('hono').Context<AppEnv>) => importTemplateEstates(c.get('ctx'));

/** The map's data as text: 16 MB (a national map is about 0,5 MB as a JavaScript string). */
const geojsonCache = new SizedCache(16 * 1024 * 1024);

/** /noegletal — key figures, the map, the lists, the import and open data (R18, R20). */
export function keyfigurePages() {
  const r = new Hono<AppEnv>();
  r.get('/', readModel(), overviewPage);
  r.get('/kort', mapPage);
  r.get('/kort.geojson', readModel(), async (c) => {
    // The map's data changes only with the figures (the data fingerprint) and differs only by what the reader may
    // see in detail: kept as text per fingerprint, reader's view and query.
    const ctx = c.get('ctx');
    authorize(ctx.actor, 'read', { type: 'keyfigures' });
    const view = can(ctx.actor, 'readDetail', { type: 'keyfigures' })
      ? 'full'
      : organisationsOf(ctx.actor)
          .sort((a, b) => a - b)
          .join(',');
    const key = `${await keyfiguresFingerprint(ctx)}|${view}|${new URL(c.req.url).search}`;
    let body = geojsonCache.get(key);
    if (!body) {
      const m = await currentMap(c);
      if (!m) throw new NotFound('Der er ingen statistik endnu.');
      body = JSON.stringify(mapGeojson(m.data));
      geojsonCache.set(key, body);
    }
    return c.body(body, 200, { 'content-type': 'application/json; charset=UTF-8' });
  });
  r.get('/sammenlign', comparePage);
  r.get('/afdelinger/:id', (c) => profilePage(c, 'estate', idParam(c)));
  r.get('/bydele/:id', (c) => profilePage(c, 'district', idParam(c)));
  r.get('/byomraader/:id', (c) => profilePage(c, 'urbanArea', idParam(c)));
  r.get('/lister', listsPage);
  r.get('/lister/:year', (c) => listYearPage(c, idParam(c, 'year')));
  r.get('/regel', (c) => settingsPage(c));
  r.post('/regel', saveSettings);
  r.post('/regel/oprindelse', saveOrigin);
  r.get('/import', (c) => importPage(c));
  r.post('/import', uploadForm);
  r.get('/import/:id', (c) => previewPage(c, idParam(c)));
  r.post('/import/:id/gem', (c) => confirmForm(c, idParam(c)));
  r.post('/import/:id/kasser', (c) => discardForm(c, idParam(c)));
  r.get('/skabelon.csv', async (c) =>
    c.body(templateCsv(await templateEstates(c)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="noegletal-skabelon.csv"',
    }),
  );
  r.get('/skabelon.xlsx', async (c) => {
    const estates = await templateEstates(c);
    const buffer = await workbookBuffer([
      {
        name: 'Statistik',
        columns: TEMPLATE_HEADERS.map((h) => ({ header: h, key: h, width: Math.max(12, h.length + 2) })),
        rows: estates.map((e) => ({ organisation: e.organisation, afdelingsnummer: e.number, afdeling: e.name })),
      },
    ]);
    return c.body(new Uint8Array(buffer), 200, {
      'content-type': xlsxType,
      'content-disposition': 'attachment; filename="noegletal-skabelon.xlsx"',
    });
  });
  const chosenLevels = (c: import('hono').Context<AppEnv>) => {
    const level = LEVEL_PARAM[c.req.query('niveau') ?? ''];
    return level ? [level] : OPEN_LEVELS;
  };
  const openYear = async (c: import('hono').Context<AppEnv>) => {
    const year = chosenYear(c, await figureYears(c.get('ctx')));
    if (year === undefined) throw new NotFound('Der er ingen offentliggjorte nøgletal endnu.');
    return year;
  };
  // `?aar=alle`: every year one after another under one header, streamed a year at a time.
  r.get('/data.csv', async (c) => {
    const ctx = c.get('ctx');
    const all = c.req.query('aar') === ALL_YEARS;
    const years = all ? await figureYears(ctx) : [await openYear(c)];
    if (years.length === 0) throw new NotFound('Der er ingen offentliggjorte nøgletal endnu.');
    const body = await openDataCsv(ctx, years, chosenLevels(c), readOptions(c));
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="noegletal-${all ? 'alle-aar' : years[0]}.csv"`,
    });
  });
  r.get('/data.json', async (c) => {
    const year = await openYear(c);
    const { rows, threshold } = await openDataRows(c.get('ctx'), year, chosenLevels(c), readOptions(c));
    return c.json({ year, suppressionThreshold: threshold, note: 'Tal under diskretionsgrænsen er null.', rows });
  });
  return r;
}
