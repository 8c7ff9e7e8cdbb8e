import { sql } from 'kysely';
import { recordAudit } from '../db/audit.ts';
import type { Executor, Trx } from '../db/database.ts';
import { Invalid, NotFound } from '../errors.ts';
import { authorize, type Grant } from '../policy/index.ts';
import { grantsOf } from './accounts.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import type { Sheet } from './excel.ts';

/**
 * A person's data (the GDPR requests an administrator handles): everything Helhed holds about a named person — as a
 * user, a body member, a contingency-plan contact person or a project leader — found by e-mail address or exact name;
 * shown, exported, and erased or pseudonymised where no legal duty to keep it applies.
 */

/** Who the request is about: an e-mail address and/or a name (matched case-insensitively and exactly). */
export interface PersonKey {
  name: string;
  email: string;
}

export interface PersonHit extends PersonKey {
  /** What the person is in Helhed: 'Bruger', 'Bestyrelsesmedlem', 'Kontaktperson', 'Projektleder'. */
  kinds: string[];
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

/** Persons whose name or e-mail contains the search text, one row per person (grouped by e-mail, else by name). */
export async function searchPersons(ctx: ServiceContext, q: string): Promise<PersonHit[]> {
  authorize(ctx.actor, 'list', { type: 'person' });
  const text = q.trim();
  if (text.length < 2) return [];
  const like = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const [users, members, contacts, leaders] = await Promise.all([
    ctx.db
      .selectFrom('app_user')
      .select(['name', 'email'])
      .where((eb) => eb.or([eb('name', 'ilike', like), eb('email', 'ilike', like)]))
      .limit(100)
      .execute(),
    ctx.db
      .selectFrom('body_member')
      .select(['person_name as name', 'email'])
      .where((eb) => eb.or([eb('person_name', 'ilike', like), eb('email', 'ilike', like)]))
      .limit(100)
      .execute(),
    ctx.db
      .selectFrom('contingency_contact')
      .select(['name', 'email'])
      .where((eb) => eb.or([eb('name', 'ilike', like), eb('email', 'ilike', like), eb('phone', 'ilike', like)]))
      .limit(100)
      .execute(),
    ctx.db
      .selectFrom('role_grant as g')
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .select(['u.name', 'u.email'])
      .where('g.role', '=', 'project_leader')
      .where((eb) => eb.or([eb('u.name', 'ilike', like), eb('u.email', 'ilike', like)]))
      .limit(100)
      .execute(),
  ]);
  const hits = new Map<string, PersonHit>();
  const add = (rows: { name: string; email: string }[], kind: string) => {
    for (const r of rows) {
      const k = norm(r.email) || `navn:${norm(r.name)}`;
      const hit = hits.get(k) ?? { name: r.name, email: r.email ?? '', kinds: [] };
      if (!hit.kinds.includes(kind)) hit.kinds.push(kind);
      hits.set(k, hit);
    }
  };
  add(users, 'Bruger');
  add(leaders, 'Projektleder');
  add(members, 'Bestyrelsesmedlem');
  add(contacts, 'Kontaktperson');
  return [...hits.values()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
}

export interface PersonData {
  key: PersonKey;
  users: {
    id: number;
    name: string;
    email: string;
    disabled: boolean;
    isDemo: boolean;
    notifyMode: string;
    createdAt: Date;
    grants: (Grant & { planName?: string | null })[];
    identities: { provider: string; subject: string; lastLoginAt: Date | null }[];
    pendingApproval: boolean;
    sessions: number;
    apiTokens: { name: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }[];
    notifications: { title: string; createdAt: Date; readAt: Date | null }[];
    /** How many audit records name the user as the one who acted (kept: the record of who did what). */
    actedInAudit: number;
  }[];
  bodyMembers: {
    id: number;
    bodyName: string;
    personName: string;
    email: string;
    role: string;
    level: string;
    startsOn: string;
    endsOn: string | null;
  }[];
  contingencyContacts: {
    id: number;
    planId: number;
    planName: string;
    role: string;
    organisation: string;
    name: string;
    phone: string;
    email: string;
  }[];
}

async function findRecords(db: Executor, key: PersonKey) {
  const email = norm(key.email);
  const name = norm(key.name);
  if (!email && !name) throw new Invalid({ q: 'Angiv personens navn eller e-mail.' });
  const users = await db
    .selectFrom('app_user')
    .selectAll()
    .where((eb) => (email ? eb(eb.fn('lower', ['email']), '=', email) : eb(eb.fn('lower', ['name']), '=', name)))
    .orderBy('id')
    .execute();
  const userIds = users.map((u) => u.id);
  const members = await db
    .selectFrom('body_member as m')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .select(['m.id', 'b.name as body_name', 'm.person_name', 'm.email', 'm.role', 'm.level', 'm.starts_on', 'm.ends_on', 'm.user_id'])
    .where((eb) =>
      eb.or([
        ...(email ? [eb(eb.fn('lower', ['m.email']), '=', email)] : []),
        ...(name ? [eb(eb.fn('lower', ['m.person_name']), '=', name)] : []),
        ...(userIds.length ? [eb('m.user_id', 'in', userIds)] : []),
      ]),
    )
    .orderBy('m.id')
    .execute();
  const contacts = await db
    .selectFrom('contingency_contact as c')
    .innerJoin('plan as p', 'p.id', 'c.plan_id')
    .select(['c.id', 'c.plan_id', 'p.name as plan_name', 'c.role', 'c.organisation', 'c.name', 'c.phone', 'c.email'])
    .where((eb) =>
      eb.or([
        ...(email ? [eb(eb.fn('lower', ['c.email']), '=', email)] : []),
        ...(name ? [eb(eb.fn('lower', ['c.name']), '=', name)] : []),
      ]),
    )
    .orderBy('c.id')
    .execute();
  return { users, members, contacts };
}

/** Records that contingency-plan contact persons were read (who read whose contact details), in the caller's transaction. */
export async function logContactRead(
  db: Executor,
  ctx: ServiceContext,
  contacts: { id: number; planId: number }[],
  why: string,
): Promise<void> {
  if (ctx.actor.kind !== 'user' || !contacts.length) return;
  for (const c of contacts) {
    await recordAudit(db, ctx.actor, {
      action: 'read',
      entityType: 'contingency_contact',
      entityId: c.id,
      planId: c.planId,
      summary: why,
      changes: [],
    });
  }
}

/** Everything Helhed holds about the person; reading their contingency-contact details is logged. */
export async function personData(ctx: ServiceContext, key: PersonKey): Promise<PersonData> {
  authorize(ctx.actor, 'read', { type: 'person' });
  const { users, members, contacts } = await findRecords(ctx.db, key);
  const out: PersonData = {
    key,
    users: await Promise.all(
      users.map(async (u) => {
        const [grants, identities, pending, sessions, tokens, notifications, acted] = await Promise.all([
          grantsOf(ctx.db, u.id),
          ctx.db.selectFrom('user_identity').select(['provider', 'subject', 'last_login_at']).where('user_id', '=', u.id).execute(),
          ctx.db.selectFrom('user_approval').select('user_id').where('user_id', '=', u.id).executeTakeFirst(),
          ctx.db
            .selectFrom('session')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('user_id', '=', u.id)
            .executeTakeFirstOrThrow(),
          ctx.db.selectFrom('api_token').select(['name', 'created_at', 'last_used_at', 'revoked_at']).where('user_id', '=', u.id).execute(),
          ctx.db
            .selectFrom('notification')
            .select(['title', 'created_at', 'read_at'])
            .where('user_id', '=', u.id)
            .orderBy('created_at', 'desc')
            .execute(),
          ctx.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('actor_user_id', '=', u.id)
            .executeTakeFirstOrThrow(),
        ]);
        const planIds = grants.flatMap((g) => (g.planId ? [g.planId] : []));
        const plans = planIds.length ? await ctx.db.selectFrom('plan').select(['id', 'name']).where('id', 'in', planIds).execute() : [];
        return {
          id: u.id,
          name: u.name,
          email: u.email,
          disabled: u.disabled,
          isDemo: u.is_demo,
          notifyMode: u.notify_mode,
          createdAt: u.created_at,
          grants: grants.map((g) => ({ ...g, planName: plans.find((p) => p.id === g.planId)?.name ?? null })),
          identities: identities.map((i) => ({ provider: i.provider, subject: i.subject, lastLoginAt: i.last_login_at })),
          pendingApproval: !!pending,
          sessions: Number(sessions.n),
          apiTokens: tokens.map((t) => ({ name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at })),
          notifications: notifications.map((n) => ({ title: n.title, createdAt: n.created_at, readAt: n.read_at })),
          actedInAudit: Number(acted.n),
        };
      }),
    ),
    bodyMembers: members.map((m) => ({
      id: m.id,
      bodyName: m.body_name,
      personName: m.person_name,
      email: m.email,
      role: m.role,
      level: m.level,
      startsOn: m.starts_on,
      endsOn: m.ends_on,
    })),
    contingencyContacts: contacts.map((c) => ({
      id: c.id,
      planId: c.plan_id,
      planName: c.plan_name,
      role: c.role,
      organisation: c.organisation,
      name: c.name,
      phone: c.phone,
      email: c.email,
    })),
  };
  await logContactRead(ctx.db, ctx, out.contingencyContacts, 'Læste kontaktpersonens oplysninger (anmodning om en persons oplysninger)');
  return out;
}

/** The person's data as Excel sheets (one per kind of record). */
export function personSheets(d: PersonData): Sheet[] {
  const iso = (x: Date | null) => (x ? x : null);
  return [
    {
      name: 'Brugere',
      columns: [
        { header: 'Id', key: 'id', width: 8 },
        { header: 'Navn', key: 'name' },
        { header: 'E-mail', key: 'email', width: 30 },
        { header: 'Spærret', key: 'disabled', width: 10 },
        { header: 'Oprettet', key: 'createdAt' },
        { header: 'Roller', key: 'grants', width: 40 },
        { header: 'Log ind-udbydere', key: 'identities', width: 30 },
        { header: 'Aktive sessioner', key: 'sessions', width: 10 },
        { header: 'API-nøgler', key: 'tokens', width: 10 },
        { header: 'Beskeder', key: 'notifications', width: 10 },
        { header: 'Handlinger i historikken', key: 'acted', width: 12 },
      ],
      rows: d.users.map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
        disabled: u.disabled ? 'ja' : 'nej',
        createdAt: iso(u.createdAt),
        grants: u.grants.map((g) => [g.role, g.administration, g.planName].filter(Boolean).join(' ')).join('; '),
        identities: u.identities.map((i) => `${i.provider}: ${i.subject}`).join('; '),
        sessions: u.sessions,
        tokens: u.apiTokens.length,
        notifications: u.notifications.length,
        acted: u.actedInAudit,
      })),
    },
    {
      name: 'Bestyrelsesposter',
      columns: [
        { header: 'Bestyrelse/udvalg', key: 'bodyName', width: 30 },
        { header: 'Navn', key: 'personName' },
        { header: 'E-mail', key: 'email', width: 30 },
        { header: 'Rolle', key: 'role' },
        { header: 'Niveau', key: 'level' },
        { header: 'Fra', key: 'startsOn' },
        { header: 'Til', key: 'endsOn' },
      ],
      rows: d.bodyMembers.map((m) => ({ ...m, id: m.id })),
    },
    {
      name: 'Kontaktpersoner',
      columns: [
        { header: 'Plan', key: 'planName', width: 30 },
        { header: 'Rolle', key: 'role' },
        { header: 'Organisation', key: 'organisation' },
        { header: 'Navn', key: 'name' },
        { header: 'Telefon', key: 'phone' },
        { header: 'E-mail', key: 'email', width: 30 },
      ],
      rows: d.contingencyContacts.map((c) => ({
        planName: c.planName,
        role: c.role,
        organisation: c.organisation,
        name: c.name,
        phone: c.phone,
        email: c.email,
      })),
    },
  ];
}

