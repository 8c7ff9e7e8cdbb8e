import { afterAll, beforeAll, expect, it } from 'vitest';
import { roleGrants, roleNames } from '../../support/actors.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation } from '../../support/factories.ts';
import { allRouteCases } from './index.ts';

/** POST routes that read or check without changing anything (a preview, a calculation). */
const readOnlyPosts = new Set<string>([]);

/** Routes anyone may POST to by design (they carry their own checks). */
const openByDesign = new Set(['POST /login', 'POST /logout']);

describeDb('Policy matrix through HTTP: every route × every role', () => {
  let t: TestApp;
  const sessions: Record<string, Session | null> = {};
  let ids: { ownOrg: number; otherOrg: number };

  beforeAll(async () => {
    t = await createTestApp();
    const own = await makeOrganisation(t.db, { shortName: 'MATRIXEGEN' });
    const other = await makeOrganisation(t.db, { shortName: 'MATRIXANDEN' });
    ids = { ownOrg: own.id, otherOrg: other.id };
    sessions.anonymous = null;
    for (const [role, grants] of Object.entries(roleGrants)) {
      // Plan- and body-scoped roles are scoped to nothing here: the registry never depends on them.
      sessions[role] = await t.as(
        grants.map((g) => (g.role === 'organisation' ? { ...g, organisationId: own.id } : { ...g, planId: null, bodyId: null })),
        role,
      );
    }
  });
  afterAll(() => t.close());

  it('covers every API route and every page route that writes', () => {
    const registered = new Set(
      t.app.routes
        .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/v1/') || r.method !== 'GET'))
        .map((r) => `${r.method} ${r.path}`)
        .filter((r) => !openByDesign.has(r)),
    );
    const covered = new Set(allRouteCases.map((c) => c.route));
    expect([...registered].filter((r) => !covered.has(r)).sort()).toEqual([]);
    expect([...covered].filter((r) => !registered.has(r)).sort()).toEqual([]);
  });

  const cases = allRouteCases.flatMap((c) => roleNames.map((role) => [c.route, role, c] as const));
  it.each(cases)('%s as %s', async (_route, role, c) => {
    const actor = sessions[role]?.actor;
    const req = await c.build(t.db, ids, actor?.kind === 'user' ? actor.id : null);
    const method = c.route.split(' ')[0]!;
    const lastAudit = async () =>
      Number(
        (
          await t.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.max('id').as('id'))
            .executeTakeFirstOrThrow()
        ).id ?? 0,
      );
    const auditBefore = await lastAudit();
    const res = await t.request(req.path, { method, session: sessions[role], json: req.json, form: req.form });
    const allowed = c.allowed === 'everyone' || c.allowed.includes(role);
    if (!allowed) {
      // The anonymous public gets 401 from the API, and 403 from a form (no session, so no valid CSRF token).
      expect(res.status).toBe(role === 'anonymous' ? (req.form ? 403 : 401) : 403);
      return;
    }
    expect(res.status, await res.clone().text()).toBeLessThan(400);
    if (method !== 'GET' && !readOnlyPosts.has(c.route)) {
      // Every write leaves an audit record that says what changed: before and after, field by field.
      const written = await t.db.selectFrom('audit_log').select(['entity_type', 'changes']).where('id', '>', auditBefore).execute();
      expect(written.length, `${c.route} wrote no audit record`).toBeGreaterThan(0);
      expect(
        written.some((w) => (w.changes as unknown[]).length > 0),
        `${c.route} audited without before/after`,
      ).toBe(true);
    }
  });
});
