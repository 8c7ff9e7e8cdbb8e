import type { Context } from 'hono';
import { poolEntryLabels, type PoolEntryKind } from '../../domain/money/pool.ts';
import { can } from '../../policy/index.ts';
import { poolOverview, recordPoolEntry } from '../../services/money/index.ts';
import { Button, ErrorSummary, Form, SelectField, Table, TextField } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatKr } from '../format.ts';
import { field } from '../forms.ts';
import { home, page } from '../render.tsx';
import { type FormState, saveForm } from '../registry/shared.tsx';
import { planPaths } from '../plans/paths.ts';
import { ShareBar } from './charts.tsx';
import { moneyPaths } from './paths.ts';
import { poolEntryContract } from '../../contracts/money.ts';

/** The form's adapter to the pool contract: the amount arrives in kroner, the plan as a string. */
export const poolForm = poolEntryContract.omit({ kind: true, amountOre: true }).extend({
  amount: field.kr({ positive: true }).pipe(poolEntryContract.shape.amountOre),
  planId: field.optionalId(),
});

export const poolKinds: Record<'indskud' | 'tildeling' | 'frigivelse', PoolEntryKind> = {
  indskud: 'deposit',
  tildeling: 'allocation',
  frigivelse: 'release',
};
const slugOf = (k: PoolEntryKind) => Object.entries(poolKinds).find(([, v]) => v === k)![0] as keyof typeof poolKinds;

