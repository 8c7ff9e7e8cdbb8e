import type { Trx } from '../db/database.ts';
import { loadPlan } from '../services/plans/read.ts';
import { snapshotOf } from '../services/plans/snapshot.ts';

/**
 * Demo plans: the real Copenhagen plans from `../shared/data/lists/kbh_helhedsplaner_seed.csv` with their real
 * parties, districts and dates where published (`sourceUrl`, and `publicFacts` naming which facts are public),
 * and invented plans (no source), so that every district with a vulnerable urban area has plans, in several
 * states of the life cycle. Everything not named in `publicFacts` is demo data, and the pages say so.
 */
interface DemoPlan {
  name: string;
  district: number;
  period: string;
  startsOn: string;
  endsOn: string;
  lead: string;
  estates: string[];
  state: string;
  sourceUrl?: string;
  /** Danish: the facts the source gives; shown on the plan page beside the source. */
  publicFacts?: string;
  projectLeader?: boolean;
}

export const demoPlans: DemoPlan[] = [
  {
    name: 'Amagerbro Helhedsplan (Sundholms- og Holmbladsgadekvartererne)',
    district: 10,
    period: '2011-14',
    startsOn: '2014-01-01',
    endsOn: '2017-12-31',
    lead: 'VIBO',
    estates: ['Sundholmsvej', 'Amagerbro', 'Holmbladsgade', 'Sundholmskvarteret', 'Holmbladsgade Nord', 'Amagerbrogade Øst'],
    state: 'ended',
    sourceUrl: 'http://amagerbrohelhedsplan.dk/?page_id=75',
    publicFacts:
      'Navnet, bydelene Amager Vest og Amager Øst, årene 2014–2017 og de fem boligorganisationer: Boligforeningen VIBO (administrerer), DFB, AAB, fsb og HAB II. Afdelingerne, datoerne inden for årene, indholdet og personerne er demodata.',
  },
  {
    name: 'Boligsocial helhedsplan Tingbjerg og Utterslevhuse',
    district: 7,
    period: '2015-18',
    startsOn: '2016-07-01',
    endsOn: '2020-06-30',
    lead: 'fsb',
    estates: ['Tingbjerg I', 'Tingbjerg II', 'Utterslevhuse'],
    state: 'ended',
    sourceUrl: 'https://bha.dk/2020/06/helhedsplan-til-afstemning/',
    publicFacts:
      'Navnet, bydelen Brønshøj-Husum, årene 2016–2020 og boligorganisationerne fsb og SAB. Afdelingerne, datoerne inden for årene, indholdet og personerne er demodata.',
  },
  {
    name: 'Boligsocial helhedsplan Tingbjerg og Utterslevhuse (ny)',
    district: 7,
    period: '2019-26',
    startsOn: '2020-07-01',
    endsOn: '2024-06-30',
    lead: 'fsb',
    estates: ['Tingbjerg I', 'Tingbjerg II', 'Utterslevhuse', 'Husumgård'],
    state: 'ended',
    sourceUrl: 'https://bha.dk/2020/07/ja-til-fortsat-boligsocial-indsats/',
    publicFacts:
      'Navnet, bydelen Brønshøj-Husum, årene 2020–2024, boligorganisationerne fsb og SAB og omfanget: 8 boligafdelinger med ca. 2.500 almene boliger (demoen viser kun 4 opdigtede afdelinger). Datoerne inden for årene, indholdet og personerne er demodata.',
  },
  {
    name: 'Helhedsplan Mjølnerparken',
    district: 3,
    period: '2019-26',
    startsOn: '2023-01-01',
    endsOn: '2026-12-31',
    lead: 'Bo-Vita',
    estates: ['Mjølnerparken'],
    state: 'active',
    sourceUrl: 'https://www.bo-vest.dk/boligsocial/helhedsplan-mjoelnerparken/',
    publicFacts:
      'Navnet, bydelen Nørrebro, boligorganisationen Bo-Vita og afdelingen Mjølnerparken (560 boliger ifølge Københavns Kommune, kk.dk). Kilden oplyser ingen datoer for den boligsociale plan: datoerne er demodata, ligesom indholdet og personerne.',
    projectLeader: true,
  },
  {
    name: 'Helhedsplan Bispebjerg-Nordvest',
    district: 8,
    period: '2019-26',
    startsOn: '2023-01-01',
    endsOn: '2026-12-31',
    lead: 'fsb',
    estates: ['Bispeparken', 'Stærevej', 'Glentevej', 'Rentemestervej', 'Tagensbo'],
    state: 'active',
  },
  {
    name: 'Helhedsplan Urbanplanen',
    district: 10,
    period: '2019-26',
    startsOn: '2023-01-01',
    endsOn: '2026-12-31',
    lead: 'KAB',
    estates: ['Urbanplanen Øst', 'Hørgården Nord', 'Hørgården Syd', 'Remisevej'],
    state: 'active',
  },
  {
    name: 'Helhedsplan Frankrigsgade',
    district: 9,
    period: '2019-26',
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    lead: 'AKB',
    estates: ['Frankrigsgade'],
    state: 'granted',
  },
  {
    name: 'Helhedsplan Ryparken og Lersø',
    district: 8,
    period: '2019-26',
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    lead: 'AAB',
    estates: ['Lersø Park', 'Ved Bispebjerg Hospital'],
    state: 'municipal_approval',
  },
  {
    name: 'Helhedsplan Aldersrogade',
    district: 3,
    period: '2019-26',
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    lead: 'Bo-Vita',
    estates: ['Aldersrogade', 'Aldersrogade Syd'],
    state: 'plan_written',
    sourceUrl: 'https://bedsteemner.dk/bibliot/artik/read/473-hvor-mange-ghettoer-er-der-i-danmark',
    publicFacts:
      'Kun ejerne af Aldersrogade: Bo-Vita og VIBO (sekundær kilde, som i listestatus for 2020). Planen selv, bydelen, datoerne, afdelingerne, indholdet og personerne er opdigtede (demodata).',
  },
  {
    name: 'Helhedsplan Valby',
    district: 5,
    period: '2019-26',
    startsOn: '2025-07-01',
    endsOn: '2026-12-31',
    lead: 'SAB',
    estates: ['Akacieparken', 'Folehaven', 'Valby Langgade'],
    state: 'prequalified',
    projectLeader: true,
  },
  {
    name: 'Helhedsplan Sydhavnen',
    district: 4,
    period: '2019-26',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    lead: 'AKB',
    estates: ['Sjælør Boulevard', 'Sydhavnsgade', 'Mozarts Plads', 'Hanssted', 'Kongens Enghave'],
    state: 'draft',
  },
];

