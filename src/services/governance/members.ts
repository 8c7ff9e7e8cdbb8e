import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { administrationLabels, type Administration } from '../../policy/actor.ts';

/** A member of a body, as every page, API and other area sees it. */
export interface Member {
  id: number;
  bodyId: number;
  name: string;
  userId: number | null;
  email: string;
  representsKind: 'organisation' | 'administration' | 'other';
  organisationId: number | null;
  administration: string | null;
  /** Whom the member represents, in Danish: "fsb", "Teknik- og Miljøforvaltningen (TMF)", "Beboervalgt". */
  representsLabel: string;
  level: string;
  role: string;
  startsOn: string;
  endsOn: string | null;
  version: number;
}

/** The members of bodies; `on` keeps those seated that day, otherwise every member ever. */
export async function membersOf(db: Executor, bodyIds: number[], on?: string): Promise<Member[]> {
  if (!bodyIds.length) return [];
  const rows = await db
    .selectFrom('body_member as m')
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id',
      'm.body_id',
      'm.person_name',
      'm.user_id',
      'm.email',
      'm.represents_kind',
      'm.organisation_id',
      'm.administration',
      'm.represents_other',
      'm.level',
      'm.role',
      'm.starts_on',
      'm.ends_on',
      'm.version',
      'o.short_name as org',
    ])
    .where('m.body_id', 'in', bodyIds)
    .$if(!!on, (q) => q.where('m.starts_on', '<=', on!).where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', on!)])))
    .orderBy(sql`CASE m.role WHEN 'chair' THEN 0 WHEN 'member' THEN 1 WHEN 'observer' THEN 2 ELSE 3 END`)
    .orderBy('m.person_name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    bodyId: r.body_id,
    name: r.person_name,
    userId: r.user_id,
    email: r.email,
    representsKind: r.represents_kind,
    organisationId: r.organisation_id,
    administration: r.administration,
    representsLabel:
      r.represents_kind === 'organisation'
        ? (r.org ?? '—')
        : r.represents_kind === 'administration'
          ? `${administrationLabels[r.administration as Administration] ?? r.administration} (${r.administration})`
          : r.represents_other || 'Andet',
    level: r.level,
    role: r.role,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    version: r.version,
  }));
}

/** User ids of a body's members seated on a day (for the policy layer and notifications). */
export async function memberUserIds(db: Executor, bodyId: number, on: string): Promise<number[]> {
  return (await membersOf(db, [bodyId], on)).flatMap((m) => (m.userId ? [m.userId] : []));
}
