import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { Invalid } from '../errors.ts';
import { roleLabels } from '../policy/actor.ts';
import { workbookBuffer, xlsxType } from '../services/excel.ts';
import { erasePerson, type PersonKey, personData, personSheets, searchPersons } from '../services/persons.ts';
import { Alert, Button, ErrorSummary, FilterBar, Form, HiddenField, Table, TextField } from './components/index.ts';
import { formatDate, formatDateTime } from './format.ts';
import { readForm } from './forms.ts';
import { withQuery } from './paths.ts';
import { flash, home, page } from './render.tsx';

const base = '/admin/personer';
export const personPaths = {
  search: (q?: string) => withQuery(base, { q }),
  person: (k: PersonKey, format?: 'json' | 'xlsx') => withQuery(`${base}/vis`, { email: k.email, navn: k.name, format }),
  erase: () => `${base}/slet`,
};

const keyOf = (c: Context<AppEnv>): PersonKey => ({ email: (c.req.query('email') ?? '').trim(), name: (c.req.query('navn') ?? '').trim() });
const crumbs = [home, { label: 'Administration', href: '/admin' }, { label: 'En persons oplysninger', href: base }];
const fileName = (k: PersonKey) => `persondata-${(k.email || k.name).replace(/[^\w.@-]+/g, '_').slice(0, 60)}`;

