import type { Context } from 'hono';
import { NotFound } from '../../errors.ts';
import { can } from '../../policy/index.ts';
import { listReferenceYears, reproduceListYear } from '../../services/keyfigures/lists.ts';
import { evaluateListAreas, listStatusOfYear, listStatusYears, statusText } from '../../services/keyfigures/list-areas.ts';
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
  const [reference, imported, published] = await Promise.all([listReferenceYears(ctx), figureYears(ctx), listStatusYears(ctx)]);
  const title = 'De officielle lister';
  const years = [...new Set([...reference.map((r) => r.year), ...imported, ...published.map((p) => p.year)])].sort((a, b) => a - b);
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
          const ref = reference.find((r) => r.year === y) ?? published.find((p) => p.year === y);
          return {
            year: <a href={kfPaths.listYear(y)}>{y}</a>,
            source: [
              reference.some((r) => r.year === y) ? 'Offentliggjorte værdier (referencedata)' : '',
              published.some((p) => p.year === y) ? 'Offentliggjort status (referencedata)' : '',
              imported.includes(y) ? 'Indlæst statistik' : '',
            ]
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
  const [reproduced, imported, statuses] = await Promise.all([reproduceListYear(ctx, year), figureYears(ctx), listStatusOfYear(ctx, year)]);
  const y = imported.includes(year) ? await loadYear(ctx, year, readOptions(c)) : undefined;
  const computed = y ? nationalCriteria(y) : undefined;
  const listAreas = y ? await evaluateListAreas(ctx, y) : undefined;
  if (!reproduced && !computed && statuses.length === 0) throw new NotFound(`Der er ingen liste for ${year}.`);
  const title = `Listen pr. 1. december ${year}`;
  const ruleText = reproduced?.ruleText ?? computed?.results[0]?.evaluation.ruleText ?? '';
  const originText = computed?.results[0]?.evaluation.origin.text ?? listAreas?.results.find((r) => r.evaluation)?.evaluation?.origin.text;
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
        {originText && (
          <p id="kf-origin-used">
            <strong>{originText}</strong> Definitionen er en indstilling (se «Udpegningsregel»).
          </p>
        )}
      </div>
      {statuses.length > 0 && (
        <>
          <h2>Offentliggjort status for københavnske områder</h2>
          <p>
            Listerne fra 2018 er her kun med områdernes navn og status (ingen værdier); hver række har sin kilde. «Udledt» betyder, at
            status er sluttet fra en anden listes status.
          </p>
          <Table
            id="kf-list-status"
            caption={`Offentliggjort status pr. 1. december ${year}`}
            columns={[
              { key: 'area', label: 'Område' },
              { key: 'status', label: 'Offentliggjort status' },
              { key: 'evidence', label: 'Grundlag' },
              { key: 'source', label: 'Kilde' },
            ]}
            rows={statuses.map((s) => ({
              area: s.area,
              status: statusText(s),
              evidence: s.evidence,
              source: <a href={s.sourceUrl}>{new URL(s.sourceUrl).hostname}</a>,
            }))}
          />
        </>
      )}
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
      {listAreas && listAreas.results.length > 0 && (
        <>
          <h2>Landsdækkende listeområder</h2>
          <p>
            Et listeområde er sammenhængende matrikler ejet af almene boligafdelinger med mindst{' '}
            {formatNumber(listAreas.set?.minResidents ?? 1000)} beboere (almenboligloven § 61 a). Her beregnes hvert område af afdelingernes
            indlæste tal efter kriterierne for {year}, ved siden af den offentliggjorte status, hvor den findes.
          </p>
          <Table
            id="kf-list-areas"
            caption={`Listeområder efter kriterierne for ${year}`}
            columns={[
              { key: 'area', label: 'Listeområde' },
              { key: 'estates', label: 'Afdelinger' },
              { key: 'computed', label: 'Beregnet' },
              { key: 'published', label: 'Offentliggjort status' },
              { key: 'why', label: 'Kriterier' },
            ]}
            rows={listAreas.results.map((r) => ({
              area: (
                <>
                  {r.name} {r.sourceUrl && <a href={r.sourceUrl}>(kilde til navnet)</a>} {r.isDemo && <Tag kind="warning">Demodata</Tag>}
                </>
              ),
              estates: r.estates.map((e) => `${e.name} (${e.organisation})`).join(', ') || '—',
              computed: r.verdict ? verdictDa[r.verdict] : 'Ingen tal',
              published: r.published ? (
                <>
                  {statusText(r.published)} (<a href={r.published.sourceUrl}>kilde</a>)
                </>
              ) : (
                'Ingen offentliggjort status for året'
              ),
              why: r.evaluation ? (
                <ul class="nobullet-list">
                  <li>{r.evaluation.residents.explanation}</li>
                  {r.evaluation.criteria.map((cr) => (
                    <li>{cr.explanation}</li>
                  ))}
                  <li>{r.evaluation.origin.text}</li>
                  {r.missing.length > 0 && <li>Mangler tal for: {r.missing.join(', ')}.</li>}
                </ul>
              ) : (
                (r.hidden ?? (r.missing.length ? `Mangler tal for: ${r.missing.join(', ')}.` : '—'))
              ),
            }))}
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
