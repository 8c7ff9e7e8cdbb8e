import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.ts';
import { recordAudit } from '../db/audit.ts';
import { NotFound } from '../errors.ts';
import { authorize } from '../policy/index.ts';
import { type Page, pageBounds, inTransaction, type ServiceContext, toPage } from './context.ts';
import type { Mailer } from './mailer.ts';

export interface NotificationInput {
  userIds: number[];
  kind: string;
  title: string;
  body: string;
  link: string;
  planId?: number | null;
}

/**
 * Puts a message in each user's inbox inside the caller's transaction (so it exists exactly when the
 * event does); the mail dispatcher sends it afterwards, at once or in the daily digest.
 */
export async function notify(trx: Executor, n: NotificationInput): Promise<void> {
  const users = [...new Set(n.userIds)];
  if (!users.length) return;
  await trx
    .insertInto('notification')
    .values(
      users.map((user_id) => ({
        user_id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        plan_id: n.planId ?? null,
        read_at: null,
        emailed_at: null,
      })),
    )
    .execute();
}

/**
 * A message about a task is done with the task: marks the messages of these kinds that link to it as read (for
 * everyone, or for some users), in the caller's transaction.
 * @example await markTaskMessagesDone(trx, { link: '/planer/4/aendringer/12', kinds: ['change_request_submitted'] }, ctx.now());
 */
export async function markTaskMessagesDone(
  trx: Executor,
  t: { link: string; kinds: string[]; userIds?: number[] },
  at: Date,
): Promise<void> {
  let q = trx
    .updateTable('notification')
    .set({ read_at: at })
    .where('link', '=', t.link)
    .where('kind', 'in', t.kinds)
    .where('read_at', 'is', null);
  if (t.userIds) q = t.userIds.length ? q.where('user_id', 'in', t.userIds) : q.where(sql<boolean>`false`);
  await q.execute();
}

/** Users holding a role, optionally scoped (e.g. the secretariat, or the staff of some organisations). */
export async function usersWithRole(
  db: Executor,
  role: string,
  scope: { organisationIds?: number[]; planId?: number; bodyId?: number } = {},
): Promise<number[]> {
  let q = db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select('g.user_id')
    .distinct()
    .where('g.role', '=', role)
    .where('u.disabled', '=', false);
  if (scope.organisationIds)
    q = scope.organisationIds.length ? q.where('g.organisation_id', 'in', scope.organisationIds) : q.where(sql<boolean>`false`);
  if (scope.planId !== undefined) q = q.where('g.plan_id', '=', scope.planId);
  return (await q.execute()).map((r) => r.user_id);
}

export interface InboxItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: Date;
  read: boolean;
}

export async function inbox(
  ctx: ServiceContext,
  q: { page?: number; unreadOnly?: boolean } = {},
): Promise<Page<InboxItem> & { unread: number }> {
  const userId = ownUser(ctx);
  const { page, pageSize, offset } = pageBounds({ page: q.page, pageSize: 25 });
  let base = ctx.db.selectFrom('notification').where('user_id', '=', userId);
  if (q.unreadOnly) base = base.where('read_at', 'is', null);
  const [rows, total, unread] = await Promise.all([
    base
      .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    unreadCount(ctx.db, userId),
  ]);
  const items = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.created_at,
    read: r.read_at !== null,
  }));
  return { ...toPage(items, Number(total.n), page, pageSize), unread };
}

export async function unreadCount(db: Executor, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one message (or, without id, all) as read; only the owner can. */
export async function markRead(ctx: ServiceContext, id?: number): Promise<void> {
  const userId = ownUser(ctx);
  await inTransaction(ctx, async (trx) => {
    let q = trx.updateTable('notification').set({ read_at: ctx.now() }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (id !== undefined) q = q.where('id', '=', id);
    const marked = await q.returning('id').execute();
    if (id !== undefined && marked.length === 0) {
      const exists = await trx
        .selectFrom('notification')
        .select('id')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!exists) throw new NotFound('Beskeden findes ikke.');
    }
    if (marked.length) {
      await recordAudit(trx, ctx.actor, {
        action: 'update',
        entityType: 'notification',
        entityId:
          id ??
          marked
            .map((m) => m.id)
            .join(',')
            .slice(0, 200),
        summary: marked.length === 1 ? 'Markerede en besked som læst' : `Markerede ${marked.length} beskeder som læst`,
        changes: [{ field: 'read', before: false, after: true }],
      });
    }
  });
}

export type NotifyMode = 'immediate' | 'digest' | 'none';

/** The user's own choice: e-mail at once, a daily digest, or only the inbox. */
export async function setNotifyMode(ctx: ServiceContext, mode: NotifyMode): Promise<void> {
  const userId = ownUser(ctx);
  await inTransaction(ctx, async (trx) => {
    const before = await trx.selectFrom('app_user').select('notify_mode').where('id', '=', userId).executeTakeFirstOrThrow();
    await trx
      .updateTable('app_user')
      .set({ notify_mode: mode, version: sql`version + 1`, updated_at: ctx.now() })
      .where('id', '=', userId)
      .execute();
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: 'app_user',
      entityId: userId,
      summary: 'Valg af e-mailbeskeder',
      before: { notifyMode: before.notify_mode },
      after: { notifyMode: mode },
    });
  });
}