/** The administrator's pages for a person's data: search, see, export (JSON, Excel), erase or pseudonymise. */
export function personPages() {
  const r = new Hono<AppEnv>();

  r.get('/', async (c) => {
    const q = c.req.query('q') ?? '';
    const hits = await searchPersons(c.get('ctx'), q);
    return page(
      c,
      {
        title: 'En persons oplysninger',
        breadcrumbs: [home, { label: 'Administration', href: '/admin' }, { label: 'En persons oplysninger' }],
      },
      <>
        <h1>En persons oplysninger</h1>
        <p class="font-lead">
          Find alt, hvad Helhed har om en person — som bruger, projektleder, bestyrelsesmedlem eller kontaktperson i en beredskabsplan — for
          at give indsigt, eksportere eller slette.
        </p>
        <FilterBar action={base} label="Søg">
          <TextField name="q" label="Navn, e-mail eller telefon" type="search" value={q} />
        </FilterBar>
        {q.trim().length >= 2 &&
          (hits.length ? (
            <Table
              caption={`Personer der matcher "${q}"`}
              columns={[
                { key: 'name', label: 'Navn' },
                { key: 'email', label: 'E-mail' },
                { key: 'kinds', label: 'Findes som' },
              ]}
              rows={hits.map((h) => ({
                name: <a href={personPaths.person(h)}>{h.name || h.email}</a>,
                email: h.email,
                kinds: h.kinds.join(', '),
              }))}
            />
          ) : (
            <Alert kind="info">
              <p>Ingen personer matcher "{q}".</p>
            </Alert>
          ))}
      </>,
    );
  });

  const personPage = async (c: Context<AppEnv>, key: PersonKey, error?: string) => {
    const d = await personData(c.get('ctx'), key);
    const format = c.req.query('format');
    if (format === 'json') {
      c.header('Content-Disposition', `attachment; filename="${fileName(key)}.json"`);
      return c.json(d);
    }
    if (format === 'xlsx') {
      c.header('Content-Disposition', `attachment; filename="${fileName(key)}.xlsx"`);
      c.header('Content-Type', xlsxType);
      return c.body(new Uint8Array(await workbookBuffer(personSheets(d))));
    }
    const title = key.name || key.email;
    const nothing = !d.users.length && !d.bodyMembers.length && !d.contingencyContacts.length;
    return page(
      c,
      { title: `Oplysninger om ${title}`, breadcrumbs: [...crumbs, { label: title }], status: error ? 400 : 200 },
      <>
        <h1>Oplysninger om {title}</h1>
        {error && <ErrorSummary errors={[{ field: 'confirm', message: error }]} />}
        <p>
          Fundet på e-mail {key.email ? <strong>{key.email}</strong> : '(ingen)'} og navn{' '}
          {key.name ? <strong>{key.name}</strong> : '(intet)'}. Visningen af kontaktpersoners oplysninger er logget.
        </p>
        <p>
          <a class="button button-secondary" href={personPaths.person(key, 'json')}>
            Eksportér som JSON
          </a>{' '}
          <a class="button button-secondary" href={personPaths.person(key, 'xlsx')}>
            Eksportér som Excel
          </a>
        </p>
        <h2>Brugere</h2>
        <Table
          caption="Brugere"
          empty="Personen er ikke bruger af Helhed."
          columns={[
            { key: 'name', label: 'Navn' },
            { key: 'email', label: 'E-mail' },
            { key: 'grants', label: 'Roller' },
            { key: 'signin', label: 'Log ind' },
            { key: 'other', label: 'Andet' },
          ]}
          rows={d.users.map((u) => ({
            name: `${u.name}${u.disabled ? ' (spærret)' : ''}`,
            email: u.email,
            grants: u.grants.length
              ? u.grants.map((g) => [roleLabels[g.role], g.administration, g.planName].filter(Boolean).join(' ')).join('; ')
              : u.pendingApproval
                ? 'Afventer godkendelse'
                : 'Ingen',
            signin: [
              ...u.identities.map((i) => `${i.provider} (senest ${i.lastLoginAt ? formatDateTime(i.lastLoginAt) : 'aldrig'})`),
              `${u.sessions} aktive sessioner`,
            ].join('; '),
            other: `Oprettet ${formatDate(u.createdAt)}; ${u.apiTokens.length} API-nøgler; ${u.notifications.length} beskeder; ${u.actedInAudit} handlinger i historikken`,
          }))}
        />
        <h2>Bestyrelser og udvalg</h2>
        <Table
          caption="Bestyrelsesposter"
          empty="Personen er ikke medlem af en bestyrelse eller et udvalg."
          columns={[
            { key: 'body', label: 'Bestyrelse/udvalg' },
            { key: 'name', label: 'Navn' },
            { key: 'email', label: 'E-mail' },
            { key: 'role', label: 'Rolle' },
            { key: 'period', label: 'Periode' },
          ]}
          rows={d.bodyMembers.map((m) => ({
            body: m.bodyName,
            name: m.personName,
            email: m.email,
            role: m.role,
            period: `${formatDate(m.startsOn)}–${m.endsOn ? formatDate(m.endsOn) : ''}`,
          }))}
        />
        <h2>Kontaktperson i beredskabsplaner</h2>
        <Table
          caption="Kontaktpersoner"
          empty="Personen er ikke kontaktperson i en beredskabsplan."
          columns={[
            { key: 'plan', label: 'Plan' },
            { key: 'role', label: 'Rolle' },
            { key: 'name', label: 'Navn' },
            { key: 'phone', label: 'Telefon' },
            { key: 'email', label: 'E-mail' },
          ]}
          rows={d.contingencyContacts.map((x) => ({
            plan: x.planName,
            role: `${x.role}${x.organisation ? `, ${x.organisation}` : ''}`,
            name: x.name,
            phone: x.phone,
            email: x.email,
          }))}
        />
        {!nothing && (
          <>
            <h2>Slet eller pseudonymisér</h2>
            <Alert kind="warning" heading="Det kan ikke fortrydes">
              <p>
                Kontaktpersoners navn, telefon og e-mail slettes. Bestyrelsesmedlemmer og brugere pseudonymiseres, fordi bestyrelsernes
                sammensætning og hvem der gjorde hvad skal bevares; brugeren spærres, og sessioner, API-nøgler, roller og beskeder slettes.
                Værdierne fjernes også fra historikken, som kun beholder, at der er slettet. Indsendte årsrapporter bevares uændret.
              </p>
            </Alert>
            <Form action={personPaths.erase()} csrfToken={c.get('csrfToken')}>
              <HiddenField name="email" value={key.email} />
              <HiddenField name="navn" value={key.name} />
              <TextField name="confirm" label={`Skriv SLET for at bekræfte`} error={error} required />
              <Button type="submit" variant="warning">
                Slet og pseudonymisér
              </Button>
            </Form>
          </>
        )}
      </>,
    );
  };

  r.get('/vis', (c) => personPage(c, keyOf(c)));
  r.post('/slet', async (c) => {
    const v = await readForm(c);
    const key = { email: (v.email ?? '').trim(), name: (v.navn ?? '').trim() };
    if ((v.confirm ?? '').trim().toUpperCase() !== 'SLET') return personPage(c, key, 'Skriv SLET for at bekræfte sletningen.');
    try {
      const done = await erasePerson(c.get('ctx'), key);
      flash(
        c,
        `Oplysningerne er slettet eller pseudonymiseret: ${done.users} brugere, ${done.bodyMembers} bestyrelsesposter, ${done.contacts} kontaktpersoner.`,
      );
    } catch (err) {
      if (err instanceof Invalid) return personPage(c, key, Object.values(err.fields)[0] ?? err.message);
      throw err;
    }
    return c.redirect(personPaths.search(), 303);
  });
  return r;
}
