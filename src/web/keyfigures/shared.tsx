import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import {
  COPENHAGEN_INDICATORS,
  divide,
  formatDa,
  fraction,
  type Indicator,
  type IndicatorId,
  type Rational,
  toNumber,
  type VariableId,
  VARIABLES,
} from '../../domain/keyfigures/index.ts';
import type { UnitFigures } from '../../services/keyfigures/publish.ts';
import { indicatorValue, isSuppressed, type ReadOptions, type YearFigures } from '../../services/keyfigures/read.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDateTime } from '../format.ts';
import { withQuery } from '../paths.ts';
import { home } from '../render.tsx';

/** The `aar` of the open-data CSV with every year. */
export const ALL_YEARS = 'alle';

/** Paths of the key-figure pages. */
export const kfPaths = {
  overview: (q: Record<string, string | number | undefined> = {}) => withQuery('/noegletal', q),
  map: (q: Record<string, string | number | undefined> = {}) => withQuery('/noegletal/kort', q),
  mapGeojson: (q: Record<string, string | number | undefined> = {}) => withQuery('/noegletal/kort.geojson', q),
  compare: (q: Record<string, string | number | undefined> = {}) => withQuery('/noegletal/sammenlign', q),
  estate: (id: number, year?: number) => withQuery(`/noegletal/afdelinger/${id}`, { aar: year }),
  district: (id: number, year?: number) => withQuery(`/noegletal/bydele/${id}`, { aar: year }),
  urbanArea: (id: number, year?: number) => withQuery(`/noegletal/byomraader/${id}`, { aar: year }),
  lists: () => '/noegletal/lister',
  listYear: (year: number) => `/noegletal/lister/${year}`,
  imports: () => '/noegletal/import',
  importPreview: (id: number) => `/noegletal/import/${id}`,
  importConfirm: (id: number) => `/noegletal/import/${id}/gem`,
  importDiscard: (id: number) => `/noegletal/import/${id}/kasser`,
  templateCsv: () => '/noegletal/skabelon.csv',
  templateXlsx: () => '/noegletal/skabelon.xlsx',
  settings: () => '/noegletal/regel',
  origin: () => '/noegletal/regel/oprindelse',
  /** A year's open data, or every year's (`ALL_YEARS`). */
  dataCsv: (year: number | typeof ALL_YEARS, level?: string) => withQuery('/noegletal/data.csv', { aar: year, niveau: level }),
  dataJson: (year: number, level?: string) => withQuery('/noegletal/data.json', { aar: year, niveau: level }),
};

export const crumbs = [home, { label: 'Nøgletal', href: kfPaths.overview() }];

export const readOptions = (c: Context<AppEnv>): ReadOptions => ({ defaultThreshold: c.get('deps').config.suppressionThreshold });

/** The year asked for (`?aar=`) when it has figures, else the newest. */
export function chosenYear(c: Context, years: readonly number[]): number | undefined {
  const asked = Number(c.req.query('aar'));
  return years.includes(asked) ? asked : years.at(-1);
}

export function chosenIndicator(c: Context): Indicator {
  const asked = c.req.query('indikator') as IndicatorId | undefined;
  return COPENHAGEN_INDICATORS.find((i) => i.id === asked) ?? COPENHAGEN_INDICATORS[0]!;
}

export const indicatorOptions = () => COPENHAGEN_INDICATORS.map((i) => ({ value: i.id, label: i.label }));
export const yearOptions = (years: readonly number[]) => [...years].reverse().map((y) => ({ value: String(y), label: String(y) }));

/** A percentage in Danish ("43,3 %"). */
export const pct = (r: Rational | undefined) => (r ? `${formatDa(r, 1)} %` : '—');
/** Percentage points with sign ("+4,2 procentpoint"). */
export const points = (r: Rational | undefined) => (r ? `${r.n > 0n ? '+' : ''}${formatDa(r, 1)} pct.-point` : '—');

