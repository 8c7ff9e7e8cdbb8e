import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { abilities, can, organisationsOf } from '../../policy/index.ts';
import { districtOptions, urbanAreaOptions } from '../../services/districts.ts';
import { createEstate, deleteEstate, type Estate, estateSorts, getEstate, listEstates, updateEstate } from '../../services/estates.ts';
import { organisationOptions } from '../../services/organisations.ts';
import { Button, ErrorSummary, FilterBar, Form, HiddenField, Pagination, SelectField, Table, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import type { AppEnv } from '../../app-env.ts';
import { formatNumber } from '../format.ts';
import { field, type FormValues, readForm } from '../forms.ts';
import { msg } from '../messages.ts';
import { paths, withQuery } from '../paths.ts';
import { flash, home, page } from '../render.tsx';
import { type FormState, HistoryLink, idParam, listQuery, saveForm, SummaryList } from './shared.tsx';
import { estateContract } from '../../contracts/registry.ts';

/** The estate form: every value a string, messages in Danish next to each field. */
/** The form's adapter to the estate contract: ids and counts arrive as strings. */
export const estateForm = estateContract.extend({
  organisationId: field.id('boligorganisation'),
  number: field.wholeNumber('afdelingsnummer', 'afdelingsnummeret').pipe(estateContract.shape.number),
  districtId: field.optionalId(),
  urbanAreaId: field.optionalId(),
  dwellings: field.wholeNumber('antal boliger').pipe(estateContract.shape.dwellings.unwrap()),
  residents: field.wholeNumber('antal beboere').pipe(estateContract.shape.residents.unwrap()),
});

const toValues = (e: Estate): FormValues => ({
  organisationId: String(e.organisationId),
  number: String(e.number),
  name: e.name,
  address: e.address,
  postalCode: e.postalCode,
  districtId: e.districtId ? String(e.districtId) : '',
  urbanAreaId: e.urbanAreaId ? String(e.urbanAreaId) : '',
  dwellings: String(e.dwellings),
  residents: String(e.residents),
  version: String(e.version),
});

const crumbs = [home, { label: 'Afdelinger', href: paths.estates() }];

async function renderForm(c: Context<AppEnv>, o: { title: string; action: string } & FormState) {
  const ctx = c.get('ctx');
  const actor = c.get('actor');
  const [orgs, districts, areas] = await Promise.all([organisationOptions(ctx), districtOptions(ctx), urbanAreaOptions(ctx)]);
  const own = organisationsOf(actor);
  const allowedOrgs = can(actor, 'create', { type: 'estate', organisationId: -1 }) ? orgs : orgs.filter((o) => own.includes(o.id));
  const errors = o.errors ?? {};
  const v = o.values;
  const opt = (xs: { id: number; label: string }[]) => xs.map((x) => ({ value: String(x.id), label: x.label }));
  return page(
    c,
    { title: o.title, breadcrumbs: [...crumbs, { label: o.title }], status: o.status },
    <>
      <h1>{o.title}</h1>
      {o.conflict && <ConflictNotice conflict={o.conflict} />}
      <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
      <Form action={o.action} csrfToken={c.get('csrfToken')}>
        {v.version && <HiddenField name="version" value={v.version} />}
        <SelectField
          name="organisationId"
          label="Boligorganisation"
          options={[{ value: '', label: 'Vælg …' }, ...opt(allowedOrgs)]}
          value={v.organisationId}
          error={errors.organisationId}
          required
        />
        <TextField
          name="number"
          label="Afdelingsnummer"
          hint="Afdelingens nummer i boligorganisationen"
          value={v.number}
          error={errors.number}
          inputmode="numeric"
          required
        />
        <TextField name="name" label="Navn" value={v.name} error={errors.name} required />
        <TextField name="address" label="Adresse" value={v.address} error={errors.address} autocomplete="street-address" />
        <TextField
          name="postalCode"
          label="Postnummer"
          value={v.postalCode}
          error={errors.postalCode}
          inputmode="numeric"
          autocomplete="postal-code"
        />
        <SelectField
          name="districtId"
          label="Bydel"
          options={[{ value: '', label: 'Ingen' }, ...opt(districts)]}
          value={v.districtId}
          error={errors.districtId}
        />
        <SelectField
          name="urbanAreaId"
          label="Udsat byområde"
          options={[{ value: '', label: 'Ingen' }, ...opt(areas)]}
          value={v.urbanAreaId}
          error={errors.urbanAreaId}
        />
        <TextField name="dwellings" label="Antal boliger" value={v.dwellings} error={errors.dwellings} inputmode="numeric" required />
        <TextField name="residents" label="Antal beboere" value={v.residents} error={errors.residents} inputmode="numeric" required />
        <Button type="submit">Gem</Button>
      </Form>
    </>,
  );
}

const save = (c: Context<AppEnv>, title: string, action: string, run: (d: z.infer<typeof estateForm>, v: FormValues) => Promise<Estate>) =>
  saveForm(
    c,
    estateForm,
    (st) => renderForm(c, { title, action, ...st }),
    run,
    (e) => paths.estate(e.id),
  );

export function estatePages() {
  const r = new Hono<AppEnv>();

  r.get('/', async (c) => {
    const ctx = c.get('ctx');
    const q = listQuery(c, estateSorts);
    const filter = {
      q: c.req.query('q') || undefined,
      organisationId: Number(c.req.query('organisation')) || undefined,
      districtId: Number(c.req.query('district')) || undefined,
    };
    const [result, orgs, districts] = await Promise.all([
      listEstates(ctx, { ...q, ...filter }),
      organisationOptions(ctx),
      districtOptions(ctx),
    ]);
    const base = { q: filter.q, organisation: filter.organisationId, district: filter.districtId };
    const sortHref = (key: string) =>
      withQuery(paths.estates(), { ...base, sort: key, dir: q.sort === key && q.dir === 'asc' ? 'desc' : 'asc' });
    const col = (key: (typeof estateSorts)[number], label: string, numeric = false) => ({
      key,
      label,
      numeric,
      sortable: { href: sortHref(key), direction: q.sort === key ? (q.dir === 'desc' ? 'descending' : 'ascending') : undefined } as const,
    });
    const mayCreate = can(c.get('actor'), 'create', { type: 'estate', organisationId: -1 }) || organisationsOf(c.get('actor')).length > 0;
    return page(
      c,
      { title: 'Boligafdelinger', breadcrumbs: [home, { label: 'Afdelinger' }] },
      <>
        <h1>Boligafdelinger</h1>
        {mayCreate && (
          <p>
            <a class="button button-primary" href={paths.estateNew()}>
              Opret afdeling
            </a>
          </p>
        )}
        <FilterBar action={paths.estates()}>
          <TextField name="q" label="Søg" value={filter.q ?? ''} type="search" />
          <SelectField
            name="organisation"
            label="Boligorganisation"
            options={[{ value: '', label: 'Alle' }, ...orgs.map((o) => ({ value: String(o.id), label: o.label }))]}
            value={String(filter.organisationId ?? '')}
          />
          <SelectField
            name="district"
            label="Bydel"
            options={[{ value: '', label: 'Alle' }, ...districts.map((o) => ({ value: String(o.id), label: o.label }))]}
            value={String(filter.districtId ?? '')}
          />
        </FilterBar>
        <Table
          caption={`${formatNumber(result.total)} afdelinger`}
          columns={[
            col('name', 'Navn'),
            col('number', 'Nr.', true),
            col('organisation', 'Organisation'),
            col('district', 'Bydel'),
            col('dwellings', 'Boliger', true),
            col('residents', 'Beboere', true),
          ]}
          rows={result.items.map((e) => ({
            name: <a href={paths.estate(e.id)}>{e.name}</a>,
            number: String(e.number),
            organisation: e.organisationName,
            district: e.districtName ?? '—',
            dwellings: formatNumber(e.dwellings),
            residents: formatNumber(e.residents),
          }))}
          empty="Ingen afdelinger matcher filteret."
        />
        <Pagination
          page={result.page}
          pageCount={result.pageCount}
          hrefFor={(p: number) => withQuery(paths.estates(), { ...base, sort: q.sort, dir: q.dir, page: p })}
        />
      </>,
    );
  });

  r.get('/ny', (c) => renderForm(c, { title: 'Opret afdeling', action: paths.estateNew(), values: { dwellings: '0', residents: '0' } }));
  r.post('/ny', (c) => save(c, 'Opret afdeling', paths.estateNew(), (d) => createEstate(c.get('ctx'), d)));

  r.get('/:id', async (c) => {
    const e = await getEstate(c.get('ctx'), idParam(c));
    const may = abilities(c.get('actor'), { type: 'estate', id: e.id, organisationId: e.organisationId }, ['update', 'delete'] as const);
    return page(
      c,
      { title: e.name, breadcrumbs: [...crumbs, { label: e.name }] },
      <>
        <h1>{e.name}</h1>
        <SummaryList
          items={[
            ['Boligorganisation', <a href={paths.organisation(e.organisationId)}>{e.organisationName}</a>],
            ['Afdelingsnummer', String(e.number)],
            ['Adresse', `${e.address}${e.postalCode ? `, ${e.postalCode}` : ''}` || '—'],
            ['Bydel', e.districtId ? <a href={paths.district(e.districtId)}>{e.districtName}</a> : '—'],
            ['Udsat byområde', e.urbanAreaId ? <a href={paths.urbanArea(e.urbanAreaId)}>{e.urbanAreaName}</a> : '—'],
            ['Antal boliger', formatNumber(e.dwellings)],
            ['Antal beboere', formatNumber(e.residents)],
            ...(e.isDemo ? ([['Kilde', 'Demodata (opdigtet)']] as [string, string][]) : []),
          ]}
        />
        <p>
          {may.update && (
            <a class="button button-secondary" href={paths.estateEdit(e.id)}>
              Rediger
            </a>
          )}{' '}
          <HistoryLink entityType="estate" id={e.id} />
        </p>
        {may.delete && (
          <Form action={paths.estateDelete(e.id)} csrfToken={c.get('csrfToken')}>
            <HiddenField name="version" value={String(e.version)} />
            <Button type="submit" variant="warning">
              Slet afdeling
            </Button>
          </Form>
        )}
      </>,
    );
  });

  r.get('/:id/rediger', async (c) => {
    const e = await getEstate(c.get('ctx'), idParam(c));
    return renderForm(c, { title: `Rediger ${e.name}`, action: paths.estateEdit(e.id), values: toValues(e) });
  });
  r.post('/:id/rediger', async (c) => {
    const id = idParam(c);
    return save(c, 'Rediger afdeling', paths.estateEdit(id), (d, v) => updateEstate(c.get('ctx'), id, Number(v.version), d));
  });
  r.post('/:id/slet', async (c) => {
    const id = idParam(c);
    const v = await readForm(c);
    await deleteEstate(c.get('ctx'), id, Number(v.version));
    flash(c, msg.deleted);
    return c.redirect(paths.estates(), 303);
  });
  return r;
}
