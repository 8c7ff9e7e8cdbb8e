import type { Context } from 'hono';
import { Invalid } from '../../errors.ts';
import { TEMPLATE_HEADERS, VARIABLE_COLUMNS } from '../../services/keyfigures/columns.ts';
import {
  confirmImport,
  discardImport,
  getImport,
  type ImportDetail,
  KeyfigureReplaceNotConfirmed,
  keyfigureReplacementText,
  listImports,
  uploadStatistics,
} from '../../services/keyfigures/import.ts';
import { Alert, Button, ChoiceGroup, ErrorSummary, FileField, Form, HiddenField, Table, TextArea, TextField } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDateTime, formatKrWhole, formatNumber } from '../format.ts';
import { type FormErrors, type FormValues } from '../forms.ts';
import { flash, page } from '../render.tsx';
import { assetPaths } from '../static.ts';
import { crumbs, kfPaths, SubNav } from './shared.tsx';
import { kfHead } from './style.tsx';

const statusDa = { preview: 'Til gennemsyn', imported: 'Gemt (gældende)', replaced: 'Erstattet', discarded: 'Kasseret' } as const;

/** A <progress> that shows the three steps; it needs no script. */
function Steps({ step }: { step: 1 | 2 | 3 }) {
  const labels = ['Vælg fil', 'Gennemse', 'Gemt'];
  return (
    <div class="form-group">
      <label class="form-label" for="kf-steps">
        Trin {step} af 3: {labels[step - 1]}
      </label>
      <progress id="kf-steps" class="kf-progress" max="3" value={String(step)}>
        Trin {step} af 3
      </progress>
    </div>
  );
}

const importHead = () => kfHead(<script src={`${assetPaths.app}/keyfigures-import.js`} defer></script>);

/** /noegletal/import — the upload form and every import with its provenance (R18). */
export async function importPage(c: Context<AppEnv>, state: { values?: FormValues; errors?: FormErrors; status?: 200 | 400 } = {}) {
  const imports = await listImports(c.get('ctx'));
  const v = state.values ?? { year: String(new Date(c.get('deps').now()).getFullYear() - 1) };
  const errors = state.errors ?? {};
  const title = 'Indlæs statistik pr. afdeling';
  return page(
    c,
    { title, breadcrumbs: [...crumbs, { label: 'Indlæs statistik' }], status: state.status, head: importHead() },
    <>
      <h1>{title}</h1>
      <SubNav active={kfPaths.imports()} canImport={true} />
      <Steps step={1} />
      <p>
        Filen skal have én række pr. afdeling med kolonnerne fra skabelonen: organisation (forkortelse), afdelingsnummer, beboere og for
        hver variabel en tæller og en nævner. Tomme felter betyder »ikke opgjort«. En række med organisationen »København« og intet
        afdelingsnummer giver tallene for hele kommunen, som områderne sammenlignes med. Du ser alle rækker og fejl, før noget gemmes; en
        fil med fejl gemmes ikke. Indlæser du et år igen, viser gennemsynet, hvad der erstattes, og årets tal erstattes helt, når du har
        bekræftet det.
      </p>
      <p>
        Skabelon: <a href={kfPaths.templateCsv()}>CSV</a> · <a href={kfPaths.templateXlsx()}>Excel</a>
      </p>
      <ErrorSummary errors={Object.entries(errors).map(([field, message]) => ({ field, message }))} />
      <Form action={kfPaths.imports()} csrfToken={c.get('csrfToken')} multipart id="kf-upload">
        <TextField name="year" label="År" value={v.year} error={errors.year} inputmode="numeric" width="xs" required />
        <FileField
          name="file"
          label="Fil (CSV eller Excel)"
          hint="Eller indsæt teksten nedenfor."
          accept=".csv,.xlsx,text/csv"
          error={errors.file}
        />
        <TextArea name="content" label="Eller indsæt CSV-tekst" value={v.content} rows={4} />
        <TextField
          name="regionIncomeKr"
          label="Regionens gennemsnitlige bruttoindkomst (kr.)"
          hint="Bruges til indkomstkriteriet på de nationale lister"
          value={v.regionIncomeKr}
          error={errors.regionIncomeKr}
          inputmode="numeric"
          width="s"
        />
        <TextField
          name="nationalConvictionRate"
          label="Landsgennemsnit for dømte (%)"
          hint="Fx 0,95 – bruges, når grænsen er et multiplum af landsgennemsnittet"
          value={v.nationalConvictionRate}
          error={errors.nationalConvictionRate}
          inputmode="decimal"
          width="s"
        />
        <div class="form-group" id="kf-upload-progress-group" hidden>
          <label class="form-label" for="kf-upload-progress">
            Sender filen …
          </label>
          <progress id="kf-upload-progress" class="kf-progress" max="100" value="0">
            0 %
          </progress>
        </div>
        <Button type="submit">Indlæs til gennemsyn</Button>
      </Form>
      <h2>Indlæsninger</h2>
      <Table
        caption="Indlæste filer (proveniens)"
        columns={[
          { key: 'year', label: 'År' },
          { key: 'file', label: 'Fil' },
          { key: 'by', label: 'Indlæst af' },
          { key: 'at', label: 'Tidspunkt' },
          { key: 'status', label: 'Status' },
          { key: 'rows', label: 'Rækker', numeric: true },
          { key: 'errors', label: 'Fejl', numeric: true },
        ]}
        rows={imports.map((i) => ({
          year: String(i.year),
          file: <a href={kfPaths.importPreview(i.id)}>{i.fileName}</a>,
          by: i.uploadedBy,
          at: formatDateTime(i.importedAt ?? i.uploadedAt),
          status: statusDa[i.status],
          rows: formatNumber(i.rowCount),
          errors: formatNumber(i.errorCount),
        }))}
        empty="Der er ikke indlæst nogen filer endnu."
      />
    </>,
  );
}

