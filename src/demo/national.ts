import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.ts';
import { addGrant } from '../services/accounts.ts';
import type { ServiceHooks } from '../services/context.ts';

/**
 * The national-scale data set for benchmarks (`helhed demo --scale national --seed N`): deterministic by seed.
 * 300 plans over three funding periods, 8,000 estates, 10 years of statistics per estate, 60 bodies, 3,000
 * meetings, 25,000 activities, 200,000 audit rows, budgets and accounts for every plan. Every area module names its
 * part (`nationalSteps`); the core below makes the registry, users, plans and their content, and the audit trail.
 */

export interface NationalContext {
  rng: Rng;
  /** The areas' hooks, for steps that make their data through the use cases. */
  hooks: ServiceHooks;
  municipalityIds: number[];
  districts: { id: number; municipalityId: number }[];
  organisationIds: number[];
  estates: { id: number; organisationId: number; districtId: number; residents: number }[];
  plans: {
    id: number;
    districtId: number;
    periodCode: string;
    startsOn: string;
    endsOn: string;
    state: string;
    organisationIds: number[];
    estateIds: number[];
  }[];
  activityIds: number[];
  userIds: number[];
  benchUserId: number;
}

export interface NationalStep {
  order: number;
  name: string;
  run: (trx: Trx, n: NationalContext) => Promise<void>;
}

export interface Rng {
  (): number;
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
}

/** mulberry32: small, fast, and the same sequence on every machine for the same seed. */
export function rngFrom(seed: number): Rng {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rng;
  next.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  next.pick = (xs) => xs[Math.floor(next() * xs.length)]!;
  return next;
}

/** Inserts many rows in chunks that stay under PostgreSQL's 65,535 parameters. */
export async function insertMany<T extends Record<string, unknown>>(
  trx: Trx,
  table: string,
  rows: T[],
  returning?: string,
): Promise<number[]> {
  if (!rows.length) return [];
  const perRow = Object.keys(rows[0]!).length;
  const chunk = Math.max(1, Math.floor(60_000 / perRow));
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const q = (trx as any).insertInto(table).values(rows.slice(i, i + chunk));
    if (returning) ids.push(...(await q.returning(returning).execute()).map((r: Record<string, number>) => r[returning]!));
    else await q.execute();
  }
  return ids;
}

const streets = ['Parken', 'Vænget', 'Haven', 'Gården', 'Bakken', 'Engen', 'Lunden', 'Toften', 'Vangen', 'Høj'];
const towns = [
  'Aarhus',
  'Odense',
  'Aalborg',
  'Esbjerg',
  'Randers',
  'Kolding',
  'Horsens',
  'Vejle',
  'Roskilde',
  'Herning',
  'Silkeborg',
  'Næstved',
  'Fredericia',
  'Viborg',
  'Køge',
  'Holstebro',
  'Slagelse',
  'Taastrup',
  'Hillerød',
  'Sønderborg',
];
const activityNames = [
  'Lektiecafé',
  'Jobcafé',
  'Lommepengejob',
  'Forældrenetværk',
  'Gadeplansarbejde',
  'Fritidsjob-formidling',
  'Sundhedscafé',
  'Beboerrådgivning',
  'Brobygning til uddannelse',
  'Mentorordning',
  'Kvindenetværk',
  'Idrætsforening for børn',
  'Økonomisk rådgivning',
  'Ungeklub',
  'Frivilligcenter',
];
const isoDay = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