const path: Record<string, string[]> = {
  draft: [],
  prequalification_submitted: ['prequalification_submitted'],
  prequalified: ['prequalification_submitted', 'prequalified'],
  plan_written: ['prequalification_submitted', 'prequalified', 'plan_written'],
  municipal_approval: ['prequalification_submitted', 'prequalified', 'plan_written', 'committee', 'municipal_approval'],
  granted: ['prequalification_submitted', 'prequalified', 'plan_written', 'committee', 'municipal_approval', 'granted'],
  active: ['prequalification_submitted', 'prequalified', 'plan_written', 'committee', 'municipal_approval', 'granted', 'active'],
  ended: ['prequalification_submitted', 'prequalified', 'plan_written', 'committee', 'municipal_approval', 'granted', 'active', 'ended'],
};

const content = {
  challenges: [
    [
      'Mange beboere uden for beskæftigelse',
      'Andelen af 18–64-årige uden for arbejde eller uddannelse ligger langt over Københavnergennemsnittet.',
    ],
    ['Børn og unge klarer sig dårligere i skolen', 'Færre unge fra området gennemfører en ungdomsuddannelse.'],
  ] as [string, string][],
  goals: [
    ['Beskæftigelsesgrad på niveau med Københavnergennemsnittet', 0, [['Andel 18–64-årige i beskæftigelse', '%', 'increase', 48, 60]]],
    [
      'Flere unge gennemfører en ungdomsuddannelse',
      1,
      [
        ['Andel 25-årige med ungdomsuddannelse', '%', 'increase', 55, 70],
        ['Antal unge i lektiecafé pr. uge', 'antal', 'increase', 20, 60],
      ],
    ],
  ] as [string, number, [string, string, 'increase' | 'decrease', number, number][]][],
  activities: [
    [0, 'Brobygning til jobcentret', 'Fremskudt jobvejledning i beboerhuset hver uge', 'Ledige 18–64 år', 'BIF'],
    [0, 'Lommepengejob', 'Små jobs i afdelingerne for 13–17-årige', 'Unge 13–17 år', null],
    [1, 'Lektiecafé', 'Lektiehjælp for børn og voksne to gange om ugen', 'Skolebørn og forældre', 'BUF'],
    [1, 'Jobvejledning for unge', 'Samarbejde med UU om vejledning af udsatte unge', 'Unge 15–25 år', 'BUF'],
  ] as [number, string, string, string, string | null][],
};