/** POST /noegletal/import — a file or pasted CSV text → preview. */
export async function uploadForm(c: Context<AppEnv>) {
  const body = await c.req.parseBody();
  const values: FormValues = {};
  for (const k of ['year', 'content', 'regionIncomeKr', 'nationalConvictionRate'])
    if (typeof body[k] === 'string') values[k] = (body[k] as string).trim();
  const errors: FormErrors = {};
  const year = /^\d{4}$/.test(values.year ?? '') ? Number(values.year) : NaN;
  if (Number.isNaN(year)) errors.year = 'Skriv året med fire cifre, fx 2024.';
  const income = (values.regionIncomeKr ?? '').replace(/[.\s]/g, '');
  if (income !== '' && !/^\d{1,9}$/.test(income)) errors.regionIncomeKr = 'Skriv beløbet i hele kroner, fx 350000.';
  const rate = (values.nationalConvictionRate ?? '').replace(',', '.');
  const file = body.file;
  let fileName = '';
  let data: Uint8Array | string = '';
  if (file instanceof File && file.size > 0) {
    fileName = file.name || 'statistik';
    data = new Uint8Array(await file.arrayBuffer());
  } else if ((values.content ?? '') !== '') {
    fileName = 'indsat tekst.csv';
    data = values.content!;
  } else errors.file = 'Vælg en fil (CSV eller Excel), eller indsæt CSV-tekst.';
  if (Object.keys(errors).length) return importPage(c, { values, errors, status: 400 });
  try {
    const id = await uploadStatistics(c.get('ctx'), {
      year,
      fileName,
      data,
      regionIncomeKr: income === '' ? null : Number(income),
      nationalConvictionRate: rate === '' ? null : rate,
    });
    return c.redirect(kfPaths.importPreview(id), 303);
  } catch (e) {
    if (e instanceof Invalid) return importPage(c, { values, errors: e.fields, status: 400 });
    throw e;
  }
}

const PREVIEW_ROWS = 100;

