import type { Context } from 'hono';
import { planYears } from '../../domain/money/budget.ts';
import { Invalid, Forbidden } from '../../errors.ts';
import { authorize, can } from '../../policy/index.ts';
import { budgetSubject, budgetAbilities } from '../../services/money/access.ts';
import {
  addEntry,
  commitImport,
  deleteEntry,
  discardImport,
  getImport,
  getPlanFinance,
  listEntries,
  listImports,
  previewImport,
  type Replacement,
  ReplaceNotConfirmed,
  replacementText,
} from '../../services/money/index.ts';
import { Alert, Button, ChoiceGroup, ErrorSummary, FileField, Form, SelectField, Table, TextArea, TextField } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatDateTime, formatKr, formatNumber } from '../format.ts';
import { field, type FormErrors, type FormValues } from '../forms.ts';
import { flash, page } from '../render.tsx';
import { type FormState, saveForm } from '../registry/shared.tsx';
import { assetPaths } from '../static.ts';
import { moneyPaths } from './paths.ts';
import { planCrumbs } from './shared.tsx';
import { personName } from '../../presenters/people.ts';
import { entryContract } from '../../contracts/money.ts';

/** The form's adapter to the posting contract: ids and the year arrive as strings, the amount in kroner. */
export const entryForm = entryContract.omit({ amountOre: true }).extend({
  lineId: field.id('budgetlinjen'),
  year: field.wholeNumber('året').pipe(entryContract.shape.year),
  amount: field.kr().pipe(entryContract.shape.amountOre),
});

/** /planer/:id/oekonomi/regnskab — the postings, and a form to enter one by hand (R7). */
export async function accountsPage(c: Context<AppEnv>, planId: number, state: FormState = { values: {} }) {
  const ctx = c.get('ctx');
  const f = await getPlanFinance(ctx, planId);
  const [entries, imports] = await Promise.all([listEntries(ctx, planId), listImports(ctx, planId)]);
  const mayRecord = (await budgetAbilities(ctx, planId)).recordAccounts;
  const errors = state.errors ?? {};
  const v = state.values;
  const years = planYears(f.startsOn, f.endsOn);
  return page(
    c,
    { title: `Regnskab: ${f.planName}`, breadcrumbs: planCrumbs(planId, f.planName, 'Regnskab'), status: state.status },
    <>
      <h1>Regnskab: {f.planName}</h1>
      <p>
        Forbruget i alt: <strong>{formatKr(f.totals.actualOre)}</strong> af et budget på {formatKr(f.totals.budgetOre)}{' '}
        <a href={moneyPaths.plan(planId)}>Se afvigelse og prognose</a>
      </p>
      {mayRecord && (
        <>
          <p>
            <a class="button button-secondary" href={moneyPaths.import(planId)}>
              Indlæs regnskab fra Excel eller CSV
            </a>
          </p>
          <h2>Registrér en post</h2>
          {!f.lines.length ? (
            <p>Planen har ingen budgetlinjer; regnskabet føres på budgetlinjerne.</p>
          ) : (
            <>
              <ErrorSummary errors={Object.entries(errors).map(([field, message]) => ({ field, message }))} />
              <Form action={moneyPaths.accounts(planId)} csrfToken={c.get('csrfToken')}>
                <SelectField
                  name="lineId"
                  label="Budgetlinje"
                  options={[{ value: '', label: 'Vælg …' }, ...f.lines.map((l) => ({ value: String(l.id), label: l.name }))]}
                  value={v.lineId}
                  error={errors.lineId}
                  required
                />
                <SelectField
                  name="year"
                  label="År"
                  options={years.map((y) => ({ value: String(y), label: String(y) }))}
                  value={v.year ?? String(years.includes(Number(f.asOf.slice(0, 4))) ? f.asOf.slice(0, 4) : years.at(-1))}
                  error={errors.year}
                  required
                />
                <TextField
                  name="amount"
                  label="Beløb (kr.)"
                  hint="Negativt beløb for en kreditering, fx -1.250,00"
                  value={v.amount}
                  error={errors.amount}
                  inputmode="decimal"
                  width="m"
                  required
                />
                <TextField name="bookedOn" label="Dato" type="date" value={v.bookedOn} error={errors.bookedOn} />
                <TextField name="text" label="Tekst" value={v.text} error={errors.text} />
                <Button type="submit">Registrér</Button>
              </Form>
            </>
          )}
        </>
      )}
      <h2>Poster</h2>
      <Table
        caption="Regnskabsposter (nyeste år først)"
        id="account-entries"
        columns={[
          { key: 'year', label: 'År' },
          { key: 'line', label: 'Budgetlinje' },
          { key: 'amount', label: 'Beløb', numeric: true },
          { key: 'date', label: 'Dato' },
          { key: 'text', label: 'Tekst' },
          { key: 'source', label: 'Kilde' },
          { key: 'actions', label: 'Handling' },
        ]}
        rows={entries.map((e) => ({
          year: String(e.year),
          line: e.lineName,
          amount: formatKr(e.amountOre),
          date: formatDate(e.bookedOn),
          text: e.text,
          source: e.importId ? `Indlæst fil` : `Registreret af ${personName(e.createdBy)}`,
          actions:
            mayRecord && !e.importId ? (
              <form method="post" action={moneyPaths.deleteEntry(planId, e.id)}>
                <input type="hidden" name="_csrf" value={c.get('csrfToken')} />
                <button type="submit" class="button button-tertiary">
                  Slet<span class="sr-only"> posten {formatKr(e.amountOre)}</span>
                </button>
              </form>
            ) : (
              ''
            ),
        }))}
        empty="Ingen poster endnu."
      />
      {imports.length > 0 && (
        <Table
          caption="Indlæste filer"
          columns={[
            { key: 'file', label: 'Fil' },
            { key: 'status', label: 'Status' },
            { key: 'rows', label: 'Rækker', numeric: true },
            { key: 'total', label: 'Beløb', numeric: true },
            { key: 'by', label: 'Af' },
          ]}
          rows={imports.map((i) => ({
            file: <a href={moneyPaths.importOne(planId, i.id)}>{i.fileName}</a>,
            status: statusLabels[i.status],
            rows: formatNumber(i.rowCount),
            total: formatKr(i.totalOre),
            by: `${personName(i.createdBy)}, ${formatDateTime(i.createdAt)}`,
          }))}
        />
      )}
    </>,
  );
}

