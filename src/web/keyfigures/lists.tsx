import type { Context } from 'hono';
import { NotFound } from '../../errors.ts';
import { can } from '../../policy/index.ts';
import { listReferenceYears, reproduceListYear } from '../../services/keyfigures/lists.ts';
import { figureYears, loadYear, nationalCriteria } from '../../services/keyfigures/read.ts';
import { Table, Tag } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatNumber } from '../format.ts';
import { page } from '../render.tsx';
import { unitHref } from './overview.tsx';
import { Credits, crumbs, kfPaths, readOptions, SourceNote, SubNav } from './shared.tsx';
import { kfHead } from './style.tsx';

const verdictDa = { yes: 'På listen', no: 'Ikke på listen', undecided: 'Kan ikke afgøres', notApplicable: 'Kan ikke beregnes' } as const;

const FLAG_TEXT: Record<string, string> = {
  residentsInThousands: 'Beboertallet er afskrevet i tusinder og kan være afrundet (læst som ± 5).',
  copiedFromEarlierYear: 'Værdierne er identiske med et tidligere år og formentlig kopieret ved afskrivningen; de bruges ikke.',
  nameNormalised: 'Navnet er ensrettet.',
  unrecognised: 'Ukendt kvalitetsmarkering; rækkens tal bruges ikke.',
};

/** /noegletal/lister — the list years: the published 2010–2017 reference lists and the imported years (R20). */
export async function listsPage(c: Context<AppEnv>) {
  const ctx = c.get('ctx');
  const [reference, imported] = await Promise.all([listReferenceYears(ctx), figureYears(ctx)]);
  const title = 'De officielle lister';
  const years = [...new Set([...reference.map((r) => r.year), ...imported])].sort((a, b) => a - b);
  return page(
    c,
    { title, breadcrumbs: [...crumbs, { label: 'Officielle lister' }], head: kfHead() },
    <>
      <h1>{title}</h1>
      <SubNav active={kfPaths.lists()} canImport={can(c.get('actor'), 'import', { type: 'keyfigures' })} />
      <p>
        Listerne offentliggøres hvert år pr. 1. december (almenboligloven § 61 a). Kriterierne har skiftet ved lov; her genberegnes hvert år
        efter de kriterier, der gjaldt for netop den liste, og det forklares, hvilke kriterier et område opfyldte.
      </p>
      <Table
        caption="Listeår"
        columns={[
          { key: 'year', label: 'Listeår' },
          { key: 'source', label: 'Grundlag' },
          { key: 'areas', label: 'Københavnske områder', numeric: true },
          { key: 'on', label: 'På listen (offentliggjort)', numeric: true },
        ]}
        rows={years.map((y) => {
          const ref = reference.find((r) => r.year === y);
          return {
            year: <a href={kfPaths.listYear(y)}>{y}</a>,
            source: [ref ? 'Offentliggjorte værdier (referencedata)' : '', imported.includes(y) ? 'Indlæst statistik' : '']
              .filter(Boolean)
              .join(' og '),
            areas: ref ? formatNumber(ref.areas) : '—',
            on: ref ? formatNumber(ref.onList) : '—',
          };
        })}
      />
      <Credits />
    </>,
  );
}

