import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { localGroupsOfPlan } from '../../services/governance/bodies.ts';
import { Table } from '../components/index.ts';
import { period, when } from './parts.tsx';
import { govPaths } from './paths.ts';

const rhythm = (min: number | null, max: number | null) =>
  min ? `${min}${max && max !== min ? `–${max}` : ''} møder om året` : 'Ikke fastsat';

/**
 * R14 — on the plan page: the local steering/follow-up groups the housing organisations have formed for the plan, their
 * rhythm and next meeting, and (for the plan's organisations and the secretariat) a link to form one.
 */
export async function planLocalGroupsSection(c: Context<AppEnv>, planId: number) {
  const g = await localGroupsOfPlan(c.get('ctx'), planId);
  if (!g.groups.length && !g.mayCreate) return null;
  return (
    <section aria-labelledby="local-groups" id="local-groups-section">
      <h2 id="local-groups">Lokale styre- og følgegrupper</h2>
      <Table
        caption="Grupper, der følger planen"
        columns={[
          { key: 'name', label: 'Gruppe' },
          { key: 'period', label: 'Periode' },
          { key: 'rhythm', label: 'Mødefrekvens' },
          { key: 'next', label: 'Næste møde' },
        ]}
        rows={g.groups.map((x) => ({
          name: <a href={govPaths.body(x.id)}>{x.name}</a>,
          period: period(x.validFrom, x.validTo),
          rhythm: rhythm(x.minPerYear, x.maxPerYear),
          next: x.nextMeeting ? when(x.nextMeeting) : '—',
        }))}
        empty="Boligorganisationerne har ikke oprettet en lokal styre- eller følgegruppe for planen."
      />
      {g.mayCreate && (
        <p>
          <a class="button button-secondary" href={`${govPaths.newBody()}?plan=${planId}`}>
            Opret en lokal styre- eller følgegruppe
          </a>
        </p>
      )}
    </section>
  );
}