const statusLabels: Record<string, string> = {
  preview: 'Til gennemsyn',
  running: 'Indlæses …',
  done: 'Indlæst',
  failed: 'Fejlet — intet gemt',
  discarded: 'Kasseret',
};

export async function saveEntry(c: Context<AppEnv>, planId: number) {
  return saveForm(
    c,
    entryForm,
    (st) => accountsPage(c, planId, st),
    (d) => addEntry(c.get('ctx'), planId, { lineId: d.lineId, year: d.year, amountOre: d.amount, bookedOn: d.bookedOn, text: d.text }),
    () => moneyPaths.accounts(planId),
    'Posten er registreret.',
  );
}

export async function removeEntry(c: Context<AppEnv>, planId: number, entryId: number) {
  await deleteEntry(c.get('ctx'), planId, entryId);
  flash(c, 'Posten er slettet.');
  return c.redirect(moneyPaths.accounts(planId), 303);
}

/** A <progress> of the import's three steps, and of the rows booked while a large file runs. */
function Steps({ step }: { step: 1 | 2 | 3 }) {
  const labels = ['Vælg fil', 'Gennemse', 'Indlæst'];
  return (
    <div class="form-group">
      <label class="form-label" for="import-steps">
        Trin {step} af 3: {labels[step - 1]}
      </label>
      <progress id="import-steps" max="3" value={String(step)}>
        Trin {step} af 3
      </progress>
    </div>
  );
}

const importHead = () => <script src={`${assetPaths.app}/money-import.js`} defer></script>;

