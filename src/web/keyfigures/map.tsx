import type { Context } from 'hono';
import { can } from '../../policy/index.ts';
import { type MapData, type MapLevel, mapData, svgPaths } from '../../services/keyfigures/map.ts';
import { figureYears, loadYear } from '../../services/keyfigures/read.ts';
import { Alert, FilterBar, SelectField, Table } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatNumber } from '../format.ts';
import { page } from '../render.tsx';
import { assetPaths } from '../static.ts';
import { unitHref } from './overview.tsx';
import { chosenIndicator, chosenYear, Credits, crumbs, indicatorOptions, kfPaths, readOptions, SubNav, yearOptions } from './shared.tsx';
import { kfHead } from './style.tsx';

const levels: { value: MapLevel; label: string }[] = [
  { value: 'district', label: 'Bydele' },
  { value: 'area', label: 'Udsatte byområder' },
];

export const chosenLevel = (c: Context): MapLevel => (c.req.query('niveau') === 'area' ? 'area' : 'district');

const da1 = (n: number) => formatNumber(n, 1);

/** The map's data for the current query (shared by the page and the GeoJSON the script reads). */
export async function currentMap(c: Context<AppEnv>): Promise<{ years: number[]; year: number; data: MapData } | undefined> {
  const ctx = c.get('ctx');
  const years = await figureYears(ctx);
  const year = chosenYear(c, years);
  if (year === undefined) return undefined;
  const y = await loadYear(ctx, year, readOptions(c));
  const data = await mapData(ctx, y, chosenLevel(c), chosenIndicator(c), (key) => {
    const f = y.units.get(key);
    return (f && unitHref(f, year)) ?? kfPaths.overview({ aar: year });
  });
  return { years, year, data };
}

/** R18 — GeoJSON of the coloured map for the Leaflet script. */
export function mapGeojson(m: MapData) {
  return {
    type: 'FeatureCollection',
    indicator: { id: m.indicator.id, label: m.indicator.label },
    legend: m.legend,
    features: m.features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: { name: f.name, value: f.value ?? null, valueText: f.valueText, colour: f.colour, href: f.href ?? null },
    })),
  };
}

function Legend({ m }: { m: MapData }) {
  return (
    <div class="kf-legend-box">
      <h2 class="h4" id="kf-legend-title">
        Signaturforklaring: {m.indicator.label}
      </h2>
      <ul class="kf-legend" aria-labelledby="kf-legend-title">
        {m.legend.map((l) => (
          <li>
            <span class="kf-swatch" style={`background:${l.colour}`} aria-hidden="true"></span>
            {da1(l.from)} – {da1(l.to)} %
          </li>
        ))}
        <li>
          <span class="kf-swatch" style="background:#d9d9d9" aria-hidden="true"></span>
          Ingen tal eller skjult
        </li>
      </ul>
    </div>
  );
}

/** /noegletal/kort — a map of Copenhagen coloured by one indicator, with legend and table (R18). */
export async function mapPage(c: Context<AppEnv>) {
  const canImport = can(c.get('actor'), 'import', { type: 'keyfigures' });
  const m = await currentMap(c);
  const tiles = c.get('deps').config.mapTileUrl;
  const title = 'Kort over nøgletal';
  const head = kfHead(
    <>
      <link rel="stylesheet" href={`${assetPaths.leaflet}/leaflet.css`} />
      <script src={`${assetPaths.leaflet}/leaflet.js`} defer></script>
      <script src={`${assetPaths.app}/keyfigures-map.js`} defer></script>
    </>,
  );
  if (!m) {
    return page(
      c,
      { title, breadcrumbs: [...crumbs, { label: 'Kort' }], head },
      <>
        <h1>{title}</h1>
        <SubNav active={kfPaths.map()} canImport={canImport} />
        <Alert kind="info" heading="Ingen statistik endnu">
          <p>Der er endnu ikke indlæst statistik, så kortet kan ikke farves.</p>
        </Alert>
      </>,
    );
  }
  const { years, year, data } = m;
  const q = { aar: year, indikator: data.indicator.id, niveau: data.level };
  const { paths, viewBox } = svgPaths(data.features, 700, 500);
  return page(
    c,
    { title, breadcrumbs: [...crumbs, { label: 'Kort' }], head },
    <>
      <h1>{title}</h1>
      <SubNav active={kfPaths.map()} canImport={canImport} />
      <FilterBar action={kfPaths.map()} label="Vis kort">
        <SelectField name="aar" label="År" options={yearOptions(years)} value={String(year)} required />
        <SelectField name="indikator" label="Indikator" options={indicatorOptions()} value={data.indicator.id} required />
        <SelectField name="niveau" label="Inddeling" options={levels} value={data.level} required />
      </FilterBar>
      <div class="kf-map-wrap">
        <div
          id="kf-map"
          class="kf-map"
          data-geojson={kfPaths.mapGeojson(q)}
          data-tiles={tiles ?? ''}
          data-indicator={data.indicator.id}
          role="region"
          aria-label={`Kort: ${data.indicator.label} ${year} pr. ${data.level === 'district' ? 'bydel' : 'udsat byområde'}. Tallene står også i tabellen under kortet.`}
        >
          <svg viewBox={viewBox} role="img" aria-labelledby="kf-map-svg-title" preserveAspectRatio="xMidYMid meet">
            <title id="kf-map-svg-title">{`${data.indicator.label} ${year}`}</title>
            {data.features.map((f, i) => (
              <path d={paths[i]} fill={f.colour} data-name={f.name} data-colour={f.colour}>
                <title>{`${f.name}: ${f.valueText}`}</title>
              </path>
            ))}
          </svg>
        </div>
        <Legend m={data} />
      </div>
      <Table
        id="kf-map-table"
        caption={`${data.indicator.label} ${year} pr. ${data.level === 'district' ? 'bydel' : 'udsat byområde'} (tabel i stedet for kortet)`}
        columns={[
          { key: 'name', label: data.level === 'district' ? 'Bydel' : 'Område' },
          { key: 'value', label: data.indicator.label, numeric: true },
          { key: 'class', label: 'Farve på kortet' },
        ]}
        rows={data.features.map((f) => {
          const idx = data.legend.findIndex((l) => l.colour === f.colour);
          return {
            name: f.href ? <a href={f.href}>{f.name}</a> : f.name,
            value: f.valueText,
            class: idx >= 0 ? `Klasse ${idx + 1} af ${data.legend.length}` : 'Grå (ingen tal)',
          };
        })}
      />
      <p class="form-hint">
        Kortet tegnes uden baggrundskort
        {tiles ? ' (med baggrundskort fra den konfigurerede korttjeneste, når JavaScript er slået til)' : ''}. Farverne deler værdierne i
        lige store intervaller.
      </p>
      <Credits />
    </>,
  );
}
