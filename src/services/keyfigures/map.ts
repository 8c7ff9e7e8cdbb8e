/**
 * The map of key figures (R18): districts or urban areas from the registry's geometry (Open Data KBH),
 * coloured by one indicator in five classes, with a legend. The same data feeds the server-drawn SVG
 * map (no JavaScript), the Leaflet map and the table alternative.
 */
import { type Indicator, toNumber } from '../../domain/keyfigures/index.ts';
import type { MultiPolygon, Position } from '../../domain/geo.ts';
import type { ServiceContext } from '../context.ts';
import { districtKey, indicatorValue, isSuppressed, urbanAreaKey, type YearFigures } from './read.ts';

export type MapLevel = 'district' | 'area';

/** Five sequential blues (ColorBrewer "Blues", readable by colour-blind users); grey = no figure. */
export const MAP_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
export const NO_DATA_COLOUR = '#d9d9d9';

export interface MapFeature {
  id: number;
  key: string | undefined;
  name: string;
  geometry: MultiPolygon;
  value: number | undefined;
  valueText: string;
  colour: string;
  href: string | undefined;
}

export interface LegendClass {
  from: number;
  to: number;
  colour: string;
}

export interface MapData {
  level: MapLevel;
  indicator: Indicator;
  features: MapFeature[];
  legend: LegendClass[];
}

/** Equal-interval classes over the values shown (one class when all are equal). */
export function classify(values: readonly number[]): LegendClass[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return [{ from: min, to: max, colour: MAP_COLOURS[2] }];
  const step = (max - min) / MAP_COLOURS.length;
  return MAP_COLOURS.map((colour, i) => ({ from: min + i * step, to: i === MAP_COLOURS.length - 1 ? max : min + (i + 1) * step, colour }));
}

export function colourOf(legend: readonly LegendClass[], v: number | undefined): string {
  if (v === undefined || legend.length === 0) return NO_DATA_COLOUR;
  return (legend.find((c) => v <= c.to) ?? legend[legend.length - 1]!).colour;
}

const da1 = (n: number) => new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);

/** R18 — the map's features for a year, level and indicator. */
export async function mapData(
  ctx: ServiceContext,
  y: YearFigures,
  level: MapLevel,
  indicator: Indicator,
  href: (key: string, f: { id: number }) => string,
): Promise<MapData> {
  const shapes =
    level === 'district'
      ? (
          await ctx.db
            .selectFrom('district')
            .select(['id', 'name', 'geometry'])
            .where('geometry', 'is not', null)
            .orderBy('number')
            .execute()
        ).map((d) => ({ ...d, key: districtKey(d.id) }))
      : (
          await ctx.db
            .selectFrom('urban_area')
            .select(['id', 'name', 'geometry'])
            .where('geometry', 'is not', null)
            .where('valid_to', 'is', null)
            .orderBy('name')
            .execute()
        ).map((a) => ({ ...a, key: urbanAreaKey(y, a.id) }));
  const raw = shapes.map((s) => {
    const f = s.key ? y.units.get(s.key) : undefined;
    const value = indicatorValue(f, indicator.variable);
    return { s, value: value ? toNumber(value) : undefined, suppressed: isSuppressed(f, indicator.variable), has: !!f };
  });
  const legend = classify(raw.flatMap((r) => (r.value === undefined ? [] : [r.value])));
  return {
    level,
    indicator,
    legend,
    features: raw.map(({ s, value, suppressed, has }) => ({
      id: s.id,
      key: s.key,
      name: s.name,
      geometry: s.geometry as unknown as MultiPolygon,
      value,
      valueText:
        value !== undefined ? `${da1(value)} %` : suppressed ? 'Skjult (få personer)' : has ? 'Ikke opgjort' : 'Ingen afdelinger med tal',
      colour: colourOf(legend, value),
      href: s.key && has ? href(s.key, s) : undefined,
    })),
  };
}

const rings = (g: MultiPolygon): Position[][] =>
  (g.type === 'Polygon' ? [g.coordinates as Position[][]] : (g.coordinates as Position[][][])).flat();

/**
 * R18 — SVG path data for the features in a local equirectangular projection (longitude scaled by
 * cos(latitude)), fitted into `width` × `height`; good enough for a city map without tiles.
 */
export function svgPaths(features: readonly MapFeature[], width: number, height: number): { paths: string[]; viewBox: string } {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features)
    for (const ring of rings(f.geometry))
      for (const [x, y] of ring) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  if (!Number.isFinite(minX)) return { paths: features.map(() => ''), viewBox: `0 0 ${width} ${height}` };
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = Math.min(width / ((maxX - minX) * k || 1), height / (maxY - minY || 1));
  const px = (x: number) => ((x - minX) * k * scale).toFixed(1);
  const py = (y: number) => ((maxY - y) * scale).toFixed(1);
  const paths = features.map((f) =>
    rings(f.geometry)
      .map((ring) => `M${ring.map(([x, y]) => `${px(x)} ${py(y)}`).join('L')}Z`)
      .join(''),
  );
  return { paths, viewBox: `0 0 ${((maxX - minX) * k * scale).toFixed(0)} ${((maxY - minY) * scale).toFixed(0)}` };
}