/** GET /planer/:id/oekonomi/import — the upload form. */
export async function importPage(c: Context<AppEnv>, planId: number, state: { errors?: FormErrors; status?: 200 | 400 } = {}) {
  const ctx = c.get('ctx');
  const f = await getPlanFinance(ctx, planId);
  if (!(await budgetAbilities(ctx, planId)).recordAccounts)
    throw new Forbidden('Regnskabet indlæses af boligorganisationerne bag planen og projektlederne.');
  const errors = state.errors ?? {};
  return page(
    c,
    { title: 'Indlæs regnskab', breadcrumbs: planCrumbs(planId, f.planName, 'Indlæs regnskab'), status: state.status, head: importHead() },
    <>
      <h1>Indlæs regnskab: {f.planName}</h1>
      <Steps step={1} />
      <p>
        Filen (Excel .xlsx eller CSV) skal have en overskriftsrække med kolonnerne <strong>Budgetlinje</strong>, <strong>År</strong>,{' '}
        <strong>Beløb</strong> og gerne <strong>Dato</strong> og <strong>Tekst</strong>. Budgetlinjen skrives med navnet fra budgettet;
        beløb i kroner (fx 1.234,50). Du ser alle rækker og fejl, før noget gemmes. En fil med fejl gemmes ikke. Indlæser du et år igen,
        erstatter filen de poster, tidligere filer har indlæst for samme år: forhåndsvisningen viser, hvad der erstattes, og du skal
        bekræfte det. Poster registreret i hånden bliver stående.
      </p>
      <p>
        Skabelon: <a href={moneyPaths.templateCsv(planId)}>CSV</a> · <a href={moneyPaths.templateXlsx(planId)}>Excel</a>. Budgetlinjer:{' '}
        {f.lines.map((l) => l.name).join(', ') || 'ingen endnu'}.
      </p>
      <ErrorSummary errors={Object.entries(errors).map(([field, message]) => ({ field, message }))} />
      <Form action={moneyPaths.import(planId)} csrfToken={c.get('csrfToken')} multipart id="money-upload">
        <FileField
          name="file"
          label="Fil (Excel eller CSV)"
          hint="Eller indsæt rækkerne nedenfor."
          accept=".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          error={errors.file}
        />
        <TextArea
          name="text"
          label="… eller indsæt rækkerne"
          hint="Kopiér rækkerne med overskrifter fra Excel, eller skriv dem med semikolon: Budgetlinje;År;Beløb"
          rows={5}
        />
        <div class="form-group" hidden data-upload-progress>
          <label class="form-label" for="upload-progress">
            Sender filen …
          </label>
          <progress id="upload-progress" max="100" value="0"></progress>
        </div>
        <Button type="submit">Vis rækkerne</Button>
      </Form>
    </>,
  );
}

/** POST /planer/:id/oekonomi/import — reads the file and shows the preview (nothing is booked). */
export async function uploadImport(c: Context<AppEnv>, planId: number) {
  const body = await c.req.parseBody();
  const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
  const text = typeof body.text === 'string' ? body.text.trim() : '';
  if (!file && !text)
    return importPage(c, planId, { errors: { file: 'Vælg en fil (Excel eller CSV), eller indsæt rækkerne.' }, status: 400 });
  try {
    const upload = file
      ? { name: file.name, data: new Uint8Array(await file.arrayBuffer()) }
      : { name: 'Indsatte rækker', data: new TextEncoder().encode(text) };
    const id = await previewImport(c.get('ctx'), planId, upload);
    return c.redirect(moneyPaths.importOne(planId, id), 303);
  } catch (err) {
    if (err instanceof Invalid) return importPage(c, planId, { errors: err.fields, status: 400 });
    throw err;
  }
}

