import type { Context } from 'hono';
import { getPlan } from '../../services/plans/read.ts';
import { comparePlanVersions, getPlanVersion } from '../../services/plans/versions.ts';
import { Alert, Button, SelectField, Table } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { home, page } from '../render.tsx';
import { SummaryList } from '../registry/shared.tsx';
import { planPaths } from './paths.ts';

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '(tom)';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return String(o.title ?? o.indicatorName ?? o.name ?? o.focusArea ?? JSON.stringify(v));
  }
  return String(v);
};

/** R6 — one frozen version of a plan, read-only. */
export async function versionPage(c: Context<AppEnv>, id: number, n: number) {
  const plan = await getPlan(c.get('ctx'), id);
  const v = await getPlanVersion(c.get('ctx'), id, n);
  const s = v.snapshot;
  return page(
    c,
    {
      title: `${plan.name}, version ${n}`,
      breadcrumbs: [
        home,
        { label: 'Planer', href: planPaths.list() },
        { label: plan.name, href: planPaths.plan(id) },
        { label: `Version ${n}` },
      ],
    },
    <>
      <h1>
        {s.name} — version {n}
      </h1>
      <Alert kind="info" heading="Frosset version">
        <p>
          {v.reason}, {formatDateTime(v.createdAt)} af {v.createdBy}. En frosset version kan ikke redigeres.
        </p>
      </Alert>
      <SummaryList
        items={[
          ['Periode', `${formatDate(s.startsOn)} – ${formatDate(s.endsOn)}`],
          ['Bydel', s.district ?? '—'],
          ['Ansvarlig', s.leadOrganisation],
          ['Afdelinger', s.estates.map((e) => e.name).join(', ')],
        ]}
      />
      <h2>Mål</h2>
      <ul>
        {s.goals.map((g) => (
          <li>
            {g.title}: {g.criteria.map((cr) => `${cr.indicatorName} ${cr.baselineValue} → ${cr.targetValue} ${cr.unit}`).join('; ')}
          </li>
        ))}
      </ul>
      <h2>Delaftaler</h2>
      {s.subAgreements.map((sa) => (
        <>
          <h3>{sa.focusArea}</h3>
          <ul>
            {sa.activities.map((a) => (
              <li>
                {a.title} — {a.parties.join(', ')}
              </li>
            ))}
          </ul>
        </>
      ))}
    </>,
  );
}

/** R6 — two versions side by side as a list of changes. */
export async function compareVersionsPage(c: Context<AppEnv>, id: number) {
  const plan = await getPlan(c.get('ctx'), id);
  const numbers = plan.versions.map((v) => v.number);
  const a = Number(c.req.query('a')) || numbers.at(-2) || 1;
  const b = Number(c.req.query('b')) || numbers.at(-1) || 1;
  const changes = numbers.includes(a) && numbers.includes(b) ? await comparePlanVersions(c.get('ctx'), id, a, b) : [];
  const opts = numbers.map((x) => ({ value: String(x), label: `Version ${x}` }));
  const kind = { added: 'Tilføjet', removed: 'Fjernet', changed: 'Ændret' };
  return page(
    c,
    {
      title: `Sammenlign versioner: ${plan.name}`,
      breadcrumbs: [
        home,
        { label: 'Planer', href: planPaths.list() },
        { label: plan.name, href: planPaths.plan(id) },
        { label: 'Versioner' },
      ],
    },
    <>
      <h1>Sammenlign versioner</h1>
      <form method="get" action={planPaths.versions(id)} class="filter-bar">
        <div class="filter-bar-fields">
          <SelectField name="a" label="Fra" options={opts} value={String(a)} />
          <SelectField name="b" label="Til" options={opts} value={String(b)} />
        </div>
        <Button type="submit" variant="secondary">
          Sammenlign
        </Button>
      </form>
      <Table
        caption={`Ændringer fra version ${a} til version ${b}`}
        id="version-diff"
        columns={[
          { key: 'path', label: 'Hvor' },
          { key: 'kind', label: 'Ændring' },
          { key: 'before', label: 'Før' },
          { key: 'after', label: 'Efter' },
        ]}
        rows={changes.map((ch) => ({ path: ch.path, kind: kind[ch.kind], before: show(ch.before), after: show(ch.after) }))}
        empty="Ingen forskelle."
      />
    </>,
  );
}