/** /noegletal/lister/:year — the reproduction of a list year, area by area, with the criteria met explained (R20). */
export async function listYearPage(c: Context<AppEnv>, year: number) {
  const ctx = c.get('ctx');
  const [reproduced, imported] = await Promise.all([reproduceListYear(ctx, year), figureYears(ctx)]);
  const y = imported.includes(year) ? await loadYear(ctx, year, readOptions(c)) : undefined;
  const computed = y ? nationalCriteria(y) : undefined;
  if (!reproduced && !computed) throw new NotFound(`Der er ingen liste for ${year}.`);
  const title = `Listen pr. 1. december ${year}`;
  const ruleText = reproduced?.ruleText ?? computed?.results[0]?.evaluation.ruleText ?? '';
  return page(
    c,
    { title, breadcrumbs: [...crumbs, { label: 'Officielle lister', href: kfPaths.lists() }, { label: String(year) }], head: kfHead() },
    <>
      <h1>{title}</h1>
      <SubNav active="" canImport={can(c.get('actor'), 'import', { type: 'keyfigures' })} />
      <div class="kf-rule">
        <p>
          <strong>Kriterierne for dette listeår:</strong>
        </p>
        {ruleText.split('\n').map((l) => (
          <p>{l}</p>
        ))}
      </div>
      {reproduced && (
        <>
          <h2>Genberegning af den offentliggjorte liste</h2>
          <p>
            {reproduced.rows.filter((r) => r.agrees === true).length} af {reproduced.rows.length} områder får samme resultat som den
            offentliggjorte liste; {reproduced.rows.filter((r) => r.agrees === undefined).length} kan ikke afgøres ud fra de troværdige
            værdier, og {reproduced.rows.filter((r) => r.agrees === false).length} afviger.
          </p>
          <Table
            id="kf-list-table"
            caption={`Københavnske områder på eller af listen ${year}`}
            columns={[
              { key: 'area', label: 'Område' },
              { key: 'published', label: 'Offentliggjort' },
              { key: 'computed', label: 'Beregnet' },
              { key: 'why', label: 'Kriterier' },
              { key: 'quality', label: 'Datakvalitet' },
            ]}
            rows={reproduced.rows.map((r) => ({
              area: r.row.area,
              published: r.row.onList ? 'På listen' : 'Ikke på listen',
              computed: (
                <>
                  {verdictDa[r.verdict]} {r.agrees === false && <Tag kind="error">Afviger</Tag>}
                </>
              ),
              why: (
                <ul class="nobullet-list">
                  <li>{r.evaluation.residents.explanation}</li>
                  {r.evaluation.criteria.map((cr) => (
                    <li>{cr.explanation}</li>
                  ))}
                </ul>
              ),
              quality: r.row.flags.length ? [...new Set(r.row.flags.map((f) => FLAG_TEXT[f.kind]))].join(' ') : '—',
            }))}
          />
        </>
      )}
      {computed && y && (
        <>
          <h2>Beregnet af den indlæste statistik</h2>
          <SourceNote y={y} />
          <Table
            caption={`Udsatte byområder efter kriterierne for ${year}`}
            columns={[
              { key: 'area', label: 'Område' },
              { key: 'verdict', label: 'Resultat' },
              { key: 'why', label: 'Kriterier' },
            ]}
            rows={computed.results.map((r) => {
              const f = y.units.get(r.unit.key);
              const href = f ? unitHref(f, year) : undefined;
              return {
                area: href ? <a href={href}>{r.unit.name}</a> : r.unit.name,
                verdict: r.evaluation.designations.map((d) => d.explanation).join(' '),
                why: (
                  <ul class="nobullet-list">
                    <li>{r.evaluation.residents.explanation}</li>
                    {r.evaluation.criteria.map((cr) => (
                      <li>{cr.explanation}</li>
                    ))}
                  </ul>
                ),
              };
            })}
          />
        </>
      )}
      <p class="form-hint">
        Note om reglerne: 2010–2013 gælder tre kriterier (mindst 2 af 3), fra listen 2014 fem kriterier (mindst 3 af 5), fra 2018 de fire
        kriterier for udsatte boligområder og fra 2021 parallelsamfund og forebyggelsesområder. Kilderne er ministeriets offentliggjorte
        lister og kriterier for hvert år (se «Om data»). Listen 2011 kan ikke genberegnes: andelen uden for arbejde eller uddannelse,
        andelen med ikke-vestlig oprindelse og beboertallet er identiske med 2010 og formentlig kopieret ved afskrivningen.
      </p>
      <Credits />
    </>,
  );
}
