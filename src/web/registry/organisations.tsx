import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { abilities, can } from '../../policy/index.ts';
import { listEstates } from '../../services/estates.ts';
import {
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  type Organisation,
  updateOrganisation,
} from '../../services/organisations.ts';
import { Button, ErrorSummary, FilterBar, Form, HiddenField, Pagination, Table, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import type { AppEnv } from '../../app-env.ts';
import { formatNumber } from '../format.ts';
import { type FormValues, readForm } from '../forms.ts';
import { msg } from '../messages.ts';
import { paths, withQuery } from '../paths.ts';
import { flash, home, page } from '../render.tsx';
import { type FormState, HistoryLink, idParam, listQuery, saveForm, SummaryList } from './shared.tsx';
import { organisationContract } from '../../contracts/registry.ts';

/** The form uses the organisation contract as it is (the API's too). */
export const organisationForm = organisationContract;

const crumbs = [home, { label: 'Organisationer', href: paths.organisations() }];
const sorts = ['shortName', 'name', 'estates'] as const;

function renderForm(c: Context<AppEnv>, o: { title: string; action: string } & FormState) {
  const errors = o.errors ?? {};
  const v = o.values;
  return page(
    c,
    { title: o.title, breadcrumbs: [...crumbs, { label: o.title }], status: o.status },
    <>
      <h1>{o.title}</h1>
      {o.conflict && <ConflictNotice conflict={o.conflict} />}
      <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
      <Form action={o.action} csrfToken={c.get('csrfToken')}>
        {v.version && <HiddenField name="version" value={v.version} />}
        <TextField name="name" label="Navn" value={v.name} error={errors.name} required />
        <TextField name="shortName" label="Forkortelse" value={v.shortName} error={errors.shortName} required />
        <TextField name="cvr" label="CVR-nummer" value={v.cvr} error={errors.cvr} inputmode="numeric" />
        <TextField name="website" label="Websted" value={v.website} error={errors.website} autocomplete="url" />
        <Button type="submit">Gem</Button>
      </Form>
    </>,
  );
}

const toValues = (o: Organisation): FormValues => ({
  name: o.name,
  shortName: o.shortName,
  cvr: o.cvr ?? '',
  website: o.website ?? '',
  version: String(o.version),
});

export function organisationPages() {
  const r = new Hono<AppEnv>();
  r.get('/', async (c) => {
    const q = listQuery(c, sorts);
    const search = c.req.query('q') || undefined;
    const result = await listOrganisations(c.get('ctx'), { ...q, q: search });
    const sortHref = (key: string) =>
      withQuery(paths.organisations(), { q: search, sort: key, dir: q.sort === key && q.dir === 'asc' ? 'desc' : 'asc' });
    const col = (key: (typeof sorts)[number], label: string, numeric = false) => ({
      key,
      label,
      numeric,
      sortable: { href: sortHref(key), direction: q.sort === key ? (q.dir === 'desc' ? 'descending' : 'ascending') : undefined } as const,
    });
    return page(
      c,
      { title: 'Boligorganisationer', breadcrumbs: [home, { label: 'Organisationer' }] },
      <>
        <h1>Boligorganisationer</h1>
        {can(c.get('actor'), 'create', { type: 'organisation' }) && (
          <p>
            <a class="button button-primary" href={paths.organisationNew()}>
              Opret organisation
            </a>
          </p>
        )}
        <FilterBar action={paths.organisations()}>
          <TextField name="q" label="Søg" value={search ?? ''} type="search" />
        </FilterBar>
        <Table
          caption={`${formatNumber(result.total)} boligorganisationer`}
          columns={[col('shortName', 'Forkortelse'), col('name', 'Navn'), col('estates', 'Afdelinger', true)]}
          rows={result.items.map((o) => ({
            shortName: <a href={paths.organisation(o.id)}>{o.shortName}</a>,
            name: o.name,
            estates: formatNumber(o.estateCount),
          }))}
          empty="Ingen organisationer matcher søgningen."
        />
        <Pagination
          page={result.page}
          pageCount={result.pageCount}
          hrefFor={(p: number) => withQuery(paths.organisations(), { q: search, sort: q.sort, dir: q.dir, page: p })}
        />
      </>,
    );
  });

  const save = (
    c: Context<AppEnv>,
    title: string,
    action: string,
    run: (d: z.infer<typeof organisationForm>, v: FormValues) => Promise<Organisation>,
  ) =>
    saveForm(
      c,
      organisationForm,
      (st) => renderForm(c, { title, action, ...st }),
      run,
      (o) => paths.organisation(o.id),
    );

  r.get('/ny', (c) => renderForm(c, { title: 'Opret organisation', action: paths.organisationNew(), values: {} }));
  r.post('/ny', (c) => save(c, 'Opret organisation', paths.organisationNew(), (d) => createOrganisation(c.get('ctx'), d)));

  r.get('/:id', async (c) => {
    const ctx = c.get('ctx');
    const o = await getOrganisation(ctx, idParam(c));
    const estates = await listEstates(ctx, { organisationId: o.id, pageSize: 200 });
    const may = abilities(c.get('actor'), { type: 'organisation', id: o.id }, ['update', 'delete'] as const);
    return page(
      c,
      { title: o.shortName, breadcrumbs: [...crumbs, { label: o.shortName }] },
      <>
        <h1>
          {o.name} ({o.shortName})
        </h1>
        <SummaryList
          items={[
            ['CVR-nummer', o.cvr ?? '—'],
            ['Websted', o.website ? <a href={o.website}>{o.website}</a> : '—'],
            ['Antal afdelinger', formatNumber(o.estateCount)],
            ...(o.source
              ? ([['Kilde til navnet', o.source.startsWith('http') ? <a href={o.source}>{o.source}</a> : o.source]] as [string, Child][])
              : []),
          ]}
        />
        <p>
          {may.update && (
            <a class="button button-secondary" href={paths.organisationEdit(o.id)}>
              Rediger
            </a>
          )}{' '}
          <HistoryLink entityType="organisation" id={o.id} />
        </p>
        <h2>Afdelinger</h2>
        <Table
          caption={`${o.shortName}s afdelinger`}
          columns={[
            { key: 'name', label: 'Navn' },
            { key: 'number', label: 'Nr.', numeric: true },
            { key: 'district', label: 'Bydel' },
            { key: 'dwellings', label: 'Boliger', numeric: true },
          ]}
          rows={estates.items.map((e) => ({
            name: <a href={paths.estate(e.id)}>{e.name}</a>,
            number: String(e.number),
            district: e.districtName ?? '—',
            dwellings: formatNumber(e.dwellings),
          }))}
          empty="Organisationen har ingen afdelinger i Helhed."
        />
        {may.delete && o.estateCount === 0 && (
          <Form action={paths.organisationDelete(o.id)} csrfToken={c.get('csrfToken')}>
            <HiddenField name="version" value={String(o.version)} />
            <Button type="submit" variant="warning">
              Slet organisation
            </Button>
          </Form>
        )}
      </>,
    );
  });
  r.get('/:id/rediger', async (c) => {
    const o = await getOrganisation(c.get('ctx'), idParam(c));
    return renderForm(c, { title: `Rediger ${o.shortName}`, action: paths.organisationEdit(o.id), values: toValues(o) });
  });
  r.post('/:id/rediger', (c) => {
    const id = idParam(c);
    return save(c, 'Rediger organisation', paths.organisationEdit(id), (d, v) =>
      updateOrganisation(c.get('ctx'), id, Number(v.version), d),
    );
  });
  r.post('/:id/slet', async (c) => {
    const id = idParam(c);
    const v = await readForm(c);
    await deleteOrganisation(c.get('ctx'), id, Number(v.version));
    flash(c, msg.deleted);
    return c.redirect(paths.organisations(), 303);
  });
  return r;
}
