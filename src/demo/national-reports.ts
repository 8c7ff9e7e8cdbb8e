import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.ts';
import type { Milestone, Narrative, ReportAction } from '../domain/reports/index.ts';
import type { Actor } from '../policy/index.ts';
import { actorFor, addGrant } from '../services/accounts.ts';
import type { ServiceContext } from '../services/context.ts';
import { saveNarrative, transitionReport } from '../services/reports/reports.ts';
import { insertMany, type NationalContext, type NationalStep, type Rng } from './national.ts';

/**
 * National set, yearly reports (R6, R7), made through the same use cases as the pages, so every submitted report
 * carries the snapshot and hash a real submission freezes. The lead housing organisation writes, approves and
 * submits each report and LBF acknowledges most. Going through the use cases takes about 100 ms a report on
 * PostgreSQL (every year of every plan: 1,000 reports, 98 s), so not every year of every plan is made: each active
 * plan has its last two years (the year before last sent; the last one sent, or still open for some plans — a draft,
 * ready, approved — or missing: late), and every tenth plan that has run (active or ended) has every year. The
 * other years stay missing, as before. A few reports were reopened and sent again as revision 2. Each step runs on
 * the clock of its day, and the history the use cases stamp with the database's clock (audit rows, messages) is
 * dated to that day too. The boards that decide on the national plans are Copenhagen's, without members or meetings
 * here, so no report has a verdict (R10).
 */

const DAY = 86_400_000;
const at = (iso: string) => new Date(`${iso}T09:00:00Z`);
const plus = (d: Date, days: number) => new Date(d.getTime() + days * DAY);

const resultTexts = [
  (y: number, k: number) => `I ${y} kom ${k} unge i job eller uddannelse gennem indsatsen.`,
  (y: number, k: number) => `Lektiecaféen havde i ${y} i gennemsnit ${k} deltagere pr. gang.`,
  (y: number, k: number) => `${k} familier fik økonomisk rådgivning i ${y}, og færre fik rykkere for husleje.`,
  (y: number, k: number) => `Fritidsjobformidlingen skaffede i ${y} ${k} unge deres første fritidsjob.`,
];
const challengeTexts = [
  'Det er svært at nå forældre, der ikke taler dansk.',
  'Medarbejderudskiftning i foråret forsinkede to aktiviteter.',
  'Samarbejdet med jobcentret kom sent i gang.',
  'Lokalerne var lukket i tre måneder på grund af renovering.',
];
const adjustmentTexts = [
  'Vi har flyttet ressourcer fra brobygning til lektiecaféen.',
  'Mentorordningen er lagt sammen med jobcaféen.',
  'Forældrenetværket mødes nu om aftenen.',
  'Ingen justeringer: aktiviteterne fortsætter som planlagt.',
];
const focusTexts = [
  'Forældresamarbejde og fritidsjob.',
  'Flere unge i uddannelse efter 9. klasse.',
  'Tryghed i de fælles udearealer.',
  'Frivillige og foreningsliv.',
];
const involvementTexts = [
  'Beboerne har været med i styregruppen og planlagt to fællesarrangementer.',
  'Afdelingsbestyrelserne har fået status på hvert møde.',
  'Et beboerpanel har evalueret aktiviteterne.',
  'Beboerne har stået for sommerfesten og loppemarkedet.',
];
const milestoneTexts: [string, string][] = [
  ['Lektiecaféen udvides til to dage om ugen', 'Projektlederen'],
  ['Fritidsjobmesse for unge 13–17 år', 'Jobkonsulenten'],
  ['Forældrenetværket har holdt fire møder', 'Styregruppen'],
  ['Evaluering af mentorordningen', 'Projektlederen'],
  ['Sommeraktiviteter for børn og unge', 'Boligorganisationen'],
  ['Tryghedsvandring med politiet', 'Styregruppen'],
];

const narrativeFor = (rng: Rng, year: number): Narrative => ({
  results: rng.pick(resultTexts)(year, rng.int(6, 60)),
  challenges: rng.pick(challengeTexts),
  adjustments: rng.pick(adjustmentTexts),
  nextFocus: rng.pick(focusTexts),
  residentInvolvement: rng.pick(involvementTexts),
});