/** A variable's value for a unit in Danish, or why it is missing. */
export function valueText(f: UnitFigures | undefined, variable: VariableId): string {
  const v = indicatorValue(f, variable);
  if (v) return VARIABLES[variable].kind === 'share' ? pct(v) : `${formatDa(divide(v, fraction(100)), 0)} kr.`;
  if (isSuppressed(f, variable)) return 'Skjult (få personer)';
  return 'Ikke opgjort';
}

/** A small trend chart (inline SVG, no script); the values are given as text for screen readers. */
export function Sparkline({ points: pts, label }: { points: { year: number; value: Rational | undefined }[]; label: string }) {
  const known = pts.filter((p) => p.value !== undefined).map((p) => ({ year: p.year, v: toNumber(p.value!) }));
  const text = `${label}: ${pts.map((p) => `${p.year} ${p.value ? pct(p.value) : 'ingen tal'}`).join(', ')}`;
  if (known.length < 2) return <span class="kf-trend-text">{known.length === 1 ? 'Kun ét år' : '—'}</span>;
  const w = 120;
  const h = 32;
  const years = pts.map((p) => p.year);
  const [y0, y1] = [Math.min(...years), Math.max(...years)];
  const vs = known.map((k) => k.v);
  const [lo, hi] = [Math.min(...vs), Math.max(...vs)];
  const x = (year: number) => (y1 === y0 ? w / 2 : 4 + ((year - y0) / (y1 - y0)) * (w - 8));
  const y = (v: number) => (hi === lo ? h / 2 : h - 4 - ((v - lo) / (hi - lo)) * (h - 8));
  const line = known.map((k) => `${x(k.year).toFixed(1)},${y(k.v).toFixed(1)}`).join(' ');
  const last = known[known.length - 1]!;
  return (
    <svg class="kf-sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={text}>
      <title>{text}</title>
      <polyline points={line} fill="none" stroke="#004993" stroke-width="2" />
      <circle cx={x(last.year).toFixed(1)} cy={y(last.v).toFixed(1)} r="3" fill="#004993" />
    </svg>
  );
}

/** Where the figures come from: the file, when and by whom (R18 provenance), and the suppression. */
export function SourceNote({ y }: { y: YearFigures }) {
  return (
    <p class="form-hint">
      {y.source
        ? `Kilde for ${y.year}: ${y.source.fileName}, gemt ${formatDateTime(y.source.importedAt ?? y.source.uploadedAt)} af ${y.source.uploadedBy}.`
        : `Ingen indlæsning registreret for ${y.year}.`}{' '}
      {y.suppressed
        ? `Tal, der bygger på færre end ${y.threshold} personer eller boliger, er skjult – også så de ikke kan regnes ud af andre tal.`
        : 'Du ser alle tal, også dem under diskretionsgrænsen.'}
    </p>
  );
}

export function Credits() {
  return (
    <p class="form-hint kf-credits">
      Kilder: Bydele og udsatte byområder: Københavns Kommune, Open Data KBH (»Bydele«, »Udsatte byområder«). De officielle lister
      2010–2017: Transport-, Bygnings- og Boligministeriet m.fl., »Liste over ghettoområder pr. 1. december«. Statistik pr. afdeling: de
      indlæste filer (se kilden ovenfor).
    </p>
  );
}

export const verdictText = { yes: 'Udsat byområde', no: 'Ikke udsat', undecided: 'Kan ikke afgøres' } as const;

export function SubNav({ active, canImport }: { active: string; canImport: boolean }): Child {
  const links: [string, string][] = [
    [kfPaths.overview(), 'Indikatorer'],
    [kfPaths.map(), 'Kort'],
    [kfPaths.compare(), 'Sammenlign'],
    [kfPaths.lists(), 'Officielle lister'],
    [kfPaths.settings(), 'Udpegningsregel'],
    ...(canImport ? ([[kfPaths.imports(), 'Indlæs statistik']] as [string, string][]) : []),
  ];
  return (
    <nav aria-label="Nøgletal" class="kf-subnav">
      <ul class="nobullet-list kf-subnav-list">
        {links.map(([href, label]) => (
          <li>
            <a href={href} aria-current={href === active ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