/** Who-did-it labels kept beside a user id (the name shown for the one who acted). */
const labelColumns: [table: string, label: string, id: string][] = [
  ['mandate_document', 'created_by_label', 'created_by_user_id'],
  ['competence_transfer', 'recorded_by_label', 'recorded_by_user_id'],
  ['agenda_item', 'proposed_by_label', 'proposed_by_user_id'],
  ['meeting_paper', 'uploaded_by_label', 'uploaded_by_user_id'],
  ['account_entry', 'created_by_label', 'created_by_user_id'],
  ['pool_entry', 'created_by_label', 'created_by_user_id'],
  ['report_deadline', 'set_by_label', 'set_by_user_id'],
  ['report', 'approved_by_label', 'approved_by_user_id'],
  ['report', 'submitted_by_label', 'submitted_by_user_id'],
  ['report', 'acknowledged_by_label', 'acknowledged_by_user_id'],
  ['report_verdict', 'recorded_by_label', 'recorded_by_user_id'],
  ['city_board_notice', 'noted_by_label', 'noted_by_user_id'],
  ['plan_version', 'created_by_label', 'created_by_user_id'],
  ['account_import', 'created_by_label', 'created_by'],
  ['change_request', 'proposed_by_label', 'proposed_by'],
  ['change_request', 'decided_by_label', 'decided_by'],
  ['change_request_event', 'actor_label', 'actor_user_id'],
  ['measurement', 'recorded_by_label', 'recorded_by'],
  ['measurement_revision', 'revised_by_label', 'revised_by'],
  ['plan_transition', 'actor_label', 'actor_user_id'],
  ['keyfigure_import', 'uploaded_by_label', 'uploaded_by_user_id'],
  ['audit_log', 'actor_label', 'actor_user_id'],
];

