import { afterAll, beforeAll, expect, it } from 'vitest';
import { roleGrants } from '../../support/actors.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation } from '../../support/factories.ts';
import { allRouteCases } from '../matrix/index.ts';
import type { MatrixRequest } from '../matrix/types.ts';
import {
  brokenJson,
  brokenMultipart,
  fill,
  impossibleDates,
  isDateLike,
  isNumberLike,
  jsonValues,
  leafPaths,
  NUL,
  paramsOf,
  paramValues,
  textValues,
  withLeaf,
} from './inputs.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The query parameters pages read; the API's come from its OpenAPI document. */
const pageQueries = [
  'a',
  'aar',
  'aktivitet',
  'alle',
  'at',
  'b',
  'bydel',
  'dato',
  'dir',
  'district',
  'form',
  'indikator',
  'next',
  'niveau',
  'organisation',
  'page',
  'q',
  'ramme',
  'revision',
  'side',
  'sort',
  'state',
  'type',
];
const hostileQueries = ['%00', '99999999999999999999', '2026-13-01', '%E0%A4%A', `${'x'.repeat(10_000)}`];
/** Routes outside the fuzz: benchmark-only twins. */
const skipped = (path: string) => path.startsWith('/__twin');
/** Demo ids for a route's parameters when no matrix case builds a request for it. */
const demoParam = (name: string) => ({ year: '2026', action: 'godkend', kind: 'aktivitet', step: 'byraad' })[name] ?? '1';

interface Req {
  method: string;
  path: string;
  session?: Session | null;
  /** Send the CSRF token as a header (the default for a session); forms then need no `_csrf` in the body. */
  csrfHeader?: boolean;
  cookie?: string;
  type?: string;
  body?: BodyInit;
}

interface Seed extends MatrixRequest {
  session: Session;
}

