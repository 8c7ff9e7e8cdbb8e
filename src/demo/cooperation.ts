import type { Trx } from '../db/database.ts';
import { systemActor } from '../policy/actor.ts';
import { approveWithPlan, createContract, saveGoal } from '../services/cooperation/index.ts';
import type { ServiceContext, ServiceHooks } from '../services/context.ts';

/** The demo's vulnerable urban areas and the district board (from 2016) that holds each area's contract. */
const areas: [area: string, board: string][] = [
  ['Amager/Sundby', 'bydel-amager'],
  ['Nordvest/Ryparken', 'bydel-nordvest'],
  ['Nørrebro', 'bydel-noerrebro'],
  ['Tingbjerg/Husum', 'bydel-tingbjerg'],
  ['Valby/Sydhavnen', 'bydel-valby'],
];

/** [theme, goal, description, roles (one party a line), success criteria] — invented, marked as demo. */
const goals = (area: string): [string, string, string, string, string][] => [
  [
    'Børn, unge og beskæftigelse',
    'Flere unge i fritidsjob',
    `Unge i ${area} får deres første erfaring med arbejdsmarkedet.`,
    'BIF: jobcentrets ungeindsats og virksomhedskontakt\nBUF: fritidsklubberne henviser og følger op\nBoligorganisationerne: lommepengejob i driften og formidling gennem helhedsplanen',
    '40 unge i fritidsjob om året; andelen af 15–17-årige med fritidsjob på kommunens gennemsnit.',
  ],
  [
    'Uddannelse, beskæftigelse og erhverv',
    'Flere unge i uddannelse',
    'Unge uden uddannelse fastholdes i eller vender tilbage til uddannelse.',
    'BUF: vejledning i udskolingen\nBIF: uddannelsespålæg og mentorer\nBoligorganisationerne: lektiecafé og brobygning i helhedsplanen',
    'Andelen af 18–24-årige i uddannelse stiger med 5 procentpoint på fire år.',
  ],
  [
    'Kultur og fritid',
    'Flere børn i foreningslivet',
    'Børn og unge bruger områdets kultur- og fritidstilbud.',
    'KFF: biblioteker og kulturhuse åbner tilbud i området\nBoligorganisationerne: lokaler og frivilligkoordinering',
    '200 nye medlemskaber af foreninger blandt børn fra området.',
  ],
  [
    'Udsatte grupper',
    'Tidlig hjælp til udsatte familier',
    'Udsatte familier får hjælp, før problemerne vokser.',
    'SOF: familierådgivning og opsøgende socialrådgivere\nBoligorganisationerne: boligsociale medarbejdere formidler kontakt',
    'Færre fogedudsættelser; 60 familier i forløb om året.',
  ],
  [
    'Sundhed',
    'Bedre trivsel og sundhed',
    'Beboerne kender og bruger kommunens sundhedstilbud.',
    'SUF: sundhedshuset og forebyggende hjemmebesøg\nBoligorganisationerne: sundhedsformidlere blandt beboerne',
    'Flere beboere i kommunens forebyggelsestilbud; trivsel måles i den årlige beboerundersøgelse.',
  ],
];

/**
 * R17 — demo: a contract on housing-social cooperation for each of the demo's vulnerable urban areas (content
 * invented and marked as demo), approved politically with the area's first approved plan, with the first activity of
 * each approved plan linked to the first goal.
 */
export async function loadDemoContracts(trx: Trx, hooks: ServiceHooks): Promise<void> {
  const ctx: ServiceContext = { db: trx as never, actor: systemActor('Demodata'), now: () => new Date(), hooks };
  const bodies = new Map((await trx.selectFrom('body').select(['id', 'code']).execute()).map((b) => [b.code, b.id]));
  for (const [area, board] of areas) {
    const id = await createContract(ctx, {
      areaName: area,
      bodyId: bodies.get(board) ?? null,
      title: 'Kontrakt om boligsocialt samarbejde',
      source:
        'Demodata: indholdet er opdigtet. Kontrakterne er beskrevet i Københavns Kommunes indstilling om boligsociale helhedsplaner (seed 001 og 004).',
    });
    await trx.updateTable('cooperation_contract').set({ is_demo: true }).where('id', '=', id).execute();
    let version = 1;
    for (const [theme, title, description, roles, successCriteria] of goals(area)) {
      version = (await saveGoal(ctx, id, version, null, { theme, title, description, roles, successCriteria, meetingId: null, note: '' }))
        .version;
    }
    // The area's plans past the municipal approval, oldest first: the contract was approved with the first of them.
    const plans = await trx
      .selectFrom('plan as p')
      .select(['p.id', 'p.starts_on'])
      .where('p.state', 'in', ['municipal_approval', 'granted', 'active', 'ended'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('plan_estate as pe')
            .innerJoin('estate as e', 'e.id', 'pe.estate_id')
            .innerJoin('urban_area as u', 'u.id', 'e.urban_area_id')
            .select('pe.plan_id')
            .whereRef('pe.plan_id', '=', 'p.id')
            .where('u.area_group', '=', area),
        ),
      )
      .orderBy('p.starts_on')
      .execute();
    const first = plans[0];
    await approveWithPlan(trx, ctx, id, first?.id ?? null, {
      decisionDate: first ? addDays(first.starts_on, -120) : '2017-03-01',
      reference: 'Demo: Borgerrepræsentationens beslutning',
    });
    const goal = await trx.selectFrom('cooperation_goal').select('id').where('contract_id', '=', id).orderBy('sort').executeTakeFirst();
    for (const p of plans.slice(-1)) {
      const activity = await trx
        .selectFrom('activity')
        .select('id')
        .where('plan_id', '=', p.id)
        .orderBy('sort')
        .orderBy('id')
        .executeTakeFirst();
      if (goal && activity) await trx.insertInto('activity_contract_goal').values({ goal_id: goal.id, activity_id: activity.id }).execute();
    }
  }
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