/** /noegletal/import/:id — the preview: every row error in Danish, the rows, and the save button (R18). */
export async function previewPage(c: Context<AppEnv>, id: number, state: { errors?: FormErrors; status?: 200 | 400 } = {}) {
  const imp: ImportDetail = await getImport(c.get('ctx'), id);
  const total = imp.rowCount + imp.errorCount;
  const title = `${imp.fileName} (${imp.year})`;
  const shown = VARIABLE_COLUMNS.slice(0, 4);
  const errors = state.errors ?? {};
  return page(
    c,
    {
      title,
      breadcrumbs: [...crumbs, { label: 'Indlæs statistik', href: kfPaths.imports() }, { label: imp.fileName }],
      status: state.status,
      head: importHead(),
    },
    <>
      <h1>{title}</h1>
      <Steps step={imp.status === 'imported' ? 3 : 2} />
      <ErrorSummary
        errors={Object.entries(errors).map(([field, message]) => ({ field: field === 'file' ? 'kf-confirm' : field, message }))}
      />
      <ul>
        <li>Status: {statusDa[imp.status]}</li>
        <li>
          Indlæst af {imp.uploadedBy} {formatDateTime(imp.uploadedAt)}
          {imp.importedAt ? `, gemt ${formatDateTime(imp.importedAt)}` : ''}
        </li>
        <li>
          Hele kommunen (sammenligningsgrundlaget):{' '}
          {imp.municipality
            ? `${formatNumber(imp.municipality.residents)} beboere`
            : 'ingen række – områderne sammenlignes med summen af afdelingerne'}
        </li>
        <li>Regionens gennemsnitlige bruttoindkomst: {imp.regionIncomeOre ? formatKrWhole(imp.regionIncomeOre) : 'ikke oplyst'}</li>
        <li>
          Landsgennemsnit for dømte: {imp.nationalConvictionRate ? `${imp.nationalConvictionRate.replace('.', ',')} %` : 'ikke oplyst'}
        </li>
      </ul>
      <div class="form-group">
        <label class="form-label" for="kf-valid">
          {formatNumber(imp.rowCount)} af {formatNumber(total)} rækker er gyldige
        </label>
        <progress id="kf-valid" class="kf-progress" max={String(Math.max(total, 1))} value={String(imp.rowCount)}>
          {imp.rowCount} af {total}
        </progress>
      </div>
      {imp.errorCount > 0 && (
        <>
          <Alert kind="error" heading={`Filen har ${imp.errorCount} fejl – intet kan gemmes`}>
            <p>Ret fejlene i filen, og indlæs den igen. Statistikken gemmes kun, når alle rækker er gyldige.</p>
          </Alert>
          <Table
            id="kf-row-errors"
            caption="Fejl pr. række"
            columns={[
              { key: 'line', label: 'Linje', numeric: true },
              { key: 'message', label: 'Fejl' },
            ]}
            rows={imp.errors.map((e) => ({ line: String(e.line), message: e.message }))}
          />
        </>
      )}
      {imp.status === 'preview' && imp.replacement && (
        <Alert kind="warning" heading={`Statistikken for ${imp.year} findes allerede`} id="kf-replaces">
          <p>
            {keyfigureReplacementText(imp.replacement)}
            {imp.replaces &&
              ` Tallene kommer fra ${imp.replaces.fileName} (gemt ${formatDateTime(imp.replaces.importedAt ?? imp.replaces.uploadedAt)} af ${imp.replaces.uploadedBy}).`}
          </p>
          <Table
            caption={`Det, der erstattes (${imp.year})`}
            compact
            columns={[
              { key: 'what', label: '' },
              { key: 'estates', label: 'Afdelinger', numeric: true },
              { key: 'residents', label: 'Beboere', numeric: true },
            ]}
            rows={[
              {
                what: 'Nu',
                estates: formatNumber(imp.replacement.before.estates),
                residents: formatNumber(imp.replacement.before.residents),
              },
              {
                what: 'Efter gemningen',
                estates: formatNumber(imp.replacement.after.estates),
                residents: formatNumber(imp.replacement.after.residents),
              },
            ]}
          />
        </Alert>
      )}
      {imp.status === 'imported' && (
        <Alert kind="success" heading="Statistikken er gemt">
          <p>
            <a href={kfPaths.map({ aar: imp.year })}>Se kortet for {imp.year}</a> ·{' '}
            <a href={kfPaths.overview({ aar: imp.year })}>Se indikatorerne</a>
          </p>
        </Alert>
      )}
      {imp.status === 'preview' && (
        <div class="kf-actions">
          {imp.errorCount === 0 && (
            <Form action={kfPaths.importConfirm(imp.id)} csrfToken={c.get('csrfToken')} id="kf-confirm-form">
              <HiddenField name="version" value={String(imp.version)} />
              {imp.replacement && (
                <ChoiceGroup
                  name="confirmReplace"
                  type="checkbox"
                  label="Bekræft erstatningen"
                  options={[{ value: 'yes', label: `Erstat alle tal for ${imp.year}` }]}
                  values={[]}
                  error={errors.confirmReplace}
                />
              )}
              <button type="submit" class="button button-primary" id="kf-confirm">
                Gem statistikken for {imp.year}
              </button>
            </Form>
          )}
          <Form action={kfPaths.importDiscard(imp.id)} csrfToken={c.get('csrfToken')}>
            <HiddenField name="version" value={String(imp.version)} />
            <Button type="submit" variant="secondary">
              Kassér filen
            </Button>
          </Form>
        </div>
      )}
      {imp.rows.length > 0 && (
        <Table
          caption={`Gyldige rækker${imp.rows.length > PREVIEW_ROWS ? ` (de første ${PREVIEW_ROWS})` : ''}`}
          columns={[
            { key: 'line', label: 'Linje', numeric: true },
            { key: 'estate', label: 'Afdeling' },
            { key: 'residents', label: 'Beboere', numeric: true },
            ...shown.map((s) => ({ key: s.variable, label: `${s.numerator} / ${s.denominator}`, numeric: true })),
          ]}
          rows={imp.rows.slice(0, PREVIEW_ROWS).map((r) => ({
            line: String(r.line),
            estate: r.estateLabel,
            residents: formatNumber(r.residents),
            ...Object.fromEntries(
              shown.map((s) => [
                s.variable,
                r.ratios[s.variable]
                  ? `${formatNumber(r.ratios[s.variable]!.numerator)} / ${formatNumber(r.ratios[s.variable]!.denominator)}`
                  : '—',
              ]),
            ),
          }))}
        />
      )}
    </>,
  );
}

