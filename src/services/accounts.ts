import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { ExpressionBuilder, Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db, Executor } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { memoWhileUnwritten } from '../db/write-counter.ts';
import { recordAudit } from '../db/audit.ts';
import { Invalid, NotFound } from '../errors.ts';
import { type Actor, type Administration, authorize, type Grant, type Role } from '../policy/index.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import { type DataVersion, dataVersionColumn, parseDataVersion } from './readmodel.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** argon2id with the library's defaults (19 MiB, t=2, p=1 — OWASP's minimum). */
export const hashPassword = (password: string) => hash(password);

export interface NewUser {
  email: string;
  name: string;
  password: string | null;
  grants: Grant[];
  isDemo?: boolean;
}

const grantOf = (g: {
  role: string;
  organisation_id: number | null;
  administration: string | null;
  plan_id: number | null;
  body_id: number | null;
}): Grant => ({
  role: g.role as Role,
  organisationId: g.organisation_id,
  administration: g.administration as Administration | null,
  planId: g.plan_id,
  bodyId: g.body_id,
});

export async function grantsOf(db: Executor, userId: number): Promise<Grant[]> {
  const rows = await db.selectFrom('role_grant').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  return rows.map(grantOf);
}

/** Creates a user with role grants (the CLI's `user add`, the admin page and the demo load). */
export async function createUser(ctx: ServiceContext, input: NewUser): Promise<{ id: number }> {
  authorize(ctx.actor, 'create', { type: 'user' });
  if (input.password !== null && input.password.length < 10) {
    throw new Invalid({ password: 'Adgangskoden skal være mindst 10 tegn.' });
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return inTransaction(ctx, async (trx) => {
    const clash = await trx
      .selectFrom('app_user')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
      .executeTakeFirst();
    if (clash) throw new Invalid({ email: `Der findes allerede en bruger med e-mailen ${input.email}.` });
    const user = await trx
      .insertInto('app_user')
      .values({ email: input.email, name: input.name, password_hash: passwordHash, is_demo: input.isDemo ?? false })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    for (const g of input.grants) await addGrant(trx, user.id, g);
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'user',
      entityId: user.id,
      version: user.version,
      summary: `Oprettede brugeren ${input.email}`,
      after: { email: input.email, name: input.name, grants: input.grants },
    });
    return { id: user.id };
  });
}

export async function addGrant(db: Executor, userId: number, g: Grant): Promise<void> {
  await db
    .insertInto('role_grant')
    .values({
      user_id: userId,
      role: g.role,
      organisation_id: g.organisationId ?? null,
      administration: g.administration ?? null,
      plan_id: g.planId ?? null,
      body_id: g.bodyId ?? null,
    })
    .execute();
}

/** Demo users exist only in demo mode: outside it they can neither log in nor use a session or token. */
/** The user's columns and grants (one JSON array) in a query over `app_user as u`: sign-in is one round trip. */
const signedIn = (eb: ExpressionBuilder<DB & { u: DB['app_user'] }, 'u'>) =>
  [
    'u.id',
    'u.name',
    'u.email',
    'u.is_demo',
    'u.disabled',
    jsonArrayFrom(
      eb
        .selectFrom('role_grant as g')
        .select(['g.role', 'g.organisation_id', 'g.administration', 'g.plan_id', 'g.body_id'])
        .whereRef('g.user_id', '=', 'u.id')
        .orderBy('g.id'),
    ).as('grants'),
  ] as const;

type SignedIn = Pick<Selectable<DB['app_user']>, 'id' | 'name' | 'email' | 'is_demo' | 'disabled'> & {
  grants: Parameters<typeof grantOf>[0][];
};

function actorOf(u: SignedIn | undefined, allowDemo: boolean): Actor | null {
  if (!u || u.disabled || (u.is_demo && !allowDemo)) return null;
  return { kind: 'user', id: u.id, name: u.name, email: u.email, isDemo: u.is_demo, grants: u.grants.map(grantOf) };
}

export async function actorFor(db: Executor, userId: number, allowDemo: boolean): Promise<Actor | null> {
  return actorOf(await db.selectFrom('app_user as u').select(signedIn).where('u.id', '=', userId).executeTakeFirst(), allowDemo);
}

