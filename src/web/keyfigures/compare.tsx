import type { Context } from 'hono';
import { COPENHAGEN_INDICATORS, subtract } from '../../domain/keyfigures/index.ts';
import { can } from '../../policy/index.ts';
import { baseKey, cityKey, figureYears, indicatorValue, loadYear } from '../../services/keyfigures/read.ts';
import { Alert, FilterBar, SelectField, Table } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatNumber } from '../format.ts';
import { page } from '../render.tsx';
import { chosenYear, Credits, crumbs, kfPaths, pct, points, readOptions, SourceNote, SubNav, valueText, yearOptions } from './shared.tsx';
import { kfHead } from './style.tsx';

const levelLabel = { city: 'By', district: 'Bydel', area: 'Område', estate: 'Afdeling' } as const;

/** /noegletal/sammenlign — two areas (city, districts, urban areas, estates) side by side (R18). */
export async function comparePage(c: Context<AppEnv>) {
  const ctx = c.get('ctx');
  const years = await figureYears(ctx);
  const year = chosenYear(c, years);
  const canImport = can(c.get('actor'), 'import', { type: 'keyfigures' });
  const title = 'Sammenlign to områder';
  const shell = (body: unknown) =>
    page(
      c,
      { title, breadcrumbs: [...crumbs, { label: 'Sammenlign' }], head: kfHead() },
      <>
        <h1>{title}</h1>
        <SubNav active={kfPaths.compare()} canImport={canImport} />
        {body}
        <Credits />
      </>,
    );
  if (year === undefined)
    return shell(
      <Alert kind="info" heading="Ingen statistik endnu">
        <p>Der er endnu ikke indlæst statistik.</p>
      </Alert>,
    );
  const y = await loadYear(ctx, year, readOptions(c));
  const units = [...y.units.values()];
  const options = units.map((f) => ({ value: f.unit.key, label: `${levelLabel[f.unit.level]}: ${f.unit.name}` }));
  const firstDistrict = units.find((f) => f.unit.level === 'district')?.unit.key ?? cityKey;
  const pick = (name: string, fallback: string) => {
    const k = c.req.query(name);
    return k && y.units.has(k) ? k : fallback;
  };
  const a = y.units.get(pick('a', firstDistrict))!;
  const b = y.units.get(pick('b', baseKey(y)))!;
  const base = y.units.get(baseKey(y));
  return shell(
    <>
      <FilterBar action={kfPaths.compare()} label="Sammenlign">
        <SelectField name="aar" label="År" options={yearOptions(years)} value={String(year)} required />
        <SelectField name="a" label="Første område" options={options} value={a.unit.key} required />
        <SelectField name="b" label="Andet område" options={options} value={b.unit.key} required />
      </FilterBar>
      <SourceNote y={y} />
      <Table
        caption={`${a.unit.name} og ${b.unit.name} ${year}`}
        columns={[
          { key: 'label', label: 'Indikator' },
          { key: 'a', label: a.unit.name, numeric: true },
          { key: 'b', label: b.unit.name, numeric: true },
          { key: 'diff', label: 'Forskel (første minus andet)', numeric: true },
          { key: 'city', label: base?.unit.name ?? 'København', numeric: true },
        ]}
        rows={[
          {
            label: 'Beboere',
            a: a.residents === null ? 'Skjult' : formatNumber(a.residents),
            b: b.residents === null ? 'Skjult' : formatNumber(b.residents),
            diff: '',
            city: base?.residents == null ? 'Skjult' : formatNumber(base.residents),
          },
          ...COPENHAGEN_INDICATORS.map((i) => {
            const va = indicatorValue(a, i.variable);
            const vb = indicatorValue(b, i.variable);
            return {
              label: i.label,
              a: valueText(a, i.variable),
              b: valueText(b, i.variable),
              diff: va && vb ? points(subtract(va, vb)) : '—',
              city: pct(indicatorValue(base, i.variable)),
            };
          }),
        ]}
      />
    </>,
  );
}