async function registry(trx: Trx, n: NationalContext) {
  const { rng } = n;
  const cph = await trx.selectFrom('municipality').select('id').executeTakeFirstOrThrow();
  const munIds = await insertMany(
    trx,
    'municipality',
    towns.map((name, i) => ({ code: String(700 + i), name: `${name} Kommune` })),
    'id',
  );
  n.municipalityIds = [cph.id, ...munIds];
  const cphDistricts = await trx.selectFrom('district').select(['id', 'municipality_id']).execute();
  const newDistricts = munIds.flatMap((m, i) =>
    Array.from({ length: 5 }, (_, k) => ({
      municipality_id: m,
      number: k + 1,
      name: `${towns[i]} ${['Nord', 'Syd', 'Øst', 'Vest', 'Midt'][k]}`,
    })),
  );
  const ids = await insertMany(trx, 'district', newDistricts, 'id');
  n.districts = [
    ...cphDistricts.map((d) => ({ id: d.id, municipalityId: d.municipality_id })),
    ...ids.map((id, i) => ({ id, municipalityId: newDistricts[i]!.municipality_id })),
  ];
  n.organisationIds = await insertMany(
    trx,
    'organisation',
    Array.from({ length: 500 }, (_, i) => ({ name: `Boligselskabet National ${i + 1}`, short_name: `BN${i + 1}`, is_demo: true })),
    'id',
  );
  const estates = Array.from({ length: 8000 }, (_, i) => {
    const dwellings = rng.int(40, 900);
    return {
      organisation_id: n.organisationIds[i % 500]!,
      number: Math.floor(i / 500) + 1,
      name: `${rng.pick(streets)} ${i + 1}`,
      address: `${rng.pick(streets)}vej ${rng.int(1, 200)}`,
      postal_code: String(rng.int(1000, 9990)),
      district_id: n.districts[i % n.districts.length]!.id,
      dwellings,
      residents: Math.round(dwellings * (1.6 + rng() * 1.2)),
      is_demo: true,
    };
  });
  const estateIds = await insertMany(trx, 'estate', estates, 'id');
  n.estates = estateIds.map((id, i) => ({
    id,
    organisationId: estates[i]!.organisation_id,
    districtId: estates[i]!.district_id,
    residents: estates[i]!.residents,
  }));
  const users = Array.from({ length: 400 }, (_, i) => ({
    email: `bruger${i + 1}@national.test`,
    name: `Bruger ${i + 1}`,
    password_hash: null,
    is_demo: true,
  }));
  n.userIds = await insertMany(trx, 'app_user', users, 'id');
  // Not a demo user: the benchmark runs the server outside demo mode, where demo users cannot sign in.
  const bench = await trx
    .insertInto('app_user')
    .values({ email: 'bench@national.test', name: 'Benchmark (sekretariat)', password_hash: null, is_demo: false })
    .returning('id')
    .executeTakeFirstOrThrow();
  n.benchUserId = bench.id;
  await addGrant(trx, bench.id, { role: 'secretariat', administration: null, organisationId: null });
  await insertMany(
    trx,
    'role_grant',
    n.userIds.map((user_id, i) => ({ user_id, role: 'organisation', organisation_id: n.organisationIds[i % 500]! })),
  );
}

