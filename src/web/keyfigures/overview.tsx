import type { Context } from 'hono';
import { COPENHAGEN_INDICATORS, compareWithCity, type Indicator } from '../../domain/keyfigures/index.ts';
import { can } from '../../policy/index.ts';
import { knownFigures, type UnitFigures } from '../../services/keyfigures/publish.ts';
import {
  baseKey,
  cityKey,
  designation,
  figureYears,
  indicatorValue,
  loadAllYears,
  loadUpperYear,
  loadYear,
  trend,
  type YearFigures,
} from '../../services/keyfigures/read.ts';
import { getSettings } from '../../services/keyfigures/settings.ts';
import { Alert, FilterBar, SelectField, Table } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatNumber } from '../format.ts';
import { page } from '../render.tsx';
import { kfHead } from './style.tsx';
import {
  ALL_YEARS,
  chosenIndicator,
  chosenYear,
  Credits,
  crumbs,
  indicatorOptions,
  kfPaths,
  pct,
  points,
  readOptions,
  SourceNote,
  Sparkline,
  SubNav,
  valueText,
  verdictText,
  yearOptions,
} from './shared.tsx';

/** Where a unit's profile lives. */
export function unitHref(f: UnitFigures, year: number): string | undefined {
  const u = f.unit;
  if (u.level === 'estate' && u.refId) return kfPaths.estate(u.refId, year);
  if (u.level === 'district' && u.refId) return kfPaths.district(u.refId, year);
  if (u.level === 'area' && u.refId && u.key.startsWith('a')) return kfPaths.urbanArea(u.refId, year);
  return undefined;
}

const linked = (f: UnitFigures, year: number) => {
  const href = unitHref(f, year);
  return href ? <a href={href}>{f.unit.name}</a> : f.unit.name;
};

/** R18 — one indicator for a level's units: value, the difference from the city, the trend. */
function IndicatorTable({
  years,
  y,
  level,
  indicator,
  caption,
}: {
  years: YearFigures[];
  y: YearFigures;
  level: 'district' | 'area';
  indicator: Indicator;
  caption: string;
}) {
  const city = y.units.get(baseKey(y));
  const units = [...y.units.values()].filter((f) => f.unit.level === level);
  return (
    <Table
      caption={caption}
      columns={[
        { key: 'name', label: level === 'district' ? 'Bydel' : 'Område' },
        { key: 'residents', label: 'Beboere', numeric: true },
        { key: 'value', label: `${indicator.label} ${y.year}`, numeric: true },
        { key: 'diff', label: `Forskel fra ${city?.unit.name ?? 'byen'}`, numeric: true },
        { key: 'trend', label: 'Udvikling' },
      ]}
      rows={units.map((f) => {
        const cmp = city ? compareWithCity(knownFigures(f), knownFigures(city), [indicator])[0] : undefined;
        return {
          name: linked(f, y.year),
          residents: f.residents === null ? 'Skjult' : formatNumber(f.residents),
          value: valueText(f, indicator.variable),
          diff: points(cmp?.differencePoints),
          trend: <Sparkline points={trend(years, f.unit.key, indicator)} label={`${indicator.label}, ${f.unit.name}`} />,
        };
      })}
      empty="Ingen områder med tal."
    />
  );
}

