import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

/**
 * Issue 14 — nothing personal leaves the server to those without a part: an anonymous visitor, an LBF reader and
 * the staff of an organisation party to no plan crawl every page reachable from the front page and every API GET
 * route of the demo, and no response holds an e-mail address or a phone number of anyone.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const PHONE = /(?:\+45[\s-]?)?(?<![\d.,])\d{2}[ -]\d{2}[ -]\d{2}[ -]\d{2}(?![\d.,])|\+45[\s-]?\d{8}\b/;

/** Pages the issue named as leaking, crawled whether or not a link leads there. */
const SEEDS = [
  '/',
  '/planer/4/projektledere',
  '/planer/4',
  '/planer/5',
  '/planer/4/rapporter/2025',
  '/planer/5/rapporter/2025',
  '/styring/kompetence/4',
  '/styring/kompetence/11',
  '/api/docs',
];
/** How many URLs of one shape (digits replaced) to fetch, and in all: enough to reach every kind of page. */
const PER_SHAPE = 12;
const MAX_PAGES = 900;

type Finding = { url: string; status: number; match: string };
const shapeOf = (url: string) => url.replace(/\d+/g, '#');
const textual = (type: string | null) => !type || /text|json|csv|xml|javascript/.test(type);

function linksIn(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/href="([^"]+)"/g)) {
    const href = m[1]!.replace(/&amp;/g, '&').split('#')[0]!;
    if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/assets/')) continue;
    out.push(href);
  }
  return out;
}

/**
 * The one address allowed: the demo's sign-in page names the fictional demo administrator's account as a hint (only
 * when the demo data is loaded); it is no one's personal data.
 */
const demoSignInHint = (url: string, body: string) => (/^\/login(\?|$)/.test(url) ? body.replaceAll('admin@demo.test', '') : body);

function leaks(url: string, status: number, raw: string): Finding[] {
  const found: Finding[] = [];
  // A presenter whose contract does not hold fails closed (500): that is a finding too.
  if (status >= 500) found.push({ url, status, match: 'serverfejl' });
  const body = demoSignInHint(url, raw);
  const e = body.match(EMAIL);
  if (e) found.push({ url, status, match: `e-mail ${e[0]}` });
  const p = body.match(PHONE);
  if (p) found.push({ url, status, match: `telefon ${p[0]}` });
  return found;
}

async function crawlPages(t: TestApp, session: Session | null): Promise<{ visited: number; findings: Finding[] }> {
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue = [...SEEDS];
  const findings: Finding[] = [];
  while (queue.length && seen.size < MAX_PAGES) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    const shape = shapeOf(url);
    if ((shapes.get(shape) ?? 0) >= PER_SHAPE && !SEEDS.includes(url)) continue;
    seen.add(url);
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    const res = await t.request(url, { session });
    if (!textual(res.headers.get('content-type'))) continue;
    const body = await res.text();
    findings.push(...leaks(url, res.status, body));
    if ((res.headers.get('content-type') ?? '').includes('html')) for (const l of linksIn(body)) if (!seen.has(l)) queue.push(l);
  }
  return { visited: seen.size, findings };
}

/** Every GET route of the API document, with the demo's ids put in. */
async function apiUrls(t: TestApp): Promise<string[]> {
  const doc = (await (await t.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  const fill: Record<string, string[]> = {
    id: Array.from({ length: 14 }, (_, i) => String(i + 1)),
    number: ['1', '2'],
    year: ['2021', '2024', '2025'],
  };
  const urls: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!('get' in ops)) continue;
    let variants = [path];
    for (const [name, values] of Object.entries(fill)) {
      if (!path.includes(`{${name}}`)) continue;
      variants = variants.flatMap((v) => values.map((x) => v.replace(`{${name}}`, x)));
    }
    const query = path.endsWith('/versions-diff') ? '?a=1&b=2' : '';
    urls.push(...variants.map((v) => `/api/v1${v}${query}`));
  }
  return urls;
}

async function crawlApi(t: TestApp, session: Session | null, urls: string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const url of urls) {
    const res = await t.request(url, { session });
    findings.push(...leaks(url, res.status, await res.text()));
  }
  return findings;
}

describeDb('No personal data leaks (issue 14)', () => {
  let t: TestApp;
  let urls: string[];
  const sessions: Record<string, Session | null> = { anonymous: null };

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    // Everything written through the services after the demo was loaded must stay clean as well (pool, measurements).
    const admin = await t.as([{ role: 'admin' }], 'Ada Admin');
    expect(
      (
        await t.request('/api/v1/pool/entries', {
          method: 'POST',
          session: admin,
          json: { kind: 'deposit', amountOre: 100, decision: 'Crawltest', decidedOn: '2026-11-01' },
        })
      ).status,
    ).toBe(201);
    const criterion = await t.db
      .selectFrom('success_criterion')
      .select('id')
      .where('plan_id', '=', 5)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(
      (
        await t.request(`/api/v1/criteria/${criterion.id}/measurements`, {
          method: 'POST',
          session: admin,
          json: { value: 50, measuredOn: '2026-10-01', source: 'Crawltest' },
        })
      ).status,
    ).toBe(201);
    sessions.lbf = await t.as([{ role: 'lbf' }], 'Lis LBF');
    const org = await t.db
      .insertInto('organisation')
      .values({ name: 'Boligselskabet Uden Plan', short_name: 'BUP', cvr: null, website: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const party = await t.db
      .selectFrom('plan_estate as pe')
      .innerJoin('estate as e', 'e.id', 'pe.estate_id')
      .select('e.organisation_id')
      .where('e.organisation_id', '=', org.id)
      .execute();
    expect(party).toEqual([]);
    sessions.outsider = await t.as([{ role: 'organisation', organisationId: org.id }], 'Olga Udenfor');
    urls = await apiUrls(t);
  }, 120_000);
  afterAll(() => t.close());

  it.each(['anonymous', 'lbf', 'outsider'])(
    '%s: no page reachable from the front page shows an e-mail address or a phone number',
    async (who) => {
      const { visited, findings } = await crawlPages(t, sessions[who]!);
      expect(visited).toBeGreaterThan(40);
      expect(findings).toEqual([]);
    },
    300_000,
  );

  it.each(['anonymous', 'lbf', 'outsider'])(
    '%s: no API GET route answers an e-mail address or a phone number',
    async (who) => {
      expect(urls.length).toBeGreaterThan(100);
      expect(await crawlApi(t, sessions[who]!, urls)).toEqual([]);
    },
    300_000,
  );

  it('every API GET route answers the administrator without a server error: the presenters’ contracts hold on the demo data', async () => {
    const admin = await t.as([{ role: 'admin' }]);
    const failures: Finding[] = [];
    for (const url of urls) {
      const res = await t.request(url, { session: admin });
      if (res.status >= 500) failures.push({ url, status: res.status, match: await res.text() });
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('the competence page and API of a draft plan answer 404 to anonymous visitors and name nothing of it', async () => {
    const draft = await t.db.selectFrom('plan').select(['id', 'name']).where('state', '=', 'draft').orderBy('id').executeTakeFirstOrThrow();
    const page = await t.request(`/styring/kompetence/${draft.id}`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain(draft.name);
    const api = await t.request(`/api/v1/competence/${draft.id}`);
    expect(api.status).toBe(404);
    expect(await api.text()).not.toContain(draft.name);
    // Those who may read the plan still see who decides.
    const admin = await t.as([{ role: 'admin' }]);
    expect((await t.request(`/styring/kompetence/${draft.id}`, { session: admin })).status).toBe(200);
  });
});