async function plans(trx: Trx, n: NationalContext) {
  const { rng } = n;
  const periods = await trx
    .selectFrom('funding_period')
    .select(['id', 'code', 'starts_on'])
    .where('code', 'in', ['2011-14', '2015-18', '2019-26'])
    .orderBy('starts_on')
    .execute();
  const focus = await trx.selectFrom('focus_area').select(['id', 'funding_period_id']).execute();
  const rows: {
    name: string;
    district_id: number;
    funding_period_id: number;
    starts_on: string;
    ends_on: string;
    lead_organisation_id: number;
    state: string;
    current_version: number;
    is_demo: boolean;
    grant_reference: string | null;
    grant_date: string | null;
  }[] = [];
  const meta: { estates: number[]; periodCode: string; periodId: number }[] = [];
  for (let i = 0; i < 300; i++) {
    const p = periods[i % periods.length]!;
    const start = Number(p.starts_on.slice(0, 4)) + rng.int(0, 2);
    const state = p.code === '2019-26' ? rng.pick(['active', 'active', 'active', 'granted', 'draft', 'plan_written']) : 'ended';
    const first = (i * 26) % n.estates.length;
    const estates = Array.from({ length: rng.int(3, 12) }, (_, k) => n.estates[(first + k) % n.estates.length]!);
    rows.push({
      name: `Helhedsplan ${estates[0]!.id}-${i + 1}`,
      district_id: estates[0]!.districtId,
      funding_period_id: p.id,
      starts_on: isoDay(start, 1, 1),
      ends_on: isoDay(start + 3, 12, 31),
      lead_organisation_id: estates[0]!.organisationId,
      state,
      current_version: ['active', 'granted', 'ended'].includes(state) ? 1 : 0,
      is_demo: true,
      grant_reference: state === 'draft' || state === 'plan_written' ? null : `LBF-${start}-${i}`,
      grant_date: state === 'draft' || state === 'plan_written' ? null : isoDay(start - 1, 11, 1),
    });
    meta.push({ estates: estates.map((e) => e.id), periodCode: p.code, periodId: p.id });
  }
  const planIds = await insertMany(trx, 'plan', rows, 'id');
  await insertMany(
    trx,
    'plan_estate',
    planIds.flatMap((plan_id, i) => [...new Set(meta[i]!.estates)].map((estate_id) => ({ plan_id, estate_id }))),
  );
  const estateOrg = new Map(n.estates.map((e) => [e.id, e.organisationId]));
  n.plans = planIds.map((id, i) => ({
    id,
    districtId: rows[i]!.district_id,
    periodCode: meta[i]!.periodCode,
    startsOn: rows[i]!.starts_on,
    endsOn: rows[i]!.ends_on,
    state: rows[i]!.state,
    estateIds: meta[i]!.estates,
    organisationIds: [...new Set(meta[i]!.estates.map((e) => estateOrg.get(e)!))],
  }));
  await insertMany(
    trx,
    'strategic_agreement',
    planIds.map((plan_id) => ({ plan_id, purpose: 'Flere i job og uddannelse, tryghed og trivsel.' })),
  );
  const challengeIds = await insertMany(
    trx,
    'challenge',
    planIds.flatMap((plan_id) =>
      [0, 1, 2].map((k) => ({ plan_id, title: ['Lav beskæftigelse', 'Lavt uddannelsesniveau', 'Utryghed'][k]!, description: '', sort: k })),
    ),
    'id',
  );
  const goalRows = planIds.flatMap((plan_id, i) =>
    [0, 1, 2, 3, 4].map((k) => ({
      plan_id,
      challenge_id: challengeIds[i * 3 + (k % 3)]!,
      title: `Mål ${k + 1}`,
      description: '',
      sort: k,
    })),
  );
  const goalIds = await insertMany(trx, 'goal', goalRows, 'id');
  const critRows = goalIds.flatMap((goal_id, g) =>
    [0, 1].map((k) => ({
      plan_id: goalRows[g]!.plan_id,
      goal_id,
      indicator_name: k ? 'Andel i uddannelse' : 'Andel i beskæftigelse',
      unit: '%',
      direction: 'increase',
      baseline_value: 40 + rng.int(0, 10),
      baseline_date: isoDay(Number(rows[Math.floor(g / 5)]!.starts_on.slice(0, 4)) - 1, 12, 31),
      target_value: 55 + rng.int(0, 10),
      target_date: rows[Math.floor(g / 5)]!.ends_on,
      sort: k,
    })),
  );
  const critIds = await insertMany(trx, 'success_criterion', critRows, 'id');
  await insertMany(
    trx,
    'measurement',
    critIds.flatMap((criterion_id, c) =>
      [0, 1, 2].map((y) => ({
        plan_id: critRows[c]!.plan_id,
        criterion_id,
        value: 42 + rng.int(0, 15),
        measured_on: isoDay(Number(critRows[c]!.baseline_date.slice(0, 4)) + y + 1, 12, 31),
        source: 'Danmarks Statistik',
        recorded_by_label: 'Generator',
      })),
    ),
  );
  const subRows = planIds.flatMap((plan_id, i) =>
    focus
      .filter((f) => f.funding_period_id === meta[i]!.periodId)
      .slice(0, 3)
      .map((f) => ({ plan_id, focus_area_id: f.id, summary: '' })),
  );
  const subIds = await insertMany(trx, 'sub_agreement', subRows, 'id');
  const actRows: {
    plan_id: number;
    sub_agreement_id: number;
    title: string;
    description: string;
    target_group: string;
    status: string;
    sort: number;
  }[] = [];
  for (let i = 0; actRows.length < 25_000; i++) {
    const s = i % subIds.length;
    actRows.push({
      plan_id: subRows[s]!.plan_id,
      sub_agreement_id: subIds[s]!,
      title: `${rng.pick(activityNames)} ${Math.floor(i / subIds.length) + 1}`,
      description: 'Aktivitet i helhedsplanen.',
      target_group: rng.pick(['Børn', 'Unge', 'Voksne', 'Familier', 'Ældre']),
      status: rng.pick(['planned', 'running', 'running', 'ended']),
      sort: i,
    });
  }
  n.activityIds = await insertMany(trx, 'activity', actRows, 'id');
  const planOrgs = new Map(n.plans.map((p) => [p.id, p.organisationIds]));
  await insertMany(
    trx,
    'activity_party',
    n.activityIds.map((activity_id, a) => ({
      activity_id,
      party_kind: 'organisation',
      organisation_id: planOrgs.get(actRows[a]!.plan_id)![0]!,
      name: 'Boligorganisation',
      part: 'responsible',
    })),
  );
  const firstGoal = new Map<number, number>();
  goalRows.forEach((g, k) => (firstGoal.has(g.plan_id) ? null : firstGoal.set(g.plan_id, goalIds[k]!)));
  await insertMany(
    trx,
    'activity_goal',
    n.activityIds.map((activity_id, a) => ({ activity_id, goal_id: firstGoal.get(actRows[a]!.plan_id)! })),
  );
  await insertMany(
    trx,
    'contingency_plan',
    planIds.map((plan_id) => ({
      plan_id,
      steps: '1. Ring til nærpolitiet. 2. Saml krisegruppen.',
      police_cooperation: 'Fast møde hver måned.',
      last_reviewed: '2026-01-15',
    })),
  );
  const versioned = n.plans.filter((p) => ['active', 'granted', 'ended'].includes(p.state));
  await insertMany(
    trx,
    'plan_version',
    versioned.map((p) => ({
      plan_id: p.id,
      number: 1,
      snapshot: JSON.stringify({
        name: `Plan ${p.id}`,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        district: null,
        leadOrganisation: '',
        estates: [],
        challenges: [],
        goals: [],
        subAgreements: [],
        contingency: null,
      }),
      reason: 'Godkendt af kommunen',
      created_by_label: 'Generator',
    })),
  );
}