export async function loadDemoPlans(trx: Trx): Promise<void> {
  const orgs = new Map((await trx.selectFrom('organisation').select(['id', 'short_name']).execute()).map((o) => [o.short_name, o.id]));
  const estates = new Map((await trx.selectFrom('estate').select(['id', 'name', 'organisation_id']).execute()).map((e) => [e.name, e]));
  const districts = new Map((await trx.selectFrom('district').select(['id', 'number']).execute()).map((d) => [d.number, d.id]));
  const periods = new Map((await trx.selectFrom('funding_period').select(['id', 'code']).execute()).map((p) => [p.code, p.id]));
  const focus = await trx.selectFrom('focus_area').select(['id', 'funding_period_id', 'name', 'sort']).orderBy('sort').execute();
  const projectLeader = await trx.selectFrom('app_user').select('id').where('email', '=', 'projektleder@demo.test').executeTakeFirst();

  for (const [i, d] of demoPlans.entries()) {
    const plan = await trx
      .insertInto('plan')
      .values({
        name: d.name,
        district_id: districts.get(d.district) ?? null,
        funding_period_id: periods.get(d.period)!,
        starts_on: d.startsOn,
        ends_on: d.endsOn,
        lead_organisation_id: orgs.get(d.lead)!,
        state: d.state,
        approval_chain: d.startsOn < '2020-01-01' ? 'council' : 'committee_and_council',
        problem_description:
          'Området har mange beboere uden for beskæftigelse, mange børn og unge med svage skoleresultater og en lav oplevet tryghed.',
        grant_reference: ['granted', 'active', 'ended'].includes(d.state) ? `LBF-${2014 + i}-${100 + i}` : null,
        grant_date: ['granted', 'active', 'ended'].includes(d.state) ? d.startsOn : null,
        source_url: d.sourceUrl ?? null,
        public_facts: d.publicFacts ?? '',
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const estateRows = d.estates.map((n) => estates.get(n)!).filter(Boolean);
    await trx
      .insertInto('plan_estate')
      .values(estateRows.map((e) => ({ plan_id: plan.id, estate_id: e.id })))
      .execute();
    await trx
      .insertInto('strategic_agreement')
      .values({ plan_id: plan.id, purpose: 'Fælles mål for beskæftigelse, uddannelse og tryghed.' })
      .execute();
    if (d.projectLeader && projectLeader)
      await trx.insertInto('role_grant').values({ user_id: projectLeader.id, role: 'project_leader', plan_id: plan.id }).execute();
    if (d.state === 'draft') continue;

    const chIds: number[] = [];
    for (const [title, description] of content.challenges)
      chIds.push(
        (await trx.insertInto('challenge').values({ plan_id: plan.id, title, description }).returning('id').executeTakeFirstOrThrow()).id,
      );
    const goalIds: number[] = [];
    const baselineDate = d.startsOn;
    const targetDate = d.endsOn;
    for (const [title, ch, criteria] of content.goals) {
      const g = await trx
        .insertInto('goal')
        .values({ plan_id: plan.id, challenge_id: chIds[ch] ?? null, title })
        .returning('id')
        .executeTakeFirstOrThrow();
      goalIds.push(g.id);
      for (const [name, unit, direction, base, target] of criteria) {
        const c = await trx
          .insertInto('success_criterion')
          .values({
            plan_id: plan.id,
            goal_id: g.id,
            indicator_name: name,
            unit,
            direction,
            baseline_value: base,
            baseline_date: baselineDate,
            baseline_source: 'Danmarks Statistik (demo)',
            target_value: target,
            target_date: targetDate,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (['active', 'ended'].includes(d.state)) {
          const years = Number(targetDate.slice(0, 4)) - Number(baselineDate.slice(0, 4));
          for (let y = 1; y <= Math.min(years, 2026 - Number(baselineDate.slice(0, 4))); y++) {
            const progress = (y / Math.max(1, years)) * (0.6 + ((i + y) % 4) * 0.15);
            await trx
              .insertInto('measurement')
              .values({
                plan_id: plan.id,
                criterion_id: c.id,
                value: Math.round((base + (target - base) * progress) * 10) / 10,
                measured_on: `${Number(baselineDate.slice(0, 4)) + y - 1}-12-31`,
                source: 'Årsopgørelse (demo)',
                recorded_by_label: 'Demodata',
              })
              .execute();
          }
        }
      }
    }
    if (['prequalified'].includes(d.state)) {
      await addTransitions(trx, plan.id, path[d.state]!);
      continue;
    }
    const periodFocus = focus.filter((f) => f.funding_period_id === periods.get(d.period)).slice(0, 2);
    for (const [fi, f] of periodFocus.entries()) {
      const sub = await trx
        .insertInto('sub_agreement')
        .values({ plan_id: plan.id, focus_area_id: f.id, summary: `Indsatsen for ${f.name.toLowerCase()}.` })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [gi, title, description, group, admin] of content.activities.filter((_, ai) => ai % 2 === fi)) {
        const a = await trx
          .insertInto('activity')
          .values({
            plan_id: plan.id,
            sub_agreement_id: sub.id,
            title,
            description,
            target_group: group,
            starts_on: d.startsOn,
            ends_on: d.endsOn,
            status: d.state === 'ended' ? 'ended' : d.state === 'active' ? 'running' : 'planned',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('activity_goal').values({ activity_id: a.id, goal_id: goalIds[gi]! }).execute();
        const lead = estateRows[0]!;
        const leadName = [...orgs.entries()].find(([, id]) => id === lead.organisation_id)?.[0] ?? d.lead;
        await trx
          .insertInto('activity_party')
          .values({
            activity_id: a.id,
            party_kind: 'organisation',
            organisation_id: lead.organisation_id,
            name: leadName,
            part: 'responsible',
          })
          .execute();
        if (admin)
          await trx
            .insertInto('activity_party')
            .values({ activity_id: a.id, party_kind: 'administration', administration: admin, name: admin, part: 'carries_out' })
            .execute();
        await trx
          .insertInto('activity_party')
          .values({ activity_id: a.id, party_kind: 'civil_society', name: 'Civilsamfund', part: 'contributes' })
          .execute();
      }
    }
    await trx
      .insertInto('contingency_plan')
      .values({
        plan_id: plan.id,
        steps:
          '1. Projektlederen orienterer straks politiets nærbetjent og boligorganisationens driftschef.\n2. Krisegruppen mødes inden for 24 timer.\n3. Beboerne informeres via opslag og beboerhuset.',
        police_cooperation: 'Fast møde med Københavns Politi hver 14. dag; fælles tryghedsvandring hver måned.',
        last_reviewed: i % 3 === 0 ? '2025-03-01' : '2026-06-15',
      })
      .execute();
    await trx
      .insertInto('contingency_contact')
      .values([
        {
          plan_id: plan.id,
          call_order: 1,
          role: 'Boligsocial projektleder',
          organisation: d.lead,
          name: 'Demo Projektleder',
          phone: '+45 33 00 00 01',
          email: 'projektleder@demo.test',
        },
        {
          plan_id: plan.id,
          call_order: 2,
          role: 'Nærbetjent',
          organisation: 'Københavns Politi',
          name: 'Demo Betjent',
          phone: '+45 33 00 00 02',
          email: '',
        },
        {
          plan_id: plan.id,
          call_order: 3,
          role: 'Driftschef',
          organisation: d.lead,
          name: 'Demo Driftschef',
          phone: '+45 33 00 00 03',
          email: '',
        },
      ])
      .execute();
    await addTransitions(trx, plan.id, path[d.state]!, d.startsOn < '2020-01-01' ? 'council' : 'committee_and_council');
    if (['municipal_approval', 'granted', 'active', 'ended'].includes(d.state)) {
      const snapshot = snapshotOf(await loadPlan(trx, plan.id, false, '2026-11-22'));
      await trx
        .insertInto('plan_version')
        .values({
          plan_id: plan.id,
          number: 1,
          snapshot: JSON.stringify(snapshot),
          reason: 'Godkendt af kommunen',
          created_by_label: 'Demodata',
        })
        .execute();
      await trx.updateTable('plan').set({ current_version: 1 }).where('id', '=', plan.id).execute();
    }
  }
}

async function addTransitions(trx: Trx, planId: number, steps: string[], chain = 'committee_and_council') {
  let from = 'draft';
  for (const s of steps) {
    if (s === 'committee') {
      if (chain === 'council') continue;
      await trx
        .insertInto('plan_transition')
        .values({
          plan_id: planId,
          from_state: 'plan_written',
          to_state: 'plan_written',
          step_key: 'committee',
          body: 'Teknik- og Miljøudvalget',
          decision_date: '2022-09-05',
          case_number: '2022-0042',
          actor_label: 'Demodata',
        })
        .execute();
      continue;
    }
    const step = s === 'municipal_approval' ? (chain === 'council' ? 'council' : 'appropriation') : null;
    await trx
      .insertInto('plan_transition')
      .values({
        plan_id: planId,
        from_state: from,
        to_state: s,
        step_key: step,
        body: step ? 'Borgerrepræsentationen' : '',
        decision_date: step || s === 'prequalified' || s === 'granted' ? '2022-10-06' : null,
        case_number: step ? '2022-0099' : '',
        amount_ore: step ? 125_000_000 : null,
        actor_label: 'Demodata',
      })
      .execute();
    from = s;
  }
}