export async function notifyMode(db: Executor, userId: number): Promise<NotifyMode> {
  return (await db.selectFrom('app_user').select('notify_mode').where('id', '=', userId).executeTakeFirstOrThrow())
    .notify_mode as NotifyMode;
}

function ownUser(ctx: ServiceContext): number {
  authorize(ctx.actor, 'read', { type: 'inbox' });
  if (ctx.actor.kind !== 'user') throw new NotFound('Kun brugere har en indbakke.');
  return ctx.actor.id;
}

/**
 * Sends what waits in the outbox: each `immediate` user's new messages one mail each, or (digest=true)
 * one mail per `digest` user with everything since the last digest. Claims rows with
 * `FOR UPDATE SKIP LOCKED` so two dispatchers never send a message twice; a failed send stays queued.
 */
export async function dispatchMail(
  db: Db,
  mailer: Mailer,
  now: Date,
  opts: { digest?: boolean; baseUrl?: string; onSendError?: (err: unknown) => void } = {},
): Promise<number> {
  const mode = opts.digest ? 'digest' : 'immediate';
  const base = opts.baseUrl ?? '';
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select(['n.id', 'n.user_id', 'n.title', 'n.body', 'n.link', 'u.email', 'u.name'])
      .where('n.emailed_at', 'is', null)
      .where('u.notify_mode', '=', mode)
      .where('u.disabled', '=', false)
      .orderBy('n.id')
      .limit(500)
      .forUpdate('n')
      .skipLocked()
      .execute();
    if (!rows.length) return 0;
    const byUser = new Map<number, typeof rows>();
    for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
    const sent: number[] = [];
    for (const list of byUser.values()) {
      const first = list[0]!;
      const line = (r: (typeof rows)[number]) => `${r.title}\n${r.body}${r.link ? `\n${base}${r.link}` : ''}`;
      const mails = opts.digest
        ? [
            {
              subject: `Helhed: ${list.length} ${list.length === 1 ? 'ny besked' : 'nye beskeder'}`,
              text: `Kære ${first.name}\n\n${list.map(line).join('\n\n')}\n\nDu får denne samlede besked én gang i døgnet. Du kan ændre det i din indbakke.`,
              ids: list.map((r) => r.id),
            },
          ]
        : list.map((r) => ({
            subject: `Helhed: ${r.title}`,
            text: `Kære ${first.name}\n\n${line(r)}\n\nDu kan ændre, hvordan du får beskeder, i din indbakke.`,
            ids: [r.id],
          }));
      for (const m of mails) {
        try {
          await mailer.send({ to: first.email, subject: m.subject, text: m.text });
          sent.push(...m.ids);
        } catch (err) {
          // Stays in the outbox; the next run tries again. The failure is reported, not swallowed.
          opts.onSendError?.(err);
        }
      }
    }
    if (sent.length) await trx.updateTable('notification').set({ emailed_at: now }).where('id', 'in', sent).execute();
    return sent.length;
  });
}

export interface Outbox {
  /** Sends waiting immediate mails soon (after the current write has committed). */
  kick(): void;
  /** Resolves when no dispatch is running or queued (tests wait for it). */
  idle(): Promise<void>;
  digest(): Promise<number>;
}

/** One dispatcher per process: kicks coalesce, so a burst of writes sends in one run. */
export function createOutbox(o: { db: Db; mailer: Mailer; now: () => Date; baseUrl?: string; onError?: (err: unknown) => void }): Outbox {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> =>
    dispatchMail(o.db, o.mailer, o.now(), { baseUrl: o.baseUrl, onSendError: o.onError })
      .then(
        () => undefined,
        (err) => o.onError?.(err),
      )
      .then(() => {
        if (again) {
          again = false;
          return run();
        }
        running = null;
      });
  return {
    kick() {
      if (running) again = true;
      else running = run();
    },
    async idle() {
      while (running) await running;
    },
    digest: () => dispatchMail(o.db, o.mailer, o.now(), { digest: true, baseUrl: o.baseUrl, onSendError: o.onError }),
  };
}

/** How the acting user wants messages ('none' for anyone not signed in). */
export const myNotifyMode = (ctx: ServiceContext): Promise<NotifyMode> =>
  ctx.actor.kind === 'user' ? notifyMode(ctx.db, ctx.actor.id) : Promise.resolve('none');