/** Checks e-mail and password; returns the user id or null (same answer and similar time for both failures). */
export async function verifyLogin(db: Db, email: string, password: string, allowDemo: boolean): Promise<number | null> {
  const u = await db
    .selectFrom('app_user')
    .select(['id', 'password_hash', 'disabled', 'is_demo'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  const stored = u?.password_hash ?? '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2qnB2f4x1wK1Yq0Cw0jv0t8nPp4m8p3wK7Yb1p7xq8s';
  const ok = await verify(stored, password).catch(() => false);
  return ok && u && !u.disabled && (!u.is_demo || allowDemo) ? u.id : null;
}

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  /** The data version when the viewer was read (read models key on it: no second round trip). */
  dataVersion: DataVersion;
}

export async function createSession(db: Db, userId: number, ttlHours: number): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken(24);
  await db
    .insertInto('session')
    .values({ id: sha256(token), user_id: userId, csrf_token: csrfToken, expires_at: new Date(Date.now() + ttlHours * 3600_000) })
    .execute();
  return { token, csrfToken };
}

/** The session's user with their grants, in one round trip (every signed-in request asks). */
export async function resolveSession(db: Db, token: string, allowDemo: boolean): Promise<SessionInfo | null> {
  const id = sha256(token);
  // On the embedded database the same session is read again only after a write (a sign-out, a changed grant).
  const s = await memoWhileUnwritten(db, `session:${id}`, () =>
    db
      .selectFrom('session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .select(['s.csrf_token', 's.expires_at', dataVersionColumn.as('data_version')])
      .select(signedIn)
      .where('s.id', '=', id)
      .executeTakeFirst(),
  );
  if (!s || s.expires_at < new Date()) return null;
  const actor = actorOf(s, allowDemo);
  return actor ? { actor, csrfToken: s.csrf_token, dataVersion: parseDataVersion(s.data_version) } : null;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sha256(token)).execute();
}

/** Creates an API token for a user; the token is shown once and only its hash is kept. */
export async function createApiToken(ctx: ServiceContext, email: string, name = 'CLI'): Promise<string> {
  authorize(ctx.actor, 'update', { type: 'user' });
  const u = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  if (!u) throw new NotFound(`Der findes ingen bruger med e-mailen ${email}.`);
  const token = `hh_${newToken()}`;
  await inTransaction(ctx, async (trx) => {
    const row = await trx
      .insertInto('api_token')
      .values({ user_id: u.id, name, token_hash: sha256(token) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'apiToken',
      entityId: row.id,
      summary: `API-nøgle "${name}" til ${email}`,
    });
  });
  return token;
}

/** The token's user with their grants (and the data version, as `resolveSession`), in one round trip. */
export async function resolveApiToken(
  db: Db,
  token: string,
  allowDemo: boolean,
): Promise<{ actor: Actor; dataVersion: DataVersion } | null> {
  const hash = sha256(token);
  const t = await memoWhileUnwritten(db, `token:${hash}`, () =>
    db
      .selectFrom('api_token as t')
      .innerJoin('app_user as u', 'u.id', 't.user_id')
      .select(['t.id as token_id', 't.last_used_at', dataVersionColumn.as('data_version')])
      .select(signedIn)
      .where('t.token_hash', '=', hash)
      .where('t.revoked_at', 'is', null)
      .executeTakeFirst(),
  );
  if (!t) return null;
  // "Last used" to the minute: a busy client does not write the token row on every request.
  const now = new Date();
  if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() > 60_000)
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', t.token_id).execute();
  const actor = actorOf(t, allowDemo);
  return actor ? { actor, dataVersion: parseDataVersion(t.data_version) } : null;
}

export async function listUsers(ctx: ServiceContext) {
  authorize(ctx.actor, 'list', { type: 'user' });
  const users = await ctx.db.selectFrom('app_user').select(['id', 'email', 'name', 'is_demo', 'disabled']).orderBy('email').execute();
  return Promise.all(users.map(async (u) => ({ ...u, grants: await grantsOf(ctx.db, u.id) })));
}