export async function confirmForm(c: Context<AppEnv>, id: number) {
  const body = await c.req.parseBody();
  const version = Number(body.version);
  try {
    const r = await confirmImport(c.get('ctx'), id, Number.isInteger(version) ? version : 0, {
      confirmReplace: body.confirmReplace === 'yes',
    });
    flash(c, `Statistikken for ${r.year} er gemt (${r.rows} afdelinger).`);
    return c.redirect(kfPaths.map({ aar: r.year }), 303);
  } catch (e) {
    if (e instanceof Invalid) return previewPage(c, id, { errors: e.fields, status: 400 });
    if (e instanceof KeyfigureReplaceNotConfirmed)
      return previewPage(c, id, { errors: { confirmReplace: 'Bekræft, at årets tal skal erstattes; intet er gemt.' }, status: 400 });
    throw e;
  }
}

export async function discardForm(c: Context<AppEnv>, id: number) {
  const body = await c.req.parseBody();
  await discardImport(c.get('ctx'), id, Number(body.version) || 0);
  flash(c, 'Filen er kasseret; intet er gemt.');
  return c.redirect(kfPaths.imports(), 303);
}

/** The template as CSV: the headers and one row per registry estate, the figures left empty. */
export function templateCsv(estates: readonly { organisation: string; number: number; name: string }[]): string {
  const cell = (x: string) => (/[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
  const empty = ','.repeat(TEMPLATE_HEADERS.length - 3);
  return `\uFEFF${[TEMPLATE_HEADERS.join(','), ...estates.map((e) => `${cell(e.organisation)},${e.number},${cell(e.name)}${empty}`)].join('\r\n')}\r\n`;
}
