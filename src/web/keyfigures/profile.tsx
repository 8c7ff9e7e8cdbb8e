import { unitName } from '../../services/keyfigures/read.ts';
import type { Context } from 'hono';
import { COPENHAGEN_INDICATORS, DESIGNATION_LABELS, VARIABLES, type VariableId } from '../../domain/keyfigures/index.ts';
import { can } from '../../policy/index.ts';
import type { UnitFigures } from '../../services/keyfigures/publish.ts';
import {
  baseKey,
  cityComparison,
  designation,
  districtKey,
  estateKey,
  figureYears,
  loadAllYears,
  loadUpperYear,
  loadYear,
  nationalCriteria,
  trend,
  urbanAreaKey,
  type YearFigures,
} from '../../services/keyfigures/read.ts';
import { getSettings } from '../../services/keyfigures/settings.ts';
import { NotFound } from '../../errors.ts';
import { Alert, FilterBar, SelectField, Table } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatNumber } from '../format.ts';
import { paths } from '../paths.ts';
import { page } from '../render.tsx';
import { SummaryList } from '../registry/shared.tsx';
import { unitHref } from './overview.tsx';
import {
  Credits,
  crumbs,
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
import { kfHead } from './style.tsx';

type Kind = 'estate' | 'district' | 'urbanArea';

const kindLabel: Record<Kind, string> = { estate: 'Afdeling', district: 'Bydel', urbanArea: 'Udsat byområde' };

/** The national-criteria variables shown on a profile besides the nine indicators (R20). */
const NATIONAL_VARIABLES: { id: VariableId; label: string }[] = [
  { id: 'outsideWorkOrEducation', label: '18–64-årige uden for arbejde eller uddannelse' },
  { id: 'convicted', label: 'Dømte blandt beboere på 18 år og derover' },
  { id: 'basicEducationOnly', label: '30–59-årige med alene grundskoleuddannelse' },
  { id: 'grossIncome', label: 'Gennemsnitlig bruttoindkomst (15–64-årige)' },
];

/** R18/R20 — the profile of an estate, a district or an urban area: indicators against the city, trends, designation, criteria. */
export async function profilePage(c: Context<AppEnv>, kind: Kind, id: number) {
  const ctx = c.get('ctx');
  const [years, settings] = await Promise.all([figureYears(ctx), getSettings(ctx)]);
  const asked = Number(c.req.query('aar'));
  const chosen = years.includes(asked) ? asked : years.at(-1);
  // A district's or an urban area's trends need only the units above the estates of every year (kept apart, small);
  // an estate's need every year whole. The chosen year is read whole either way.
  const [all, y] = await Promise.all([
    loadAllYears(ctx, readOptions(c), kind === 'estate' ? loadYear : loadUpperYear),
    chosen === undefined ? undefined : loadYear(ctx, chosen, readOptions(c)),
  ]);
  const keyIn = (yy: YearFigures) => (kind === 'estate' ? estateKey(id) : kind === 'district' ? districtKey(id) : urbanAreaKey(yy, id));
  const key = y ? keyIn(y) : undefined;
  const f: UnitFigures | undefined = y && key ? y.units.get(key) : undefined;
  const name = f?.unit.name ?? (await registryName(c, kind, id));
  const self = kind === 'estate' ? kfPaths.estate(id) : kind === 'district' ? kfPaths.district(id) : kfPaths.urbanArea(id);
  const registryLink = kind === 'estate' ? paths.estate(id) : kind === 'district' ? paths.district(id) : paths.urbanArea(id);
  const title = `${name}: nøgletal`;
  const canImport = can(c.get('actor'), 'import', { type: 'keyfigures' });
  const body =
    !y || !f || !key ? (
      <Alert kind="info" heading="Ingen nøgletal">
        <p>Der er ingen indlæste nøgletal for dette område{y ? ` i ${y.year}` : ''}.</p>
      </Alert>
    ) : (
      <>
        <FilterBar action={self} label="Vis">
          <SelectField name="aar" label="År" options={yearOptions(years)} value={String(y.year)} required />
        </FilterBar>
        <SummaryList
          items={[
            [kindLabel[kind], <a href={registryLink}>{name} i registeret</a>],
            ['Beboere', f.residents === null ? 'Skjult (få personer)' : formatNumber(f.residents)],
            ...(kind !== 'estate' ? ([['Afdelinger med tal', formatNumber(f.estates)]] as [string, string][]) : []),
          ]}
        />
        <SourceNote y={y} />
        <Table
          caption={`Indikatorer ${y.year} sammenlignet med ${y.units.get(baseKey(y))?.unit.name ?? 'København'}`}
          columns={[
            { key: 'label', label: 'Indikator' },
            { key: 'value', label: name, numeric: true },
            { key: 'city', label: 'Sammenligning', numeric: true },
            { key: 'diff', label: 'Forskel', numeric: true },
            { key: 'trend', label: 'Udvikling' },
          ]}
          rows={(cityComparison(y, key) ?? []).map((cmp) => ({
            label: cmp.indicator.label,
            value: valueText(f, cmp.indicator.variable),
            city: pct(cmp.city),
            diff: points(cmp.differencePoints),
            trend: <Sparkline points={trend(all, key, cmp.indicator)} label={`${cmp.indicator.label}, ${name}`} />,
          }))}
        />
        <Table
          caption={`Variabler bag de nationale kriterier ${y.year}`}
          columns={[
            { key: 'label', label: 'Variabel' },
            { key: 'value', label: name, numeric: true },
            { key: 'city', label: 'Sammenligning', numeric: true },
            { key: 'base', label: 'Opgjort blandt' },
          ]}
          rows={NATIONAL_VARIABLES.map((v) => ({
            label: v.label,
            value: valueText(f, v.id),
            city: valueText(y.units.get(baseKey(y)), v.id),
            base: VARIABLES[v.id].denominator,
          }))}
        />
        {kind !== 'estate' && <Designation y={y} unitKey={key} rule={settings} />}
        {kind === 'urbanArea' && <National y={y} unitKey={key} />}
        {kind === 'district' && <Members y={y} districtId={id} />}
      </>
    );
  return page(
    c,
    { title, breadcrumbs: [...crumbs, { label: name }], head: kfHead() },
    <>
      <h1>{title}</h1>
      <SubNav active="" canImport={canImport} />
      {body}
      <Credits />
    </>,
  );
}

async function registryName(c: Context<AppEnv>, kind: Kind, id: number): Promise<string> {
  return unitName(c.get('ctx'), kind, id);
}

function Designation({ y, unitKey, rule }: { y: YearFigures; unitKey: string; rule: Awaited<ReturnType<typeof getSettings>> }) {
  const result = designation(y, unitKey, rule.rule);
  if (!result) return null;
  return (
    <>
      <h2>Udpegning som udsat byområde</h2>
      <div class="kf-rule">
        <p>
          <strong>
            Resultat {y.year}: {verdictText[result.verdict]}.
          </strong>{' '}
          {result.explanation}
        </p>
        <p>
          <strong>Regel:</strong> {result.ruleText}
        </p>
      </div>
    </>
  );
}

/** R20 — the national criteria for this area in the list year, computed from the imported figures. */
function National({ y, unitKey }: { y: YearFigures; unitKey: string }) {
  const r = nationalCriteria(y)?.results.find((x) => x.unit.key === unitKey);
  if (!r) return null;
  return (
    <>
      <h2>De nationale kriterier (liste pr. 1. december {y.year})</h2>
      <p>{r.evaluation.designations.map((d) => d.explanation).join(' ')}</p>
      <ul>
        <li>{r.evaluation.residents.explanation}</li>
        {r.evaluation.criteria.map((cr) => (
          <li>{cr.explanation}</li>
        ))}
        <li>{r.evaluation.origin.text}</li>
      </ul>
      <p class="form-hint">
        Beregnet af årets tal; loven bruger for nogle kriterier gennemsnit over to eller fire år. Regel:{' '}
        {r.evaluation.ruleText.split('\n')[0]} Betegnelserne: {r.evaluation.designations.map((d) => DESIGNATION_LABELS[d.id]).join(', ')}.
      </p>
    </>
  );
}

function Members({ y, districtId }: { y: YearFigures; districtId: number }) {
  const members = [...y.units.values()].filter(
    (f) => (f.unit.level === 'area' || f.unit.level === 'estate') && f.unit.districtId === districtId,
  );
  const first = COPENHAGEN_INDICATORS[0]!;
  return (
    <Table
      caption={`Områder og afdelinger i bydelen ${y.year}`}
      columns={[
        { key: 'name', label: 'Navn' },
        { key: 'level', label: 'Niveau' },
        { key: 'residents', label: 'Beboere', numeric: true },
        { key: 'value', label: first.label, numeric: true },
      ]}
      rows={members.map((f) => {
        const href = unitHref(f, y.year);
        return {
          name: href ? <a href={href}>{f.unit.name}</a> : f.unit.name,
          level: f.unit.level === 'area' ? 'Område' : 'Afdeling',
          residents: f.residents === null ? 'Skjult' : formatNumber(f.residents),
          value: valueText(f, first.variable),
        };
      })}
    />
  );
}