/** 200,000 audit rows spread over the plans' entities and ten years. */
async function audit(trx: Trx, n: NationalContext) {
  const { rng } = n;
  const rows = Array.from({ length: 200_000 }, (_, i) => {
    const plan = n.plans[i % n.plans.length]!;
    const at = new Date(Date.UTC(2016 + rng.int(0, 9), rng.int(0, 11), rng.int(1, 28), rng.int(7, 17), rng.int(0, 59)));
    const kind = rng.pick(['plan', 'activity', 'measurement', 'budget_line']);
    return {
      at,
      actor_user_id: n.userIds[i % n.userIds.length]!,
      actor_label: `Bruger ${(i % n.userIds.length) + 1}`,
      action: 'update',
      entity_type: kind,
      entity_id: String(kind === 'plan' ? plan.id : n.activityIds[i % n.activityIds.length]),
      entity_version: 1 + (i % 7),
      plan_id: plan.id,
      summary: 'Rettelse',
      changes: JSON.stringify([{ field: 'title', before: 'Før', after: 'Efter' }]),
    };
  });
  await insertMany(trx, 'audit_log', rows);
}

/** The core of the national set: the registry, users, plans with their content, and the audit trail. */
export const coreNationalSteps: readonly NationalStep[] = [
  { order: 0, name: 'registry', run: registry },
  { order: 10, name: 'plans', run: plans },
  { order: 90, name: 'audit', run: audit },
];

/** Loads the national set into a database without users (refuses otherwise); one transaction. */
export async function loadNationalData(
  db: Db,
  seed: number,
  steps: readonly NationalStep[],
  hooks: ServiceHooks,
  log: (m: string) => void = () => {},
): Promise<void> {
  const users = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(users.n) > 0) throw new Error('Databasen har allerede brugere; det nationale datasæt indlæses kun i en tom database.');
  await db.transaction().execute(async (trx) => {
    const n = { rng: rngFrom(seed), hooks } as NationalContext;
    for (const s of [...steps].sort((a, b) => a.order - b.order)) {
      const t0 = performance.now();
      await s.run(trx, n);
      log(`${s.name}: ${Math.round(performance.now() - t0)} ms`);
    }
  });
  await sql`ANALYZE`.execute(db);
}