const ERASED = '[slettet]';

/** A pattern for a value standing alone (not part of a longer word), for PostgreSQL's regular expressions. */
const alone = (v: string) => `(?<![[:alnum:]_])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![[:alnum:]_])`;

/** Replaces every erased value in the audit trail's changes and summaries, and in the frozen plan versions. */
async function scrub(trx: Trx, values: string[]) {
  for (const v of [...new Set(values.map((x) => x.trim()).filter((x) => x.length >= 3))]) {
    // Inside JSON text the value appears escaped (quotes, backslashes).
    const inJson = alone(JSON.stringify(v).slice(1, -1));
    const plain = alone(v);
    await sql`
      UPDATE audit_log SET changes = regexp_replace(changes::text, ${inJson}, ${ERASED}, 'g')::jsonb, summary = regexp_replace(summary, ${plain}, ${ERASED}, 'g')
      WHERE changes::text ~ ${inJson} OR summary ~ ${plain}`.execute(trx);
    await sql`UPDATE plan_version SET snapshot = regexp_replace(snapshot::text, ${inJson}, ${ERASED}, 'g')::jsonb WHERE snapshot::text ~ ${inJson}`.execute(
      trx,
    );
  }
}

export interface ErasureResult {
  users: number;
  bodyMembers: number;
  contacts: number;
}

