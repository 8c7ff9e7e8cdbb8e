import { type RawBuilder, sql } from 'kysely';
import { authorize } from '../policy/index.ts';
import type { ServiceContext } from './context.ts';
import { visiblePlans } from './plans/access.ts';

export type HitKind = 'plan' | 'activity' | 'goal' | 'body' | 'meeting';

export interface SearchHit {
  kind: HitKind;
  title: string;
  /** Where the hit belongs: the plan, the body. */
  context: string;
  href: string;
  /** The start of the matching text, for the result list. */
  excerpt: string;
}

/** How many hits of each kind a search shows. */
const PER_KIND = 20;

/** PostgreSQL full-text search with the Danish configuration (stemming: «børn» finds «børnene»), on both backends. */
const doc = (...cols: RawBuilder<unknown>[]) => sql`to_tsvector('danish', ${sql.join(cols, sql` || ' ' || `)})`;
const col = (ref: string) => sql`coalesce(${sql.ref(ref)}, '')`;
const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 197).trimEnd()}…` : text);

/**
 * Searches plans, activities, goals, bodies and meetings' open agenda items in Danish, showing only what the
 * searcher may see: plans (and their activities and goals) by the plan read rule (R5), bodies and meetings
 * (public), never a closed agenda item.
 * @example const { hits } = await search(ctx, 'lektiecafé børn');
 */
export async function search(ctx: ServiceContext, query: string): Promise<{ query: string; hits: SearchHit[] }> {
  authorize(ctx.actor, 'read', { type: 'search' });
  const q = query.trim().slice(0, 200);
  if (!q) return { query: q, hits: [] };
  const tsq = sql`websearch_to_tsquery('danish', ${q})`;
  const matches = (d: RawBuilder<unknown>) => sql<boolean>`${d} @@ ${tsq}`;
  const rank = (d: RawBuilder<unknown>) => sql<number>`ts_rank(${d}, ${tsq})`;
  const visible = visiblePlans(ctx.actor);

  const planDoc = doc(col('p.name'), col('p.problem_description'));
  const activityDoc = doc(col('a.title'), col('a.description'), col('a.target_group'));
  const goalDoc = doc(col('g.title'), col('g.description'));
  const bodyDoc = doc(col('b.name'), col('b.description'));
  const itemDoc = doc(col('i.title'), col('i.description'));
  const [plans, activities, goals, bodies, items] = await Promise.all([
    ctx.db
      .selectFrom('plan as p')
      .select(['p.id', 'p.name', 'p.problem_description'])
      .where(matches(planDoc))
      .where(visible)
      .orderBy(rank(planDoc), 'desc')
      .limit(PER_KIND)
      .execute(),
    ctx.db
      .selectFrom('activity as a')
      .innerJoin('plan as p', 'p.id', 'a.plan_id')
      .select(['a.id', 'a.title', 'a.description', 'p.id as plan_id', 'p.name as plan_name'])
      .where(matches(activityDoc))
      .where(visible)
      .orderBy(rank(activityDoc), 'desc')
      .limit(PER_KIND)
      .execute(),
    ctx.db
      .selectFrom('goal as g')
      .innerJoin('plan as p', 'p.id', 'g.plan_id')
      .select(['g.id', 'g.title', 'g.description', 'p.id as plan_id', 'p.name as plan_name'])
      .where(matches(goalDoc))
      .where(visible)
      .orderBy(rank(goalDoc), 'desc')
      .limit(PER_KIND)
      .execute(),
    ctx.db
      .selectFrom('body as b')
      .select(['b.id', 'b.name', 'b.description'])
      .where(matches(bodyDoc))
      .orderBy(rank(bodyDoc), 'desc')
      .limit(PER_KIND)
      .execute(),
    ctx.db
      .selectFrom('agenda_item as i')
      .innerJoin('meeting as m', 'm.id', 'i.meeting_id')
      .innerJoin('body as b', 'b.id', 'm.body_id')
      .select(['i.id', 'i.title', 'i.description', 'm.id as meeting_id', 'm.starts_at', 'b.name as body_name'])
      .where('i.closed', '=', false)
      .where(matches(itemDoc))
      .orderBy(rank(itemDoc), 'desc')
      .limit(PER_KIND)
      .execute(),
  ]);
  const dotted = (d: Date) =>
    new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
  const hits: SearchHit[] = [
    ...plans.map(
      (p): SearchHit => ({
        kind: 'plan',
        title: p.name,
        context: 'Helhedsplan',
        href: `/planer/${p.id}`,
        excerpt: excerpt(p.problem_description),
      }),
    ),
    ...activities.map(
      (a): SearchHit => ({
        kind: 'activity',
        title: a.title,
        context: a.plan_name,
        href: `/planer/${a.plan_id}`,
        excerpt: excerpt(a.description),
      }),
    ),
    ...goals.map(
      (g): SearchHit => ({
        kind: 'goal',
        title: g.title,
        context: g.plan_name,
        href: `/planer/${g.plan_id}`,
        excerpt: excerpt(g.description),
      }),
    ),
    ...bodies.map(
      (b): SearchHit => ({
        kind: 'body',
        title: b.name,
        context: 'Organ',
        href: `/styring/organer/${b.id}`,
        excerpt: excerpt(b.description),
      }),
    ),
    ...items.map(
      (i): SearchHit => ({
        kind: 'meeting',
        title: i.title,
        context: `${i.body_name}, møde ${dotted(i.starts_at)}`,
        href: `/styring/moeder/${i.meeting_id}`,
        excerpt: excerpt(i.description),
      }),
    ),
  ];
  return { query: q, hits };
}