describeDb('Fuzz: no client input causes a 5xx', () => {
  let t: TestApp;
  let admin: Session;
  const sessions: Record<string, Session> = {};
  let ids: { ownOrg: number; otherOrg: number };
  const failures: string[] = [];
  let sent = 0;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await t.as([{ role: 'admin' }], 'Fuzz admin');
    const own = await makeOrganisation(t.db, { shortName: 'FUZZEGEN' });
    const other = await makeOrganisation(t.db, { shortName: 'FUZZANDEN' });
    ids = { ownOrg: own.id, otherOrg: other.id };
    for (const [role, grants] of Object.entries(roleGrants)) {
      sessions[role] = await t.as(
        grants.map((g) => (g.role === 'organisation' ? { ...g, organisationId: own.id } : { ...g, planId: null, bodyId: null })),
        `Fuzz ${role}`,
      );
    }
  });
  afterAll(() => t?.close());

  async function send(r: Req): Promise<Response> {
    const headers: Record<string, string> = {};
    const cookies: string[] = [];
    if (r.session) {
      cookies.push(r.session.cookie);
      if (r.csrfHeader !== false && r.method !== 'GET') headers['x-csrf-token'] = r.session.csrf;
    }
    if (r.cookie) cookies.push(r.cookie);
    if (cookies.length) headers.cookie = cookies.join('; ');
    if (r.type) headers['content-type'] = r.type;
    return t.app.request(r.path, { method: r.method, headers, body: r.body });
  }

  /** Sends one request and records a 5xx; the whole run is asserted at the end of each test. */
  async function check(label: string, r: Req): Promise<Response> {
    sent++;
    let res: Response;
    try {
      res = await send(r);
    } catch (err) {
      // Even the error handler failed: the server would close the connection with no answer.
      res = new Response(`threw ${(err as Error).name}: ${(err as Error).message}`, { status: 599 });
    }
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500)
      failures.push(
        `${r.method} ${r.path.slice(0, 100)} [${label.slice(0, 80)}] → ${res.status} ${(await res.clone().text()).slice(0, 120).replace(/\s+/g, ' ')}`,
      );
    return res;
  }

  const form = (values: Record<string, string | string[]>, s?: Session | null) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
    if (s) p.set('_csrf', s.csrf);
    return p.toString();
  };
  const urlencoded = 'application/x-www-form-urlencoded';
  const show = (v: unknown) =>
    typeof v === 'string'
      ? JSON.stringify(v.length > 20 ? `${v.slice(0, 12)}…(${v.length})` : v)
      : (JSON.stringify(v)?.slice(0, 30) ?? String(v));

  const routes = () => {
    const seen = new Set<string>();
    return t.app.routes.filter(
      (r) => r.method !== 'ALL' && !skipped(r.path) && !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`),
    );
  };

  async function seed(method: string, pattern: string): Promise<Seed> {
    const route = `${method} ${pattern}`;
    const c = allRouteCases.find((x) => x.route === route);
    if (c) {
      const role = c.allowed === 'everyone' || c.allowed.includes('admin') ? 'admin' : c.allowed[0]!;
      const session = role === 'admin' ? admin : sessions[role]!;
      const actor = session.actor;
      return { ...(await c.build(t.db, ids, actor.kind === 'user' ? actor.id : null)), session };
    }
    // Signing out ends the session it is sent with: a throwaway one, so the other routes keep theirs.
    if (route === 'POST /logout') return { path: '/logout', form: {}, session: await t.as([{ role: 'admin' }], 'Fuzz logout') };
    if (route === 'POST /login')
      return { path: '/login', form: { email: 'admin@demo.test', password: 'forkert', next: '/' }, session: admin };
    const path = fill(pattern, {}, demoParam);
    return pattern.startsWith('/api/') ? { path, json: {}, session: admin } : { path, form: {}, session: admin };
  }

  it('every write route, page and asset answers hostile input without a 5xx', { timeout: 240_000 }, async () => {
    const started = Date.now();
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const apiOps = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} /api/v1${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const all = routes();
    const writes = all.filter((r) => WRITES.has(r.method)).map((r) => `${r.method} ${r.path}`);
    // The OpenAPI document and the registered routes agree, so the fuzz covers every documented operation.
    expect(apiOps.filter((o) => WRITES.has(o.split(' ')[0]!) && !writes.includes(o))).toEqual([]);
    expect(writes.filter((w) => !w.includes('/api/')).length).toBeGreaterThan(50);

    let k = 0;
    const nextText = () => textValues[k++ % textValues.length]!;
    const nextJson = () => jsonValues[k++ % jsonValues.length];
    const seedFailures: string[] = [];

    for (const route of writes) {
      const [method, pattern] = route.split(' ') as [string, string];
      let s: Seed;
      try {
        s = await seed(method, pattern);
      } catch (err) {
        seedFailures.push(`${route}: ${(err as Error).message}`);
        s = { path: fill(pattern, {}, demoParam), session: admin, ...(pattern.startsWith('/api/') ? { json: {} } : { form: {} }) };
      }
      const api = pattern.startsWith('/api/');
      const session = s.session;

      if (api) {
        const body = s.json;
        const sendJson = (label: string, b: unknown, who: Session | null = session, path = s.path) =>
          check(label, { method, path, session: who, type: 'application/json', body: JSON.stringify(b) });
        if (body !== undefined) {
          for (const p of leafPaths(body)) {
            const name = String(p.at(-1));
            const leaf = p.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], body);
            const values: unknown[] = [NUL, nextText(), nextJson()];
            if (isDateLike(name, leaf)) values.push(...impossibleDates);
            if (isNumberLike(name)) values.push('abc', 2 ** 63);
            for (const v of values) await sendJson(`${p.join('.')}=${show(v)}`, withLeaf(body, p, v));
          }
          await sendJson('unknown field with NUL', { ...(body as object), ['x\u0000']: NUL });
          await sendJson('anonymous, NUL', withLeaf(body, leafPaths(body)[0] ?? [], NUL), null);
        }
        for (const b of brokenJson) await check(b.label, { method, path: s.path, session, type: 'application/json', body: b.body });
        await check('anonymous, truncated JSON', { method, path: s.path, type: 'application/json', body: brokenJson[0]!.body });
        await check('multipart to the API', {
          method,
          path: s.path,
          session,
          type: brokenMultipart[0]!.type,
          body: brokenMultipart[0]!.body,
        });
      } else {
        const values = s.form ?? {};
        const post = (label: string, v: Record<string, string | string[]>, who: Session | null = session, path = s.path) =>
          check(label, { method, path, session: who, type: urlencoded, body: form(v, who) });
        for (const [name, value] of Object.entries(values)) {
          const hostile = [NUL, nextText(), nextText()];
          if (isDateLike(name, value)) hostile.push(...impossibleDates);
          if (isNumberLike(name)) hostile.push('abc', '99999999999999999999');
          for (const v of hostile) await post(`${name}=${show(v)}`, { ...values, [name]: v });
        }
        await post('unknown field with NUL', { ...values, 'x\u0000': NUL, note: NUL, title: NUL, name: NUL });
        await post('repeated fields', Object.fromEntries(Object.entries(values).map(([n, v]) => [n, [v, NUL]])));
        const multipart = new FormData();
        for (const [n, v] of Object.entries({ ...values, _csrf: session.csrf })) multipart.append(n, n === '_csrf' ? v : `${v}\u0000`);
        await check('multipart with NUL', { method, path: s.path, session, body: multipart });
        for (const b of brokenMultipart) {
          await check(`${b.label}, CSRF header`, { method, path: s.path, session, type: b.type, body: b.body });
          await check(`${b.label}, CSRF in body`, { method, path: s.path, session, csrfHeader: false, type: b.type, body: b.body });
        }
        await check('bad percent-encoding', {
          method,
          path: s.path,
          session,
          type: urlencoded,
          body: `%E0%A4%A=1&title=%00&_csrf=${session.csrf}`,
        });
        await check('anonymous, broken multipart', {
          method,
          path: s.path,
          type: brokenMultipart[0]!.type,
          body: brokenMultipart[0]!.body,
        });
        await post('anonymous, NUL', { ...values, name: NUL }, null);
      }

      // Path parameters and query values (the version of a DELETE travels in the query).
      const params = paramsOf(pattern, s.path);
      const again = () =>
        api ? { type: 'application/json', body: JSON.stringify(s.json ?? {}) } : { type: urlencoded, body: form(s.form ?? {}, session) };
      const query = s.path.includes('?') ? s.path.slice(s.path.indexOf('?')) : '';
      for (const name of Object.keys(params)) {
        for (const v of [paramValues[k++ % paramValues.length]!, paramValues[k++ % paramValues.length]!]) {
          await check(`:${name}=${v}`, { method, path: fill(pattern, { ...params, [name]: v }, demoParam) + query, session, ...again() });
        }
      }
      if (query) {
        for (const v of ['%00', '99999999999999999999', '2026-13-01']) {
          await check(`query=${v}`, { method, path: s.path.replace(/=([^&]*)/g, `=${v}`), session, ...again() });
        }
      }
    }

    // Every page and API read: bad cookies and hostile query values.
    for (const r of all.filter((x) => x.method === 'GET' && !x.path.startsWith('/assets'))) {
      const path = fill(r.path, {}, demoParam);
      const op = doc.paths[r.path.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, '{$1}')]?.get;
      const names = r.path.startsWith('/api/') ? (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name) : pageQueries;
      await check('malformed flash cookie', { method: 'GET', path, session: admin, cookie: 'helhed_flash=%E0%A4%A' });
      const garbage = [`helhed_session=%00${'ø'.repeat(50)}`, 'helhed_session=%E0%A4%A; helhed_csrf=%E0%A4%A'][k++ % 2]!;
      await check('garbage session cookie', { method: 'GET', path, cookie: garbage });
      if (names.length) {
        for (const v of [hostileQueries[k++ % hostileQueries.length]!, hostileQueries[k++ % hostileQueries.length]!]) {
          await check(`query ${v.slice(0, 20)}`, {
            method: 'GET',
            path: `${path}?${names.map((n) => `${n}=${v}`).join('&')}`,
            session: admin,
          });
        }
      }
    }
    for (const path of [
      '/assets/app/nope.js',
      '/assets/app/%E0%A4%A',
      '/assets/app/..%2f..%2fapp.ts',
      '/assets/app/%00.js',
      '/assets/leaflet-1.9.4/nope.css',
      '/assets/dkfds-0.0.0/x.css',
      '/planer/%E0%A4%A',
      '/%E0%A4%A',
      '/api/v1/plans/%E0%A4%A',
      '/api/v1/%00',
    ]) {
      await check('unknown path', { method: 'GET', path, session: admin });
    }
    await t.outbox.idle();

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.info(
      `fuzz [${t.kind}]: ${sent} requests over ${writes.length} write routes in ${seconds} s; ${failures.length} answered 5xx; ${seedFailures.length} seeds fell back; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    if (seedFailures.length) console.info(seedFailures.join('\n'));
    expect(failures, `${failures.length} of ${sent} requests answered 5xx:\n${failures.join('\n')}`).toEqual([]);
  });

  // The reproducers from issue 14, one named test each.
  const bodyId = async () => (await t.db.selectFrom('body').select('id').orderBy('id').executeTakeFirstOrThrow()).id;

  it('a NUL byte in a text field answers 400', async () => {
    const api = await send({
      method: 'POST',
      path: '/api/v1/organisations',
      session: admin,
      type: 'application/json',
      body: JSON.stringify({ name: NUL, shortName: 'NUL1' }),
    });
    expect(api.status).toBe(400);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const page = await send({
      method: 'POST',
      path: '/organisationer/ny',
      session: admin,
      type: urlencoded,
      body: form({ name: NUL, shortName: 'NUL2' }, admin),
    });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('<html');
  });

  it('2026-13-01 as a meeting date answers 400', async () => {
    const id = await bodyId();
    for (const date of ['2026-13-01', '0000-01-01']) {
      const meeting = { date, startTime: '10:00', endTime: '12:00', place: 'Fuzzhuset' };
      const api = await send({
        method: 'POST',
        path: `/api/v1/bodies/${id}/meetings`,
        session: admin,
        type: 'application/json',
        body: JSON.stringify(meeting),
      });
      expect(api.status, date).toBe(400);
      const page = await send({
        method: 'POST',
        path: `/styring/organer/${id}/moeder/ny`,
        session: admin,
        type: urlencoded,
        body: form(meeting, admin),
      });
      expect(page.status, date).toBe(400);
    }
  });

  it('a broken multipart body to POST /login answers 400', async () => {
    for (const b of brokenMultipart) {
      const res = await send({ method: 'POST', path: '/login', cookie: 'helhed_csrf=abc', type: b.type, body: b.body });
      expect(res.status, b.label).toBe(400);
      expect(await res.text()).toContain('Oplysningerne kunne ikke bruges');
    }
  });

  it('broken JSON to the API answers 400 problem+json', async () => {
    const res = await send({
      method: 'POST',
      path: '/api/v1/organisations',
      session: admin,
      type: 'application/json',
      body: '{"name": "a',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('/assets/app/nope.js answers 404', async () => {
    expect((await send({ method: 'GET', path: '/assets/app/nope.js' })).status).toBe(404);
    expect((await send({ method: 'GET', path: '/assets/app/%E0%A4%A' })).status).toBe(404);
  });

  it('a malformed flash cookie is ignored', async () => {
    for (const path of ['/', '/planer', '/login']) {
      const res = await send({ method: 'GET', path, cookie: 'helhed_flash=%E0%A4%A' });
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<html');
    }
  });

  it('a garbage session cookie is ignored', async () => {
    for (const cookie of ['helhed_session=%00garbage', 'helhed_session=%E0%A4%A', `helhed_session=${'x'.repeat(4000)}`]) {
      expect((await send({ method: 'GET', path: '/', cookie })).status, cookie.slice(0, 30)).toBe(200);
    }
  });

  it('a bad percent-encoding in a path answers 400 or 404', async () => {
    for (const path of ['/planer/%E0%A4%A', '/api/v1/plans/%E0%A4%A', '/%E0%A4%A']) {
      expect([400, 404], path).toContain((await send({ method: 'GET', path })).status);
    }
  });
});