/**
 * Erases or pseudonymises the person's data, in one transaction:
 * - contingency-plan contact persons (no duty to keep): name, phone and e-mail erased; the role and organisation stay;
 * - body members (the bodies' composition and minutes are records the municipality must keep): pseudonymised, e-mail erased;
 * - users (who did what must stay on record): pseudonymised, e-mail replaced, disabled; sessions, API keys, sign-in
 *   links, roles and inbox messages deleted; every who-did-it label shows the pseudonym.
 * The erased values are also replaced in the audit trail and the frozen plan versions; submitted yearly reports (sealed
 * with a checksum, sent to Landsbyggefonden) are kept as they are. The audit keeps the fact of each change — never the
 * erased values.
 */
export async function erasePerson(ctx: ServiceContext, key: PersonKey): Promise<ErasureResult> {
  authorize(ctx.actor, 'erase', { type: 'person' });
  return inTransaction(ctx, async (trx) => {
    const { users, members, contacts } = await findRecords(trx, key);
    if (!users.length && !members.length && !contacts.length) throw new NotFound('Helhed har ingen oplysninger om personen.');
    if (ctx.actor.kind === 'user' && users.some((u) => u.id === (ctx.actor as { id: number }).id)) {
      throw new Invalid({ q: 'Du kan ikke slette dine egne oplysninger. Bed en anden administrator om det.' });
    }
    const erased: string[] = [];
    const fact = (field: string, after: string) => ({ field, before: ERASED, after });

    for (const c of contacts) {
      erased.push(c.name, c.phone, c.email);
      await trx
        .updateTable('contingency_contact')
        .set({ name: 'Slettet kontaktperson', phone: '', email: '' })
        .where('id', '=', c.id)
        .execute();
      await recordAudit(trx, ctx.actor, {
        action: 'erase',
        entityType: 'contingency_contact',
        entityId: c.id,
        planId: c.plan_id,
        summary: 'Kontaktpersonens oplysninger er slettet (anmodning om sletning)',
        changes: [fact('name', 'Slettet kontaktperson'), fact('phone', ''), fact('email', '')],
      });
    }
    for (const m of members) {
      const pseudonym = `Slettet person (medlem ${m.id})`;
      erased.push(m.person_name, m.email);
      const row = await trx
        .updateTable('body_member')
        .set({ person_name: pseudonym, email: '', user_id: null, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', m.id)
        .returning('version')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.actor, {
        action: 'erase',
        entityType: 'body_member',
        entityId: m.id,
        version: row.version,
        summary: 'Medlemmet er pseudonymiseret (anmodning om sletning)',
        changes: [fact('person_name', pseudonym), fact('email', '')],
      });
    }
    for (const u of users) {
      const pseudonym = `Slettet bruger ${u.id}`;
      erased.push(u.name, u.email);
      const row = await trx
        .updateTable('app_user')
        .set({
          name: pseudonym,
          email: `slettet-${u.id}@slettet.invalid`,
          password_hash: null,
          disabled: true,
          notify_mode: 'none',
          version: sql`version + 1`,
          updated_at: new Date(),
        })
        .where('id', '=', u.id)
        .returning('version')
        .executeTakeFirstOrThrow();
      for (const t of ['session', 'api_token', 'user_identity', 'user_approval', 'notification', 'role_grant'] as const) {
        await trx.deleteFrom(t).where('user_id', '=', u.id).execute();
      }
      for (const [table, label, id] of labelColumns) {
        await sql`UPDATE ${sql.table(table)} SET ${sql.ref(label)} = ${pseudonym} WHERE ${sql.ref(id)} = ${u.id}`.execute(trx);
      }
      await recordAudit(trx, ctx.actor, {
        action: 'erase',
        entityType: 'user',
        entityId: u.id,
        version: row.version,
        summary: 'Brugeren er pseudonymiseret og spærret (anmodning om sletning)',
        changes: [fact('name', pseudonym), fact('email', `slettet-${u.id}@slettet.invalid`), fact('grants', '[]')],
      });
    }
    await scrub(trx, erased);
    return { users: users.length, bodyMembers: members.length, contacts: contacts.length };
  });
}