/** /noegletal — the nine indicators for the city with trends, and per district and urban area (R18). */
export async function overviewPage(c: Context<AppEnv>) {
  const ctx = c.get('ctx');
  const actor = c.get('actor');
  const canImport = can(actor, 'import', { type: 'keyfigures' });
  const [years, settings] = await Promise.all([figureYears(ctx), getSettings(ctx)]);
  const year = chosenYear(c, years);
  const indicator = chosenIndicator(c);
  const head = (
    <>
      <h1>Nøgletal for udsatte byområder</h1>
      <SubNav active={kfPaths.overview()} canImport={canImport} />
    </>
  );
  if (year === undefined) {
    return page(
      c,
      { title: 'Nøgletal', breadcrumbs: [...crumbs.slice(0, 1), { label: 'Nøgletal' }], head: kfHead() },
      <>
        {head}
        <Alert kind="info" heading="Ingen statistik endnu">
          <p>
            Der er endnu ikke indlæst statistik pr. afdeling.{' '}
            {canImport ? <a href={kfPaths.imports()}>Indlæs statistik</a> : 'Sekretariatet indlæser den årlige statistik.'}
          </p>
        </Alert>
        <p>
          <a href={kfPaths.lists()}>Se de officielle lister 2010–2017 og deres kriterier</a>
        </p>
      </>,
    );
  }
  // Trends need only the units above the estates of every year; the chosen year is read whole.
  const [all, y] = await Promise.all([loadAllYears(ctx, readOptions(c), loadUpperYear), loadYear(ctx, year, readOptions(c))]);
  const base = baseKey(y);
  const city = y.units.get(base);
  const designated = [...y.units.values()]
    .filter((f) => f.unit.level === 'district' || (f.unit.level === 'area' && f.unit.key.startsWith('a')))
    .map((f) => ({ f, result: designation(y, f.unit.key, settings.rule) }));
  return page(
    c,
    { title: `Nøgletal ${year}`, breadcrumbs: [...crumbs.slice(0, 1), { label: 'Nøgletal' }], head: kfHead() },
    <>
      {head}
      <FilterBar action={kfPaths.overview()} label="Vis">
        <SelectField name="aar" label="År" options={yearOptions(years)} value={String(year)} required />
        <SelectField name="indikator" label="Indikator i tabellerne" options={indicatorOptions()} value={indicator.id} required />
      </FilterBar>
      <SourceNote y={y} />
      <Table
        caption={`De ni indikatorer ${year}: ${city?.unit.name ?? 'København'}`}
        columns={[
          { key: 'label', label: 'Indikator' },
          { key: 'value', label: String(year), numeric: true },
          { key: 'unit', label: 'Opgjort som' },
          { key: 'trend', label: 'Udvikling' },
        ]}
        rows={COPENHAGEN_INDICATORS.map((i) => ({
          label: i.label,
          value: valueText(city, i.variable),
          unit: i.unitText,
          trend: <Sparkline points={trend(all, base, i)} label={`${i.label}, ${city?.unit.name ?? 'København'}`} />,
        }))}
      />
      <h2>{indicator.label} pr. bydel og område</h2>
      <IndicatorTable years={all} y={y} level="district" indicator={indicator} caption={`${indicator.label} pr. bydel ${year}`} />
      <IndicatorTable years={all} y={y} level="area" indicator={indicator} caption={`${indicator.label} pr. udsat byområde ${year}`} />
      <h2>Udpegning af udsatte byområder</h2>
      <div class="kf-rule">
        <p>
          <strong>Reglen, der er brugt:</strong> {settings.ruleText}
        </p>
        <p>
          <a href={kfPaths.settings()}>Om reglen</a>
        </p>
      </div>
      <Table
        caption={`Resultat efter reglen »${settings.rule.name}« ${year}`}
        columns={[
          { key: 'name', label: 'Bydel eller område' },
          { key: 'verdict', label: 'Resultat' },
          { key: 'explanation', label: 'Forklaring' },
        ]}
        rows={designated.map(({ f, result }) => ({
          name: linked(f, year),
          verdict: result ? verdictText[result.verdict] : '—',
          explanation: result?.explanation ?? '',
        }))}
      />
      <h2>Åbne data</h2>
      <p>
        De offentliggjorte tal for {year} (by, bydele og byområder; små tal skjult):{' '}
        <a href={kfPaths.dataCsv(year)} download>
          CSV
        </a>{' '}
        · <a href={kfPaths.dataJson(year)}>JSON</a> · <a href="/api/docs">API</a>
      </p>
      <p>
        Alle år i én fil ({years.length === 1 ? `${years[0]}` : `${years[0]}–${years.at(-1)}`}):{' '}
        <a href={kfPaths.dataCsv(ALL_YEARS)} download>
          CSV med alle år
        </a>
      </p>
      <Credits />
    </>,
  );
}

export { indicatorValue, pct };
