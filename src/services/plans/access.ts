import { can } from '../../policy/index.ts';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { NotFound } from '../../errors.ts';
import { type Actor, hasRole, organisationsOf, plansLedBy } from '../../policy/actor.ts';
import { publicPlanStates } from '../../policy/rules/plans.ts';
import type { Subject } from '../../policy/index.ts';
import type { ServiceContext } from '../context.ts';
import { memoWhileUnwritten } from '../../db/write-counter.ts';

/** The organisations party to a plan's grant: the owners of its estates (R11). */
export async function partyOrganisationIds(db: Executor, planId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('plan_estate as pe')
    .innerJoin('estate as e', 'e.id', 'pe.estate_id')
    .select('e.organisation_id')
    .distinct()
    .where('pe.plan_id', '=', planId)
    .execute();
  return rows.map((r) => r.organisation_id).sort((a, b) => a - b);
}

export async function planSubject(db: Executor, planId: number): Promise<Extract<Subject, { type: 'plan' }> & { version: number }> {
  // On the embedded database read again only after a write (every view of a kept plan page asks).
  const kept = await memoWhileUnwritten(db, `plan-subject:${planId}`, async () => {
    const p = await db.selectFrom('plan').select(['id', 'state', 'version']).where('id', '=', planId).executeTakeFirst();
    return (
      p && {
        type: 'plan' as const,
        id: p.id,
        state: p.state,
        version: p.version,
        partyOrganisationIds: await partyOrganisationIds(db, planId),
      }
    );
  });
  if (!kept) throw new NotFound('Planen findes ikke.');
  return { ...kept, partyOrganisationIds: [...kept.partyOrganisationIds] };
}

/** R5 — the SQL twin of the plan read rule, for lists: public plans, plus what the actor has a part in. */
export function visiblePlans(actor: Actor) {
  const everything = hasRole(actor, 'admin') || hasRole(actor, 'secretariat') || hasRole(actor, 'municipal') || actor.kind === 'system';
  const orgs = organisationsOf(actor);
  const led = plansLedBy(actor);
  const lbf = hasRole(actor, 'lbf');
  return sql<boolean>`(${everything ? sql`true` : sql`false`}
    OR p.state IN (${sql.join(publicPlanStates.map((s) => sql.lit(s)))})
    ${lbf ? sql`OR p.state <> 'draft'` : sql``}
    ${led.length ? sql`OR p.id IN (${sql.join(led)})` : sql``}
    ${orgs.length ? sql`OR EXISTS (SELECT 1 FROM plan_estate pe JOIN estate e ON e.id = pe.estate_id WHERE pe.plan_id = p.id AND e.organisation_id IN (${sql.join(orgs)}))` : sql``})`;
}

/** A plan's history is readable by its lead organisation's staff (and the budget's, which is the plan's). */
export const planAuditOwner = async (ctx: ServiceContext, id: string): Promise<number | null> =>
  (await ctx.db.selectFrom('plan').select('lead_organisation_id').where('id', '=', Number(id)).executeTakeFirst())?.lead_organisation_id ??
  null;

/**
 * A plan's name, state and period for pages about it (its reports, its changes): the plan exists only for those who
 * may read it — to anyone else it answers 404, so neither its name nor its parties leave the server.
 */
export async function planHeader(ctx: ServiceContext, planId: number) {
  const p = await ctx.db
    .selectFrom('plan')
    .select(['id', 'name', 'state', 'starts_on', 'ends_on', 'current_version', 'version'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!p) throw new NotFound('Planen findes ikke.');
  const subject = { type: 'plan' as const, id: p.id, state: p.state, partyOrganisationIds: await partyOrganisationIds(ctx.db, planId) };
  if (!can(ctx.actor, 'read', subject)) throw new NotFound('Planen findes ikke.');
  return {
    id: p.id,
    name: p.name,
    state: p.state,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    currentVersion: p.current_version,
    version: p.version,
    subject,
  };
}

/**
 * R5 — whether the actor may start a plan at all (for some of their own organisations' estates): the plan form and its
 * button are shown exactly to them; `createPlan` checks the concrete estates.
 */
export const mayCreatePlan = (actor: Actor): boolean =>
  can(actor, 'create', { type: 'plan', state: 'draft', partyOrganisationIds: organisationsOf(actor) });
