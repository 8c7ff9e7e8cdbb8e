import type { Context } from 'hono';
import { z } from 'zod';
import { approvalChains } from '../../domain/plan-lifecycle.ts';
import { organisationsOf } from '../../policy/actor.ts';
import { districtOptions } from '../../services/districts.ts';
import { estateOptions, fundingPeriodOptions } from '../../services/plans/options.ts';
import { organisationOptions } from '../../services/organisations.ts';
import { getPlan } from '../../services/plans/read.ts';
import { createPlan, type PlanInput, updatePlan } from '../../services/plans/write.ts';
import { Button, ChoiceGroup, ErrorSummary, Form, HiddenField, SelectField, TextArea, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import type { AppEnv } from '../../app-env.ts';
import { planContract } from '../../contracts/plans.ts';
import { contractOrInvalid, field, formAll } from '../forms.ts';
import { home, page } from '../render.tsx';
import { type FormState, saveForm } from '../registry/shared.tsx';
import { planPaths } from './paths.ts';

/** The form's adapter to the plan contract: ids arrive as strings, the estates are a checkbox group added after. */
export const planForm = planContract.omit({ estateIds: true }).extend({
  districtId: field.optionalId(),
  fundingPeriodId: field.id('bevillingsperiode'),
  leadOrganisationId: field.id('den ansvarlige boligorganisation'),
  approvalChain: z.enum(['council', 'committee_and_council'], { error: 'Vælg godkendelsesforløbet.' }),
});

async function options(c: Context<AppEnv>) {
  const ctx = c.get('ctx');
  const [districts, orgs, periods, estates] = await Promise.all([
    districtOptions(ctx),
    organisationOptions(ctx),
    fundingPeriodOptions(ctx),
    estateOptions(ctx),
  ]);
  return { districts, orgs, periods, estates };
}

export async function renderPlanForm(c: Context<AppEnv>, o: { title: string; action: string; estateIds: string[] } & FormState) {
  const { districts, orgs, periods, estates } = await options(c);
  const own = organisationsOf(c.get('actor'));
  const errors = o.errors ?? {};
  const v = o.values;
  // Organisation staff see their own organisations' estates first.
  const sorted = [...estates].sort((a, b) => Number(own.includes(b.organisation_id)) - Number(own.includes(a.organisation_id)));
  return page(
    c,
    { title: o.title, breadcrumbs: [home, { label: 'Planer', href: planPaths.list() }, { label: o.title }], status: o.status },
    <>
      <h1>{o.title}</h1>
      {o.conflict && <ConflictNotice conflict={o.conflict} />}
      <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
      <Form action={o.action} csrfToken={c.get('csrfToken')}>
        {v.version && <HiddenField name="version" value={v.version} />}
        <TextField name="name" label="Planens navn" value={v.name} error={errors.name} required />
        <SelectField
          name="fundingPeriodId"
          label="Bevillingsperiode"
          options={[{ value: '', label: 'Vælg …' }, ...periods.map((p) => ({ value: String(p.id), label: `${p.code}: ${p.name}` }))]}
          value={v.fundingPeriodId}
          error={errors.fundingPeriodId}
          required
        />
        <SelectField
          name="districtId"
          label="Bydel"
          options={[{ value: '', label: 'Vælg …' }, ...districts.map((d) => ({ value: String(d.id), label: d.label }))]}
          value={v.districtId}
          error={errors.districtId}
        />
        <TextField name="startsOn" label="Start" type="date" value={v.startsOn} error={errors.startsOn} required hint="Normen er 4 år" />
        <TextField name="endsOn" label="Slut" type="date" value={v.endsOn} error={errors.endsOn} required />
        <ChoiceGroup
          name="estateIds"
          label="Boligafdelinger"
          hint="Afdelingernes boligorganisationer bliver parter i bevillingen"
          options={sorted.map((e) => ({ value: String(e.id), label: `${e.name} (${e.short_name})` }))}
          values={o.estateIds}
          error={errors.estateIds}
          required
        />
        <SelectField
          name="leadOrganisationId"
          label="Ansvarlig boligorganisation"
          options={[{ value: '', label: 'Vælg …' }, ...orgs.map((x) => ({ value: String(x.id), label: x.label }))]}
          value={v.leadOrganisationId}
          error={errors.leadOrganisationId}
          required
        />
        <ChoiceGroup
          name="approvalChain"
          type="radio"
          label="Kommunens godkendelsesforløb"
          options={Object.entries(approvalChains).map(([k, ch]) => ({ value: k, label: ch.label }))}
          values={[v.approvalChain ?? 'committee_and_council']}
          error={errors.approvalChain}
          required
        />
        <TextArea
          name="problemDescription"
          label="Beskrivelse af problemerne (til prækvalifikationen)"
          hint="Højst 5 sider"
          value={v.problemDescription}
          error={errors.problemDescription}
          rows={8}
        />
        <Button type="submit">Gem</Button>
      </Form>
    </>,
  );
}

export async function savePlanFrame(c: Context<AppEnv>, id: number | null) {
  const estateIds = await formAll(c, 'estateIds');
  const title = id ? 'Rediger plan' : 'Opret plan';
  const action = id ? planPaths.edit(id) : planPaths.new();
  return saveForm(
    c,
    planForm,
    (st) => renderPlanForm(c, { title, action, estateIds, ...st }),
    async (d, values) => {
      const input: PlanInput = contractOrInvalid(planContract, {
        ...d,
        estateIds: estateIds.map((x) => (/^\d{1,10}$/.test(x) ? Number(x) : 0)),
      });
      if (id) {
        await updatePlan(c.get('ctx'), id, Number(values.version), input);
        return id;
      }
      return (await createPlan(c.get('ctx'), input)).id;
    },
    (planId) => planPaths.plan(planId),
  );
}

export async function editPlanForm(c: Context<AppEnv>, id: number) {
  const p = await getPlan(c.get('ctx'), id);
  return renderPlanForm(c, {
    title: `Rediger ${p.name}`,
    action: planPaths.edit(id),
    estateIds: p.estates.map((e) => String(e.id)),
    values: {
      name: p.name,
      districtId: p.district ? String(p.district.id) : '',
      fundingPeriodId: String(p.period.id),
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      leadOrganisationId: String(p.lead.id),
      approvalChain: p.approvalChain,
      problemDescription: p.problemDescription,
      version: String(p.version),
    },
  });
}