/** /pulje — R8: the pool's balance, its ledger, each plan's share, and (for TMF) the forms. */
export async function poolPage(c: Context<AppEnv>, state: FormState & { kind?: PoolEntryKind } = { values: {} }) {
  const ctx = c.get('ctx');
  const actor = c.get('actor');
  const p = await poolOverview(ctx);
  const may = (k: PoolEntryKind) => can(actor, k === 'deposit' ? 'deposit' : k === 'allocation' ? 'allocate' : 'release', { type: 'pool' });
  const errors = state.errors ?? {};
  const formFor = (kind: PoolEntryKind) => {
    const mine = state.kind === kind;
    const v = mine ? state.values : {};
    const e = mine ? errors : {};
    const prefix = `${kind}-`;
    const planOptions =
      kind === 'allocation'
        ? p.candidates.map((x) => ({
            value: String(x.planId),
            label: `${x.planName} — godkendt ${x.approvedOre === null ? 'uden beløb' : formatKr(x.approvedOre)}, tildelt ${formatKr(x.heldOre)}`,
          }))
        : p.shares
            .filter((s) => s.netOre > 0)
            .map((s) => ({ value: String(s.planId), label: `${s.planName} — holder ${formatKr(s.netOre)}` }));
    return (
      <section aria-labelledby={`${prefix}title`}>
        <h3 id={`${prefix}title`}>{poolEntryLabels[kind]}</h3>
        {mine && <ErrorSummary errors={Object.entries(e).map(([field, message]) => ({ field, message }))} fieldPrefix={prefix} />}
        <Form action={moneyPaths.poolEntry(slugOf(kind))} csrfToken={c.get('csrfToken')} fieldPrefix={prefix}>
          {kind !== 'deposit' && (
            <SelectField
              name="planId"
              label="Plan"
              options={[{ value: '', label: 'Vælg …' }, ...planOptions]}
              value={v.planId}
              error={e.planId}
              required
            />
          )}
          <TextField name="amount" label="Beløb (kr.)" value={v.amount} error={e.amount} inputmode="decimal" width="m" required />
          <TextField
            name="decision"
            label="Beslutning"
            hint={
              kind === 'deposit'
                ? 'Fx Budget 2027 eller Borgerrepræsentationen 12.12.2013'
                : 'Fx sagsnummer for Borgerrepræsentationens beslutning'
            }
            value={v.decision}
            error={e.decision}
            required
          />
          <TextField name="decidedOn" label="Beslutningsdato" type="date" value={v.decidedOn} error={e.decidedOn} required />
          <TextField name="note" label="Note" value={v.note} error={e.note} />
          <Button type="submit">Registrér {poolEntryLabels[kind].toLowerCase()}</Button>
        </Form>
      </section>
    );
  };
  const managed = (['deposit', 'allocation', 'release'] as const).filter(may);
  return page(
    c,
    {
      title: 'Puljen til kommunal medfinansiering',
      breadcrumbs: [home, { label: 'Økonomi', href: moneyPaths.overview() }, { label: 'Puljen' }],
      status: state.status,
    },
    <>
      <h1>Puljen til kommunal medfinansiering</h1>
      <p>
        Budget 2012 afsatte 30 mio. kr. til kommunens andel af helhedsplanerne; Borgerrepræsentationen lagde 1,7 mio. kr. til den
        12.12.2013. Puljen er et regnskab: indskud, tildelinger til planer (efter Borgerrepræsentationens godkendelse af planen) og
        frigivelser, når en plan slutter med mindreforbrug. Der kan aldrig tildeles mere, end puljen rummer.
      </p>
      {(p.conditions.requiresVulnerableArea || p.conditions.requiresMunicipalCooperation) && (
        <p id="pool-conditions">
          Puljen medfinansierer kun planer
          {p.conditions.requiresVulnerableArea && ' i et udsat byområde'}
          {p.conditions.requiresVulnerableArea && p.conditions.requiresMunicipalCooperation && ','}
          {p.conditions.requiresMunicipalCooperation &&
            ' der er lavet i samarbejde med kommunen (en kommunal forvaltning deltager i planens aktiviteter)'}
          . Betingelserne kontrolleres ved hver tildeling.
        </p>
      )}
      <p class="font-lead" id="pool-balance">
        Tilbage i puljen: <strong>{formatKr(p.balanceOre)}</strong>
      </p>
      <ShareBar
        label="Puljens fordeling"
        parts={[
          ...p.shares.filter((s) => s.netOre > 0).map((s) => ({ label: s.planName, amountOre: s.netOre })),
          { label: 'Tilbage', amountOre: p.balanceOre },
        ]}
      />
      <Table
        caption="Puljen i alt"
        columns={[
          { key: 'what', label: 'Post' },
          { key: 'amount', label: 'Beløb', numeric: true },
        ]}
        rows={[
          { what: 'Indskud', amount: formatKr(p.depositedOre) },
          { what: 'Tildelt planer', amount: formatKr(p.allocatedOre) },
          { what: 'Frigivet igen', amount: formatKr(p.releasedOre) },
          { what: <strong>Tilbage</strong>, amount: <strong>{formatKr(p.balanceOre)}</strong> },
        ]}
      />
      <h2>Planernes andel</h2>
      <Table
        caption="Hver plans andel af puljen"
        id="pool-shares"
        columns={[
          { key: 'plan', label: 'Plan' },
          { key: 'approved', label: 'Godkendt af BR', numeric: true },
          { key: 'allocated', label: 'Tildelt', numeric: true },
          { key: 'released', label: 'Frigivet', numeric: true },
          { key: 'net', label: 'Netto', numeric: true },
        ]}
        rows={p.shares.map((s) => ({
          plan: <a href={planPaths.plan(s.planId)}>{s.planName}</a>,
          approved: s.approvedOre === null ? '—' : formatKr(s.approvedOre),
          allocated: formatKr(s.allocatedOre),
          released: formatKr(s.releasedOre),
          net: formatKr(s.netOre),
        }))}
        empty="Ingen planer har fået midler fra puljen endnu."
      />
      <h2>Posteringer</h2>
      <p>
        <a class="button button-tertiary" href={moneyPaths.poolXlsx()}>
          Hent som Excel
        </a>
      </p>
      <Table
        caption="Puljens posteringer i rækkefølge"
        id="pool-entries"
        columns={[
          { key: 'seq', label: 'Nr.', numeric: true },
          { key: 'kind', label: 'Type' },
          { key: 'amount', label: 'Beløb', numeric: true },
          { key: 'plan', label: 'Plan' },
          { key: 'decision', label: 'Beslutning' },
          { key: 'date', label: 'Dato' },
          { key: 'balance', label: 'Saldo efter', numeric: true },
        ]}
        rows={p.entries.map((e) => ({
          seq: String(e.seq),
          kind: poolEntryLabels[e.kind],
          amount: formatKr(e.kind === 'allocation' ? -e.amountOre : e.amountOre),
          plan: e.planName ?? '—',
          decision: e.decision,
          date: formatDate(e.decidedOn),
          balance: formatKr(e.balanceAfterOre),
        }))}
      />
      {managed.length > 0 && (
        <>
          <h2>Registrér i puljen</h2>
          {managed.map(formFor)}
        </>
      )}
    </>,
  );
}

/** POST /pulje/indskud | tildeling | frigivelse */
export async function savePoolEntry(c: Context<AppEnv>, kind: PoolEntryKind) {
  return saveForm(
    c,
    poolForm,
    (st) => poolPage(c, { ...st, kind }),
    (d) =>
      recordPoolEntry(c.get('ctx'), {
        kind,
        amountOre: d.amount,
        planId: kind === 'deposit' ? null : d.planId,
        decision: d.decision,
        decidedOn: d.decidedOn,
        note: d.note,
      }),
    () => moneyPaths.pool(),
    `${poolEntryLabels[kind]} er registreret.`,
  );
}
