import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { abilities, can } from '../../policy/index.ts';
import {
  createUrbanArea,
  deleteUrbanArea,
  districtOptions,
  getDistrict,
  getUrbanArea,
  listDistricts,
  listUrbanAreas,
  updateDistrict,
  updateUrbanArea,
  type UrbanArea,
} from '../../services/districts.ts';
import { listEstates } from '../../services/estates.ts';
import { Button, ErrorSummary, FilterBar, Form, HiddenField, Pagination, SelectField, Table, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatNumber } from '../format.ts';
import { field, type FormValues, readForm } from '../forms.ts';
import { msg } from '../messages.ts';
import { paths, withQuery } from '../paths.ts';
import { flash, home, page } from '../render.tsx';
import { type FormState, HistoryLink, idParam, saveForm, SummaryList } from './shared.tsx';
import { isCalendarDate } from '../../contracts/fields.ts';
import { urbanAreaFields, withPeriod } from '../../contracts/registry.ts';

const km2 = (m2: number | null) => (m2 === null ? '—' : `${formatNumber(m2 / 1_000_000, 2)} km²`);
const period = (a: UrbanArea) => `${formatDate(a.validFrom)} – ${a.validTo ? formatDate(a.validTo) : 'nu'}`;

export const districtForm = z.object({ name: field.text('bydelens navn', 100) });

/** The form's adapter to the urban area contract: the district arrives as a string. */
export const urbanAreaForm = withPeriod(urbanAreaFields.extend({ districtId: field.optionalId() }));

export function districtPages() {
  const r = new Hono<AppEnv>();
  r.get('/', async (c) => {
    const sort = c.req.query('sort') === 'name' ? 'name' : 'number';
    const dir = c.req.query('dir') === 'desc' ? 'desc' : 'asc';
    const rows = await listDistricts(c.get('ctx'), { sort, dir });
    const sortable = (key: string) =>
      ({
        href: withQuery(paths.districts(), { sort: key, dir: sort === key && dir === 'asc' ? 'desc' : 'asc' }),
        direction: sort === key ? (dir === 'desc' ? 'descending' : 'ascending') : undefined,
      }) as const;
    return page(
      c,
      { title: 'Bydele', breadcrumbs: [home, { label: 'Bydele' }] },
      <>
        <h1>Københavns bydele</h1>
        <Table
          caption="De 10 bydele med deres officielle numre"
          columns={[
            { key: 'number', label: 'Nr.', numeric: true, sortable: sortable('number') },
            { key: 'name', label: 'Bydel', sortable: sortable('name') },
            { key: 'area', label: 'Areal', numeric: true },
            { key: 'estates', label: 'Afdelinger', numeric: true },
            { key: 'residents', label: 'Beboere i afdelingerne', numeric: true },
          ]}
          rows={rows.map((d) => ({
            number: String(d.number),
            name: <a href={paths.district(d.id)}>{d.name}</a>,
            area: km2(d.areaM2),
            estates: formatNumber(d.estateCount),
            residents: formatNumber(d.residents),
          }))}
        />
        <p class="form-hint">Kilde: Københavns Kommune, Open Data KBH: Bydele.</p>
      </>,
    );
  });
  r.get('/:id', async (c) => {
    const ctx = c.get('ctx');
    const d = await getDistrict(ctx, idParam(c));
    const [areas, estates] = await Promise.all([
      listUrbanAreas(ctx, { districtId: d.id, pageSize: 200 }),
      listEstates(ctx, { districtId: d.id, pageSize: 200 }),
    ]);
    return page(
      c,
      { title: d.name, breadcrumbs: [home, { label: 'Bydele', href: paths.districts() }, { label: d.name }] },
      <>
        <h1>
          {d.number}. {d.name}
        </h1>
        <SummaryList
          items={[
            ['Officielt bydelsnummer', String(d.number)],
            ['Areal', km2(d.areaM2)],
            ['Afdelinger i Helhed', formatNumber(d.estateCount)],
          ]}
        />
        <p>
          {can(c.get('actor'), 'update', { type: 'district', id: d.id }) && (
            <a class="button button-secondary" href={paths.districtEdit(d.id)}>
              Rediger
            </a>
          )}{' '}
          <HistoryLink entityType="district" id={d.id} />
        </p>
        <h2>Udsatte byområder</h2>
        <Table
          caption={`Udsatte byområder i ${d.name}`}
          columns={[
            { key: 'name', label: 'Område' },
            { key: 'group', label: 'Byområde' },
            { key: 'period', label: 'Gyldighed' },
          ]}
          rows={areas.items.map((a) => ({
            name: <a href={paths.urbanArea(a.id)}>{a.name}</a>,
            group: a.areaGroup ?? '—',
            period: period(a),
          }))}
          empty="Ingen udsatte byområder i bydelen."
        />
        <h2>Boligafdelinger</h2>
        <Table
          caption={`Boligafdelinger i ${d.name}`}
          columns={[
            { key: 'name', label: 'Afdeling' },
            { key: 'org', label: 'Organisation' },
            { key: 'residents', label: 'Beboere', numeric: true },
          ]}
          rows={estates.items.map((e) => ({
            name: <a href={paths.estate(e.id)}>{e.name}</a>,
            org: e.organisationName,
            residents: formatNumber(e.residents),
          }))}
          empty="Ingen afdelinger registreret i bydelen."
        />
      </>,
    );
  });
  const renderDistrictForm = async (c: Context<AppEnv>, id: number, st: FormState) => {
    const d = await getDistrict(c.get('ctx'), id);
    const errors = st.errors ?? {};
    return page(
      c,
      {
        title: `Rediger ${d.name}`,
        breadcrumbs: [
          home,
          { label: 'Bydele', href: paths.districts() },
          { label: d.name, href: paths.district(id) },
          { label: 'Rediger' },
        ],
        status: st.status,
      },
      <>
        <h1>Rediger {d.name}</h1>
        {st.conflict && <ConflictNotice conflict={st.conflict} />}
        <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
        <Form action={paths.districtEdit(id)} csrfToken={c.get('csrfToken')}>
          <HiddenField name="version" value={st.values.version ?? ''} />
          <TextField name="name" label="Navn" value={st.values.name} error={errors.name} required />
          <Button type="submit">Gem</Button>
        </Form>
      </>,
    );
  };
  r.get('/:id/rediger', async (c) => {
    const d = await getDistrict(c.get('ctx'), idParam(c));
    return renderDistrictForm(c, d.id, { values: { name: d.name, version: String(d.version) } });
  });
  r.post('/:id/rediger', (c) => {
    const id = idParam(c);
    return saveForm(
      c,
      districtForm,
      (st) => renderDistrictForm(c, id, st),
      (d, v) => updateDistrict(c.get('ctx'), id, Number(v.version), d),
      () => paths.district(id),
    );
  });
  return r;
}

