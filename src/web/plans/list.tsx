import type { Context } from 'hono';
import { planStates, stateLabels } from '../../domain/plan-lifecycle.ts';
import { districtOptions } from '../../services/districts.ts';
import { mayCreatePlan } from '../../services/plans/access.ts';
import { listPlans } from '../../services/plans/read.ts';
import { FilterBar, Pagination, SelectField, Table, Tag, TextField } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatNumber } from '../format.ts';
import { withQuery } from '../paths.ts';
import { home, page } from '../render.tsx';
import { planPaths } from './paths.ts';
import { stateTag } from './parts.tsx';

/** R5 — the plans the user may see, with filters; drafts only for those with a part in them. */
export async function planListPage(c: Context<AppEnv>) {
  const ctx = c.get('ctx');
  const filter = {
    q: c.req.query('q') || undefined,
    districtId: Number(c.req.query('district')) || undefined,
    state: planStates.find((s) => s === c.req.query('state')),
    page: Number(c.req.query('page')) || 1,
  };
  const [result, districts] = await Promise.all([listPlans(ctx, filter), districtOptions(ctx)]);
  const mayCreate = mayCreatePlan(c.get('actor'));
  return page(
    c,
    { title: 'Helhedsplaner', breadcrumbs: [home, { label: 'Planer' }] },
    <>
      <h1>Boligsociale helhedsplaner</h1>
      {mayCreate && (
        <p>
          <a class="button button-primary" href={planPaths.new()}>
            Opret plan
          </a>
        </p>
      )}
      <FilterBar action={planPaths.list()}>
        <TextField name="q" label="Søg" type="search" value={filter.q ?? ''} />
        <SelectField
          name="district"
          label="Bydel"
          options={[{ value: '', label: 'Alle' }, ...districts.map((d) => ({ value: String(d.id), label: d.label }))]}
          value={String(filter.districtId ?? '')}
        />
        <SelectField
          name="state"
          label="Status"
          options={[{ value: '', label: 'Alle' }, ...planStates.map((s) => ({ value: s, label: stateLabels[s] }))]}
          value={filter.state ?? ''}
        />
      </FilterBar>
      <Table
        caption={`${formatNumber(result.total)} planer`}
        columns={[
          { key: 'name', label: 'Plan' },
          { key: 'state', label: 'Status' },
          { key: 'district', label: 'Bydel' },
          { key: 'lead', label: 'Ansvarlig' },
          { key: 'period', label: 'Periode' },
        ]}
        rows={result.items.map((p) => ({
          name: (
            <>
              <a href={planPaths.plan(p.id)}>{p.name}</a>
              {p.isDemo ? ' ' : ''}
              {p.isDemo && <Tag kind="warning">Demo</Tag>}
            </>
          ),
          state: stateTag(p.state),
          district: p.districtName ?? '—',
          lead: p.leadOrganisation,
          period: `${formatDate(p.startsOn)} – ${formatDate(p.endsOn)} (${p.periodCode})`,
        }))}
        empty="Ingen planer matcher filteret."
      />
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        hrefFor={(n) => withQuery(planPaths.list(), { q: filter.q, district: filter.districtId, state: filter.state, page: n })}
      />
    </>,
  );
}
