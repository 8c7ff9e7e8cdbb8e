import type { Context } from 'hono';
import { withoutRuleCodes } from '../../domain/text.ts';
import { bodyTypes } from '../../domain/governance/labels.ts';
import { can } from '../../policy/index.ts';
import { today as todayIn } from '../../services/context.ts';
import { allBodies, structureOn } from '../../services/governance/bodies.ts';
import { myMeetings } from '../../services/governance/meetings.ts';
import { portfolioOn } from '../../services/governance/portfolio.ts';
import { Alert, FilterBar, Table, TextField } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDate } from '../format.ts';
import { home, page } from '../render.tsx';
import { MemberTable, period, typeLabel, when } from './parts.tsx';
import { govPaths } from './paths.ts';
import { isCalendarDate } from '../../contracts/fields.ts';

const crumbs = [home, { label: 'Styring', href: govPaths.home() }];

/** /styring — the bodies in office today, the user's next meetings, and the structure's history. */
export async function governanceHome(c: Context<AppEnv>) {
  const ctx = c.get('ctx');
  const today = todayIn(ctx);
  const [bodies, history, mine] = await Promise.all([structureOn(ctx, today), allBodies(ctx), myMeetings(ctx)]);
  const central = can(c.get('actor'), 'create', { type: 'body', memberUserIds: [] });
  return page(
    c,
    { title: 'Styring', breadcrumbs: [home, { label: 'Styring' }] },
    <>
      <h1>Styring: bestyrelser, medlemmer og møder</h1>
      <p class="font-lead">
        Hvem der sidder hvor og på hvis vegne, hvilke planer hvert organ svarer for, og møderne med dagsordener, bilag og referater.
      </p>
      {mine.length > 0 && (
        <Alert kind="info" heading="Dine næste møder">
          <ul>
            {mine.map((m) => (
              <li>
                <a href={govPaths.meeting(m.id)}>
                  {m.body_name}, {when(m.starts_at)}
                </a>
                {m.place ? `, ${m.place}` : ''}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <p>
        <a class="button button-secondary" href={govPaths.structure(today)}>
          Se strukturen på en dato
        </a>{' '}
        {central && (
          <>
            <a class="button button-secondary" href={govPaths.desk()}>
              Sekretariatets skrivebord
            </a>{' '}
            <a class="button button-primary" href={govPaths.newBody()}>
              Opret organ
            </a>
          </>
        )}
      </p>
      <h2>Organer i dag ({formatDate(today)})</h2>
      <Table
        caption="Organer i den gældende struktur"
        columns={[
          { key: 'name', label: 'Organ' },
          { key: 'type', label: 'Type' },
          { key: 'districts', label: 'Bydele' },
          { key: 'members', label: 'Medlemmer', numeric: true },
        ]}
        rows={bodies.map((b) => ({
          name: <a href={govPaths.body(b.id)}>{b.name}</a>,
          type: typeLabel(b.type),
          districts: b.districts.map((d) => d.name).join(', ') || '—',
          members: String(b.members.length),
        }))}
        empty="Ingen organer i dag."
      />
      <h2>Strukturens historik</h2>
      <Table
        caption="Alle organer, nyeste først"
        columns={[
          { key: 'name', label: 'Organ' },
          { key: 'type', label: 'Type' },
          { key: 'period', label: 'Periode' },
        ]}
        rows={history.map((b) => ({
          name: <a href={govPaths.body(b.id)}>{b.name}</a>,
          type: typeLabel(b.type),
          period: period(b.validFrom, b.validTo),
        }))}
      />
    </>,
  );
}

/** R16 — /styring/struktur?dato=… : the structure in force on a day (the six fora in 2015, the boards from 2016). */
export async function structurePage(c: Context<AppEnv>) {
  const ctx = c.get('ctx');
  const raw = c.req.query('dato') ?? '';
  const valid = isCalendarDate(raw);
  const on = valid ? raw : todayIn(ctx);
  const [bodies, portfolio] = await Promise.all([structureOn(ctx, on), portfolioOn(ctx, on)]);
  const byType = bodyTypes.map((t) => ({ type: t, bodies: bodies.filter((b) => b.type === t) })).filter((g) => g.bodies.length);
  return page(
    c,
    { title: `Strukturen ${formatDate(on)}`, breadcrumbs: [...crumbs, { label: 'Struktur' }], status: raw && !valid ? 400 : 200 },
    <>
      <h1>Styringsstrukturen {formatDate(on)}</h1>
      <FilterBar action={govPaths.structure()} label="Vis">
        <TextField
          name="dato"
          label="Dato"
          type="date"
          value={on}
          error={raw && !valid ? 'Skriv datoen som dd.mm.åååå.' : undefined}
          required
        />
      </FilterBar>
      <section aria-labelledby="portfolio">
        <h2 id="portfolio">Helhedsplanerne {formatDate(on)}</h2>
        {portfolio.fact ? (
          <p id="portfolio-fact">
            Offentligt oplyst pr. {formatDate(portfolio.fact.on)}: <strong>{portfolio.fact.plans} boligsociale helhedsplaner</strong>, heraf{' '}
            <strong>{portfolio.fact.coFinanced} medfinansieret</strong> af kommunens pulje.{' '}
            <span class="small-text">Kilde: {portfolio.fact.source}</span>
          </p>
        ) : (
          <p>Der er ingen offentlige tal for porteføljen på eller før denne dato.</p>
        )}
        <Table
          caption={`Planer registreret i Helhed, der kørte ${formatDate(on)}`}
          columns={[
            { key: 'name', label: 'Plan' },
            { key: 'period', label: 'Periode' },
            { key: 'pool', label: 'Medfinansieret af puljen' },
          ]}
          rows={portfolio.plans.map((p) => ({
            name: (
              <>
                <a href={`/planer/${p.id}`}>{p.name}</a>
                {p.isDemo && ' (demo)'}
              </>
            ),
            period: period(p.startsOn, p.endsOn),
            pool: p.coFinanced ? 'Ja' : 'Nej',
          }))}
          empty="Ingen registrerede planer kørte på denne dato."
        />
      </section>
      {byType.length === 0 && <p>Der var ingen organer registreret på denne dato.</p>}
      {byType.map((g) => (
        <section>
          <h2>
            {typeLabel(g.type)} ({g.bodies.length})
          </h2>
          {g.bodies.map((b) => (
            <article class="mb-6">
              <h3>
                <a href={govPaths.body(b.id)}>{b.name}</a>
              </h3>
              <p>
                {period(b.validFrom, b.validTo)}
                {b.districts.length > 0 && <> · Bydele: {b.districts.map((d) => d.name).join(', ')}</>}
                {b.urbanAreas.length > 0 && <> · Byområder: {b.urbanAreas.join(', ')}</>}
              </p>
              <p>{withoutRuleCodes(b.description)}</p>
              {b.members.length > 0 && <MemberTable caption={`Medlemmer af ${b.name} ${formatDate(on)}`} members={b.members} />}
            </article>
          ))}
        </section>
      ))}
    </>,
  );
}