/** GET /planer/:id/oekonomi/import/:import — the preview with row errors, the progress of a running import, or the result. */
export async function importOnePage(
  c: Context<AppEnv>,
  planId: number,
  importId: number,
  state: { errors?: FormErrors; status?: 200 | 400 } = {},
) {
  const ctx = c.get('ctx');
  const f = await getPlanFinance(ctx, planId);
  const imp = await getImport(ctx, planId, importId);
  const total = imp.rows.reduce((s, r) => s + r.amountOre, 0);
  const running = imp.status === 'running';
  const head = running ? (
    <>
      <noscript>
        <meta http-equiv="refresh" content="2" />
      </noscript>
      {importHead()}
    </>
  ) : (
    importHead()
  );
  const errorRows = new Set(imp.errors.map((e) => e.row));
  return page(
    c,
    { title: `Indlæsning af ${imp.fileName}`, breadcrumbs: planCrumbs(planId, f.planName, 'Indlæs regnskab'), status: state.status, head },
    <>
      <h1>Indlæsning af {imp.fileName}</h1>
      <Steps step={imp.status === 'done' ? 3 : 2} />
      <ErrorSummary errors={Object.entries(state.errors ?? {}).map(([field, message]) => ({ field, message }))} />
      {running && (
        <div
          class="form-group"
          data-import-status={moneyPaths.importStatus(planId, importId)}
          data-done-href={moneyPaths.importOne(planId, importId)}
        >
          <label class="form-label" for="import-progress">
            Indlæser {formatNumber(imp.done)} af {formatNumber(imp.rows.length)} poster …
          </label>
          <progress id="import-progress" max={String(imp.rows.length)} value={String(imp.done)}>
            {formatNumber(imp.done)} af {formatNumber(imp.rows.length)}
          </progress>
          <p class="form-hint">Siden opdaterer sig selv. Alt eller intet gemmes.</p>
        </div>
      )}
      {imp.status === 'done' && (
        <Alert kind="success" heading="Regnskabet er indlæst">
          <p>
            {formatNumber(imp.rows.length)} poster for {imp.years.join(', ')} på i alt {formatKr(total)} er gemt.{' '}
            <a href={moneyPaths.plan(planId)}>Se afvigelsen på planens økonomi</a>.
          </p>
        </Alert>
      )}
      {imp.status === 'failed' && (
        <Alert kind="error" heading="Indlæsningen fejlede">
          <p>{imp.message}</p>
        </Alert>
      )}
      {imp.status === 'discarded' && (
        <Alert kind="info" heading="Filen er kasseret">
          <p>Intet er gemt.</p>
        </Alert>
      )}
      {imp.status === 'preview' && imp.errors.length > 0 && (
        <Alert
          kind="error"
          heading={`Filen har ${imp.errors.length} ${imp.errors.length === 1 ? 'fejl' : 'fejl'} i ${errorRows.size} ${errorRows.size === 1 ? 'række' : 'rækker'} — intet er gemt`}
        >
          <ul id="import-errors">
            {imp.errors.map((e) => (
              <li>{e.message}</li>
            ))}
          </ul>
          <p>
            Ret filen, og <a href={moneyPaths.import(planId)}>indlæs den igen</a>.
          </p>
        </Alert>
      )}
      {imp.status === 'preview' && imp.errors.length === 0 && (
        <>
          <p>
            Filen har {formatNumber(imp.rows.length)} poster for {imp.years.join(', ')} på i alt <strong>{formatKr(total)}</strong>.
            {imp.replaces
              ? ' Poster registreret i hånden bliver stående.'
              : ` Der er ingen tidligere indlæste poster for ${imp.years.length === 1 ? 'året' : 'årene'}; intet erstattes.`}
          </p>
          {imp.replaces && <ReplacementTable r={imp.replaces} />}
          <Form action={moneyPaths.importOne(planId, importId)} csrfToken={c.get('csrfToken')}>
            {imp.replaces && (
              <ChoiceGroup
                name="confirmReplace"
                type="checkbox"
                label="Bekræft erstatningen"
                options={[
                  {
                    value: 'yes',
                    label: `Erstat ${formatNumber(imp.replaces.before.count)} tidligere indlæste poster på i alt ${formatKr(imp.replaces.before.sumOre)} med filens ${formatNumber(imp.replaces.after.count)} poster på i alt ${formatKr(imp.replaces.after.sumOre)}`,
                  },
                ]}
                values={[]}
                error={state.errors?.confirmReplace}
              />
            )}
            <Button type="submit">Indlæs {formatNumber(imp.rows.length)} poster</Button>
          </Form>
        </>
      )}
      {imp.status === 'preview' && (
        <Form action={moneyPaths.importDiscard(planId, importId)} csrfToken={c.get('csrfToken')}>
          <Button type="submit" variant="tertiary">
            Kassér filen
          </Button>
        </Form>
      )}
      {imp.status !== 'discarded' && (
        <Table
          caption={`Rækker uden fejl (${formatNumber(imp.rows.length)} af ${formatNumber(imp.rowCount)})${imp.rows.length > 500 ? ' — de første 500 vises' : ''}`}
          id="import-rows"
          compact
          columns={[
            { key: 'row', label: 'Række', numeric: true },
            { key: 'line', label: 'Budgetlinje' },
            { key: 'year', label: 'År' },
            { key: 'amount', label: 'Beløb', numeric: true },
            { key: 'date', label: 'Dato' },
            { key: 'text', label: 'Tekst' },
          ]}
          rows={imp.rows.slice(0, 500).map((r) => ({
            row: String(r.row),
            line: r.lineName,
            year: String(r.year),
            amount: formatKr(r.amountOre),
            date: formatDate(r.bookedOn),
            text: r.text,
          }))}
          empty="Ingen gyldige rækker."
        />
      )}
    </>,
  );
}