export function urbanAreaPages() {
  const r = new Hono<AppEnv>();
  const crumbs = [home, { label: 'Byområder', href: paths.urbanAreas() }];

  const renderForm = async (c: Context<AppEnv>, o: { title: string; action: string } & FormState) => {
    const districts = await districtOptions(c.get('ctx'));
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
          <TextField
            name="areaGroup"
            label="Byområde"
            hint="Det samlede udsatte byområde, fx Nørrebro"
            value={v.areaGroup}
            error={errors.areaGroup}
          />
          <SelectField
            name="districtId"
            label="Bydel"
            options={[{ value: '', label: 'Ingen' }, ...districts.map((d) => ({ value: String(d.id), label: d.label }))]}
            value={v.districtId}
            error={errors.districtId}
          />
          <TextField name="validFrom" label="Gyldig fra" type="date" value={v.validFrom} error={errors.validFrom} required />
          <TextField
            name="validTo"
            label="Gyldig til"
            type="date"
            hint="Tom, hvis området stadig er udpeget"
            value={v.validTo}
            error={errors.validTo}
          />
          <Button type="submit">Gem</Button>
        </Form>
      </>,
    );
  };
  const toValues = (a: UrbanArea): FormValues => ({
    name: a.name,
    areaGroup: a.areaGroup ?? '',
    districtId: a.districtId ? String(a.districtId) : '',
    validFrom: a.validFrom,
    validTo: a.validTo ?? '',
    version: String(a.version),
  });
  const save = (
    c: Context<AppEnv>,
    title: string,
    action: string,
    run: (d: z.infer<typeof urbanAreaForm>, v: FormValues) => Promise<UrbanArea>,
  ) =>
    saveForm(
      c,
      urbanAreaForm,
      (st) => renderForm(c, { title, action, ...st }),
      run,
      (a) => paths.urbanArea(a.id),
    );

  r.get('/', async (c) => {
    const at = isCalendarDate(c.req.query('at') ?? '') ? c.req.query('at') : undefined;
    const pageNo = Number(c.req.query('page')) || 1;
    const result = await listUrbanAreas(c.get('ctx'), { at, page: pageNo, pageSize: 50 });
    return page(
      c,
      { title: 'Udsatte byområder', breadcrumbs: [home, { label: 'Byområder' }] },
      <>
        <h1>Udsatte byområder</h1>
        {can(c.get('actor'), 'create', { type: 'urbanArea' }) && (
          <p>
            <a class="button button-primary" href={paths.urbanAreaNew()}>
              Opret byområde
            </a>
          </p>
        )}
        <FilterBar action={paths.urbanAreas()}>
          <TextField name="at" label="Gyldige på dato" type="date" value={at ?? ''} />
        </FilterBar>
        <Table
          caption={`${formatNumber(result.total)} områder${at ? ` gyldige ${formatDate(at)}` : ''}`}
          columns={[
            { key: 'name', label: 'Område' },
            { key: 'group', label: 'Byområde' },
            { key: 'district', label: 'Bydel' },
            { key: 'period', label: 'Gyldighed' },
            { key: 'estates', label: 'Afdelinger', numeric: true },
          ]}
          rows={result.items.map((a) => ({
            name: <a href={paths.urbanArea(a.id)}>{a.name}</a>,
            group: a.areaGroup ?? '—',
            district: a.districtName ?? '—',
            period: period(a),
            estates: formatNumber(a.estateCount),
          }))}
          empty="Ingen byområder på den dato."
        />
        <Pagination
          page={result.page}
          pageCount={result.pageCount}
          hrefFor={(p: number) => withQuery(paths.urbanAreas(), { at, page: p })}
        />
        <p class="form-hint">Kilde: Københavns Kommune, Open Data KBH: Udsatte byområder (Politik for Udsatte Byområder 2017).</p>
      </>,
    );
  });
  r.get('/ny', (c) => renderForm(c, { title: 'Opret byområde', action: paths.urbanAreaNew(), values: {} }));
  r.post('/ny', (c) => save(c, 'Opret byområde', paths.urbanAreaNew(), (d) => createUrbanArea(c.get('ctx'), d)));
  r.get('/:id', async (c) => {
    const ctx = c.get('ctx');
    const a = await getUrbanArea(ctx, idParam(c));
    const estates = await listEstates(ctx, { urbanAreaId: a.id, pageSize: 200 });
    const may = abilities(c.get('actor'), { type: 'urbanArea', id: a.id }, ['update', 'delete'] as const);
    return page(
      c,
      { title: a.name, breadcrumbs: [...crumbs, { label: a.name }] },
      <>
        <h1>{a.name}</h1>
        <SummaryList
          items={[
            ['Byområde', a.areaGroup ?? '—'],
            ['Bydel', a.districtId ? <a href={paths.district(a.districtId)}>{a.districtName}</a> : '—'],
            ['Gyldighed', period(a)],
          ]}
        />
        <p>
          {may.update && (
            <a class="button button-secondary" href={paths.urbanAreaEdit(a.id)}>
              Rediger
            </a>
          )}{' '}
          <HistoryLink entityType="urbanArea" id={a.id} />
        </p>
        <h2>Boligafdelinger i området</h2>
        <Table
          caption={`Afdelinger i ${a.name}`}
          columns={[
            { key: 'name', label: 'Afdeling' },
            { key: 'org', label: 'Organisation' },
          ]}
          rows={estates.items.map((e) => ({ name: <a href={paths.estate(e.id)}>{e.name}</a>, org: e.organisationName }))}
          empty="Ingen afdelinger er knyttet til området."
        />
        {may.delete && a.estateCount === 0 && (
          <Form action={paths.urbanAreaDelete(a.id)} csrfToken={c.get('csrfToken')}>
            <HiddenField name="version" value={String(a.version)} />
            <Button type="submit" variant="warning">
              Slet byområde
            </Button>
          </Form>
        )}
      </>,
    );
  });
  r.get('/:id/rediger', async (c) => {
    const a = await getUrbanArea(c.get('ctx'), idParam(c));
    return renderForm(c, { title: `Rediger ${a.name}`, action: paths.urbanAreaEdit(a.id), values: toValues(a) });
  });
  r.post('/:id/rediger', (c) => {
    const id = idParam(c);
    return save(c, 'Rediger byområde', paths.urbanAreaEdit(id), (d, v) => updateUrbanArea(c.get('ctx'), id, Number(v.version), d));
  });
  r.post('/:id/slet', async (c) => {
    const id = idParam(c);
    const v = await readForm(c);
    await deleteUrbanArea(c.get('ctx'), id, Number(v.version));
    flash(c, msg.deleted);
    return c.redirect(paths.urbanAreas(), 303);
  });
  return r;
}