/** R6 — next year's milestone plan: two to four milestones, each dated in the year after the report's. */
const milestonesFor = (rng: Rng, year: number): Milestone[] =>
  Array.from({ length: rng.int(2, 4) }, (_, k) => {
    const [description, responsible] = milestoneTexts[(k + rng.int(0, milestoneTexts.length - 1)) % milestoneTexts.length]!;
    return {
      dueOn: `${year + 1}-${String(3 * k + rng.int(1, 3)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      description,
      responsible,
    };
  });

/** How far a year's report has come. */
type Target = 'missing' | 'draft' | 'ready' | 'approved' | 'submitted' | 'acknowledged';
const reach: Record<Target, number> = { missing: -1, draft: 0, ready: 1, approved: 2, submitted: 3, acknowledged: 4 };
const openLastYear: Target[] = ['acknowledged', 'acknowledged', 'submitted', 'approved', 'ready', 'draft', 'missing'];

/** When a report (revision 1) was written, and when it was reopened: what its history is dated by. */
interface Timeline {
  reportId: number;
  written: Date;
  reopened: Date | null;
}

/** The years of a plan that get a report: see the module comment. */
export function reportingYears(p: { state: string; startsOn: string; endsOn: string }, index: number): number[] {
  if (p.state !== 'active' && p.state !== 'ended') return [];
  const first = Number(p.startsOn.slice(0, 4));
  const last = Number(p.endsOn.slice(0, 4));
  if (index % 10 === 0) return Array.from({ length: last - first + 1 }, (_, k) => first + k);
  return p.state === 'active' ? [last - 1, last] : [];
}

async function reports(trx: Trx, n: NationalContext) {
  const { rng } = n;
  const db = trx as unknown as Db;
  const [{ audit: auditBefore }, { note: noteBefore }] = await Promise.all([
    trx
      .selectFrom('audit_log')
      .select((eb) => eb.fn.coalesce(eb.fn.max('id'), sql<number>`0`).as('audit'))
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('notification')
      .select((eb) => eb.fn.coalesce(eb.fn.max('id'), sql<number>`0`).as('note'))
      .executeTakeFirstOrThrow(),
  ]);

  // R7 — the housing organisations write and send the reports: every organisation without staff gets one employee,
  // and LBF one reader who acknowledges them.
  const staffed = new Set(
    (await trx.selectFrom('role_grant').select('organisation_id').where('role', '=', 'organisation').execute()).map(
      (g) => g.organisation_id,
    ),
  );
  const unstaffed = n.organisationIds.filter((o) => !staffed.has(o));
  const newStaff = await insertMany(
    trx,
    'app_user',
    unstaffed.map((o) => ({
      email: `boligorganisation${o}@national.test`,
      name: `Medarbejder BN${n.organisationIds.indexOf(o) + 1}`,
      password_hash: null,
      is_demo: true,
    })),
    'id',
  );
  await insertMany(
    trx,
    'role_grant',
    newStaff.map((user_id, i) => ({ user_id, role: 'organisation', organisation_id: unstaffed[i]! })),
  );
  const lbfUser = await trx
    .insertInto('app_user')
    .values({ email: 'lbf@national.test', name: 'Landsbyggefonden (national)', password_hash: null, is_demo: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addGrant(trx, lbfUser.id, { role: 'lbf' });
  const staffOf = new Map(
    (
      await trx
        .selectFrom('role_grant')
        .select(['organisation_id', (eb) => eb.fn.min('user_id').as('user_id')])
        .where('role', '=', 'organisation')
        .groupBy('organisation_id')
        .execute()
    ).map((g) => [g.organisation_id!, g.user_id]),
  );
  const actors = new Map<number, Actor>();
  const actor = async (userId: number) => {
    let a = actors.get(userId);
    if (!a) actors.set(userId, (a = (await actorFor(trx, userId, true))!));
    return a;
  };
  const lbf = await actor(lbfUser.id);
  const as = (a: Actor, when: Date): ServiceContext => ({ db, actor: a, now: () => when, hooks: n.hooks });

  const timelines: Timeline[] = [];
  const lead = await trx.selectFrom('plan').select(['id', 'lead_organisation_id']).execute();
  const leadOf = new Map(lead.map((p) => [p.id, p.lead_organisation_id]));
  for (const [i, p] of n.plans.filter((x) => x.state === 'active' || x.state === 'ended').entries()) {
    const years = reportingYears(p, i);
    if (!years.length) continue;
    const staff = await actor(staffOf.get(leadOf.get(p.id)!)!);
    for (const year of years) {
      // Every draw is made whatever the outcome, so one report's choices never shift another's.
      const open = p.state === 'active' && year === years.at(-1);
      const target: Target = open ? rng.pick(openLastYear) : rng() < 0.06 ? 'submitted' : 'acknowledged';
      const reopen = !open && rng() < 0.04;
      const written = plus(at(`${year + 1}-01-05`), rng.int(0, 60));
      const t = {
        written,
        ready: plus(written, rng.int(1, 14)),
        approved: plus(written, rng.int(15, 34)),
        submitted: plus(written, rng.int(35, 40)),
        acknowledged: plus(written, rng.int(50, 90)),
      };
      const narrative = narrativeFor(rng, year);
      const milestones = milestonesFor(rng, year);
      if (target === 'missing') continue;
      const step = async (who: Actor, when: Date, v: number, action: ReportAction, input = {}) =>
        (await transitionReport(as(who, when), p.id, year, v, action, input)).version;
      /** One revision from the first words to how far it came. */
      const revision = async (v: number, upTo: Target, shift: number) => {
        const day = (d: Date) => plus(d, shift);
        v = await saveNarrative(as(staff, day(t.written)), p.id, year, v, narrative, milestones);
        if (reach[upTo] >= reach.ready) v = await step(staff, day(t.ready), v, 'markReady');
        if (reach[upTo] >= reach.approved) v = await step(staff, day(t.approved), v, 'approve');
        if (reach[upTo] >= reach.submitted) v = await step(staff, day(t.submitted), v, 'submit');
        if (reach[upTo] >= reach.acknowledged)
          v = await step(lbf, day(t.acknowledged), v, 'acknowledge', { lbfReference: `LBF ${year + 1}-${p.id}` });
        return v;
      };
      let v = await revision(0, target, 0);
      let reopened: Date | null = null;
      if (reopen) {
        // LBF asked for corrected accounts: the organisation reopens it, and revision 2 goes the same way again.
        reopened = plus(t.acknowledged, 10);
        v = await step(staff, reopened, v, 'reopen', { reason: 'Landsbyggefonden har bedt om rettede regnskabstal.' });
        v = await revision(v, target, 100);
      }
      const row = await trx
        .selectFrom('report')
        .select('id')
        .where('plan_id', '=', p.id)
        .where('year', '=', year)
        .where('revision', '=', 1)
        .executeTakeFirstOrThrow();
      timelines.push({ reportId: row.id, written: t.written, reopened });
    }
  }
  await dateHistory(trx, timelines, auditBefore, noteBefore);
}

/**
 * The use cases stamp their audit rows, messages and the report's creation with the database's clock; a set
 * running since 2011 has them on the day each step happened. Messages of that history were mailed and read then.
 */
async function dateHistory(trx: Trx, timelines: Timeline[], auditBefore: number, noteBefore: number) {
  const ts = (d: Date | null) => (d ? sql`${d.toISOString()}::timestamptz` : sql`null::timestamptz`);
  for (let i = 0; i < timelines.length; i += 1000) {
    const rows = timelines.slice(i, i + 1000).map((t) => sql`(${t.reportId}::int, ${ts(t.written)}, ${ts(t.reopened)})`);
    const t = sql`(values ${sql.join(rows)}) as t(report_id, written, reopened)`;
    await sql`
      update report r set created_at = case when r.revision > 1 then t.reopened else t.written end
      from report r1 join ${t} on t.report_id = r1.id
      where r.plan_id = r1.plan_id and r.year = r1.year`.execute(trx);
  }
  await sql`
    update audit_log a set at = case a.action
        when 'markReady' then r.ready_at when 'approve' then r.approved_at when 'submit' then r.submitted_at
        when 'acknowledge' then r.acknowledged_at
        when 'reopen' then (select n.created_at from report n where n.previous_id = r.id)
        else r.created_at end
    from report r
    where a.id > ${auditBefore} and a.entity_type = 'report' and a.entity_id = r.id::text`.execute(trx);
  await sql`
    update notification n set created_at = d.at, emailed_at = d.at, read_at = d.at
    from (
      select r.plan_id, '/planer/' || r.plan_id || '/rapporter/' || r.year as link, k.kind, min(k.at) as at
      from report r cross join lateral (values
        ('report_ready', r.ready_at), ('report_submitted', r.submitted_at), ('report_acknowledged', r.acknowledged_at)) as k(kind, at)
      where k.at is not null
      group by 1, 2, 3) d
    where n.id > ${noteBefore} and n.plan_id = d.plan_id and n.link = d.link and n.kind = d.kind`.execute(trx);
}

export const reportsNationalStep: NationalStep = { order: 95, name: 'reports', run: reports };