/** R7 — what the import replaces, per year: the earlier imported postings that go, the file's that come. */
function ReplacementTable({ r }: { r: Replacement }) {
  return (
    <Alert kind="warning" heading="Indlæsningen erstatter tidligere indlæste poster" id="import-replaces">
      <p>{replacementText(r)} Poster registreret i hånden bliver stående.</p>
      <Table
        caption="Det, der erstattes"
        compact
        columns={[
          { key: 'year', label: 'År' },
          { key: 'beforeCount', label: 'Indlæste poster nu', numeric: true },
          { key: 'beforeSum', label: 'Beløb nu', numeric: true },
          { key: 'afterCount', label: 'Poster efter indlæsningen', numeric: true },
          { key: 'afterSum', label: 'Beløb efter indlæsningen', numeric: true },
        ]}
        rows={[
          ...r.years.map((y) => ({
            year: String(y.year),
            beforeCount: formatNumber(y.before.count),
            beforeSum: formatKr(y.before.sumOre),
            afterCount: formatNumber(y.after.count),
            afterSum: formatKr(y.after.sumOre),
          })),
          {
            year: 'I alt',
            beforeCount: formatNumber(r.before.count),
            beforeSum: formatKr(r.before.sumOre),
            afterCount: formatNumber(r.after.count),
            afterSum: formatKr(r.after.sumOre),
          },
        ]}
      />
    </Alert>
  );
}

/** POST /planer/:id/oekonomi/import/:import — books the previewed file (all or nothing); a replacement must be confirmed. */
export async function confirmImport(c: Context<AppEnv>, planId: number, importId: number) {
  const body = await c.req.parseBody();
  try {
    const r = await commitImport(c.get('ctx'), planId, importId, { confirmReplace: body.confirmReplace === 'yes' });
    if (r.done) {
      flash(c, 'Regnskabet er indlæst.');
      return c.redirect(moneyPaths.plan(planId), 303);
    }
    return c.redirect(moneyPaths.importOne(planId, importId), 303);
  } catch (err) {
    if (err instanceof Invalid) return importOnePage(c, planId, importId, { errors: err.fields, status: 400 });
    if (err instanceof ReplaceNotConfirmed)
      return importOnePage(c, planId, importId, {
        errors: { confirmReplace: 'Bekræft, at de tidligere indlæste poster skal erstattes; intet er gemt.' },
        status: 400,
      });
    throw err;
  }
}

export async function discardImportForm(c: Context<AppEnv>, planId: number, importId: number) {
  await discardImport(c.get('ctx'), planId, importId);
  flash(c, 'Filen er kasseret; intet er gemt.');
  return c.redirect(moneyPaths.import(planId), 303);
}

/** GET …/status — progress for the small script (JSON). */
export async function importStatus(c: Context<AppEnv>, planId: number, importId: number) {
  const imp = await getImport(c.get('ctx'), planId, importId);
  return c.json({ status: imp.status, done: imp.done, total: imp.rows.length, message: imp.message });
}

export type { FormValues };
