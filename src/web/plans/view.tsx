import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import {
  actionLabels,
  actionsFrom,
  approvalChains,
  chainOf,
  checkTransition,
  isFrozen,
  nextApprovalStep,
  type PlanAction,
  stateLabels,
} from '../../domain/plan-lifecycle.ts';
import { progressRuleText } from '../../domain/plan-rules.ts';
import { administrationLabels, can } from '../../policy/index.ts';
import { getPlan, type PlanDetail } from '../../services/plans/read.ts';
import { transitionChecks } from '../../services/plans/write.ts';
import { Alert, Table, Tag } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatDateTime, formatKr, formatNumber } from '../format.ts';
import { paths } from '../paths.ts';
import { home, page } from '../render.tsx';
import { SummaryList } from '../registry/shared.tsx';
import { IndicatorChart, progressTag, stateTag } from './parts.tsx';
import { planPaths } from './paths.ts';

const partLabels: Record<string, string> = { responsible: 'Ansvarlig', carries_out: 'Udfører', contributes: 'Bidrager' };
export const partyName = (x: { kind: string; name: string; administration: string | null }) =>
  x.kind === 'administration' && x.administration
    ? ((administrationLabels as Record<string, string>)[x.administration] ?? x.administration)
    : x.name;

/** R3 — the responsibilities matrix: parties × activities. */
function ResponsibilityMatrix({ plan }: { plan: PlanDetail }) {
  const activities = plan.subAgreements.flatMap((s) => s.activities);
  const parties = [...new Set(activities.flatMap((a) => a.parties.map(partyName)))].sort((a, b) => a.localeCompare(b, 'da'));
  if (!activities.length) return <p>Ingen aktiviteter endnu.</p>;
  return (
    <Table
      caption="Ansvarsfordeling: parter × aktiviteter"
      compact
      columns={[{ key: 'party', label: 'Part' }, ...activities.map((a) => ({ key: `a${a.id}`, label: a.title }))]}
      rows={parties.map((p) => ({
        party: p,
        ...Object.fromEntries(
          activities.map((a) => [
            `a${a.id}`,
            a.parties
              .filter((x) => partyName(x) === p)
              .map((x) => partLabels[x.part])
              .join(', ') || '—',
          ]),
        ),
      }))}
    />
  );
}

export async function planViewPage(c: Context<AppEnv>, id: number) {
  const ctx = c.get('ctx');
  const actor = c.get('actor');
  // The areas' sections read in parallel with the plan (each checks its own access); the plan's own answer
  // (not found, no access) comes first.
  const [planResult, sectionsResult] = await Promise.allSettled([
    getPlan(ctx, id),
    Promise.all(c.get('parts').planSections.map((s) => s(c, id))),
  ]);
  if (planResult.status === 'rejected') throw planResult.reason;
  if (sectionsResult.status === 'rejected') throw sectionsResult.reason;
  const plan = planResult.value;
  const sections = sectionsResult.value;
  const subject = { type: 'plan' as const, id, state: plan.state, partyOrganisationIds: plan.partyOrganisations.map((o) => o.id) };
  const mayEdit = !isFrozen(plan.state) && can(actor, 'update', subject);
  const actions = actionsFrom(plan.state).filter((a) => can(actor, a, subject));
  const facts = actions.length ? await transitionChecks(ctx, id) : null;
  const blockers = (a: PlanAction) =>
    facts
      ? checkTransition(facts, a, {
          decisionDate: '2000-01-01',
          caseNumber: 'x',
          note: 'x',
          amountOre: 1,
          stepKey: a === 'recordApprovalStep' ? nextApprovalStep(facts)?.key : undefined,
        }).violations.filter(
          (v) =>
            !['date', 'date_order', 'date_future', 'reference', 'reason', 'amount', 'amount_mismatch', 'unknown_step'].includes(v.code),
        )
      : [];
  // R17 — with the facts, the chain includes the steps other areas add (the area's cooperation contract).
  const chain = facts ? chainOf(facts) : approvalChains[plan.approvalChain];
  const doneElsewhere = new Set(facts?.recordedSteps ?? []);
  const recorded = new Map(plan.transitions.filter((t) => t.stepKey).map((t) => [t.stepKey!, t]));
  const mayMeasure = can(actor, 'recordMeasurement', subject);

  return page(
    c,
    { title: plan.name, breadcrumbs: [home, { label: 'Planer', href: planPaths.list() }, { label: plan.name }] },
    <>
      <h1>{plan.name}</h1>
      <p>
        {stateTag(plan.state)} {plan.currentVersion > 0 && <Tag kind="info">Version {plan.currentVersion}</Tag>}{' '}
        {plan.isDemo && <Tag kind="warning">Demodata</Tag>}
      </p>
      {isFrozen(plan.state) && plan.currentVersion > 0 && (
        <Alert kind="info" heading="Planen er godkendt og låst">
          <p>
            Det godkendte indhold er frosset som version {plan.currentVersion}. Ændringer sker kun gennem en ændringsanmodning, som den
            kompetente bestyrelse beslutter.
          </p>
        </Alert>
      )}
      <SummaryList
        items={[
          ['Bydel', plan.district ? <a href={paths.district(plan.district.id)}>{plan.district.name}</a> : '—'],
          ['Bevillingsperiode', `${plan.period.code} (${plan.period.name})`],
          [
            'Periode',
            <>
              {formatDate(plan.startsOn)} – {formatDate(plan.endsOn)}
              {plan.periodNotes.explanations.map((x) => (
                <span class="form-hint" id="period-explanation">
                  {x}
                </span>
              ))}
              {plan.periodNotes.warnings.map((x) => (
                <span class="form-hint" id="period-warning">
                  Bemærk: {x}
                </span>
              ))}
            </>,
          ],
          ['Ansvarlig boligorganisation', plan.lead.shortName],
          ['Parter i bevillingen', plan.partyOrganisations.map((o) => o.shortName).join(', ') || '—'],
          ['Boligafdelinger', plan.estates.map((e) => e.name).join(', ') || '—'],
          [
            'Projektledere',
            <>
              {plan.projectLeaders.map((l) => l.name).join(', ') || '—'}{' '}
              {can(actor, 'manageProjectLeaders', subject) && <a href={planPaths.leaders(id)}>Udpeg projektledere</a>}
            </>,
          ],
          ['Godkendelsesforløb', chain?.label ?? plan.approvalChain],
          ['Tilsagn fra LBF', plan.grantReference ? `${plan.grantReference} (${formatDate(plan.grantDate)})` : '—'],
          ...(plan.sourceUrl ? ([['Offentlig kilde', <a href={plan.sourceUrl}>{plan.sourceUrl}</a>]] as [string, Child][]) : []),
          ...(plan.publicFacts ? ([['Offentlige fakta', plan.publicFacts]] as [string, Child][]) : []),
        ]}
      />
      <p>
        {mayEdit && (
          <a class="button button-secondary" href={planPaths.edit(id)}>
            Rediger stamdata
          </a>
        )}{' '}
        <a class="button button-tertiary" href={planPaths.pdf(id)}>
          Hent som PDF
        </a>{' '}
        <a class="button button-tertiary" href={planPaths.excel(id)}>
          Hent mål og aktiviteter (Excel)
        </a>
      </p>

      {sections}
      {actions.length > 0 && (
        <section aria-labelledby="next-steps">
          <h2 id="next-steps">Næste skridt</h2>
          <ul class="nobullet-list">
            {actions.map((a) => {
              const why = blockers(a);
              return (
                <li>
                  <a
                    class={`button ${a === 'withdraw' || a === 'reject' ? 'button-tertiary' : 'button-primary'}`}
                    href={planPaths.action(id, a)}
                  >
                    {actionLabels[a]}
                  </a>
                  {why.length > 0 && (
                    <ul class="form-hint">
                      {why.map((v) => (
                        <li>{v.message}</li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {plan.problemDescription && (
        <>
          <h2>Problembeskrivelse</h2>
          <p class="pre-wrap">{plan.problemDescription}</p>
        </>
      )}

      <h2>Strategisk samarbejdsaftale</h2>
      {mayEdit && (
        <p>
          <a class="button button-secondary" href={planPaths.strategy(id)}>
            Rediger udfordringer, mål og succeskriterier
          </a>
        </p>
      )}
      {plan.challenges.length > 0 && (
        <>
          <h3>Udfordringer</h3>
          <ul>
            {plan.challenges.map((ch) => (
              <li>
                <strong>{ch.title}</strong> {ch.description}
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.goals.length === 0 ? (
        <p>Ingen mål endnu.</p>
      ) : (
        plan.goals.map((g) => (
          <section class="goal">
            <h3>Mål: {g.title}</h3>
            {g.description && <p>{g.description}</p>}
            {g.criteria.map((cr) => (
              <div class="criterion">
                <h4>
                  {cr.indicatorName} {progressTag(cr.status)}
                </h4>
                <SummaryList
                  items={[
                    [
                      'Baseline',
                      `${formatNumber(cr.baselineValue, 1)} ${cr.unit} (${formatDate(cr.baselineDate)}${cr.baselineSource ? `, ${cr.baselineSource}` : ''})`,
                    ],
                    [
                      'Mål',
                      `${formatNumber(cr.targetValue, 1)} ${cr.unit} (${formatDate(cr.targetDate)}) — skal ${cr.direction === 'increase' ? 'stige' : 'falde'}`,
                    ],
                    [
                      'Seneste måling',
                      cr.measurements.at(-1)
                        ? `${formatNumber(cr.measurements.at(-1)!.value, 1)} ${cr.unit} (${formatDate(cr.measurements.at(-1)!.measuredOn)})`
                        : '—',
                    ],
                    ['Forventet nu', cr.expected === null ? '—' : `${formatNumber(cr.expected, 1)} ${cr.unit}`],
                  ]}
                />
                <IndicatorChart {...cr} label={cr.indicatorName} />
                {mayMeasure && (
                  <p>
                    <a href={planPaths.measurements(id, cr.id)}>Registrér måling for {cr.indicatorName}</a>
                  </p>
                )}
              </div>
            ))}
          </section>
        ))
      )}
      <details class="details">
        <summary class="details-summary">
          <span class="details-summary-text">Sådan beregnes status</span>
        </summary>
        <div class="details-text">
          <p>{progressRuleText}</p>
        </div>
      </details>

      <h2>Delaftaler</h2>
      {mayEdit && (
        <p>
          <a class="button button-secondary" href={planPaths.subAgreements(id)}>
            Rediger delaftaler og aktiviteter
          </a>
        </p>
      )}
      {plan.subAgreements.length === 0 && <p>Ingen delaftaler endnu.</p>}
      {plan.subAgreements.map((s) => (
        <section>
          <h3>Delaftale: {s.focusArea}</h3>
          {s.summary && <p>{s.summary}</p>}
          <Table
            caption={`Aktiviteter under ${s.focusArea}`}
            columns={[
              { key: 'title', label: 'Aktivitet' },
              { key: 'group', label: 'Målgruppe' },
              { key: 'period', label: 'Periode' },
              { key: 'parties', label: 'Parter' },
            ]}
            rows={s.activities.map((a) => ({
              title: (
                <>
                  <strong>{a.title}</strong>
                  <br />
                  {a.description}
                </>
              ),
              group: a.targetGroup || '—',
              period: a.startsOn ? `${formatDate(a.startsOn)} – ${formatDate(a.endsOn)}` : '—',
              parties: a.parties.map((x) => `${partyName(x)} (${partLabels[x.part]?.toLowerCase()})`).join('; '),
            }))}
            empty="Ingen aktiviteter."
          />
        </section>
      ))}
      <h3>Ansvarsfordeling</h3>
      <ResponsibilityMatrix plan={plan} />

      <h2>Beredskabsplan</h2>
      {mayEdit ? (
        <p>
          <a class="button button-secondary" href={planPaths.contingency(id)}>
            Rediger beredskabsplanen
          </a>
        </p>
      ) : (
        can(actor, 'update', {
          type: 'planContacts',
          planId: id,
          state: plan.state,
          partyOrganisationIds: subject.partyOrganisationIds,
        }) && (
          <p>
            <a class="button button-secondary" href={planPaths.contingency(id)}>
              Hold kaldelisten ajour
            </a>
          </p>
        )
      )}
      {!plan.contingency ? (
        <p>Planen har ingen beredskabsplan endnu.</p>
      ) : (
        <>
          {plan.contingency.reviewWarning && (
            <Alert kind="warning" heading="Beredskabsplanen skal gennemgås">
              <p>{plan.contingency.reviewWarning}</p>
            </Alert>
          )}
          <SummaryList
            items={[
              ['Trin ved akut uro', <span class="pre-wrap">{plan.contingency.steps || '—'}</span>],
              ['Samarbejde med politiet', <span class="pre-wrap">{plan.contingency.policeCooperation || '—'}</span>],
              ['Sidst gennemgået', formatDate(plan.contingency.lastReviewed)],
            ]}
          />
          {plan.contingency.contacts ? (
            <Table
              caption="Kaldeliste ved akut uro"
              id="contingency-contacts"
              columns={[
                { key: 'order', label: 'Rækkefølge', numeric: true },
                { key: 'role', label: 'Rolle' },
                { key: 'org', label: 'Organisation' },
                { key: 'name', label: 'Navn' },
                { key: 'phone', label: 'Telefon' },
                { key: 'email', label: 'E-mail' },
              ]}
              rows={plan.contingency.contacts.map((k) => ({
                order: String(k.callOrder),
                role: k.role,
                org: k.organisation,
                name: k.name,
                phone: k.phone,
                email: k.email,
              }))}
              empty="Ingen på kaldelisten endnu."
            />
          ) : (
            <p class="form-hint" id="contacts-hidden">
              Kaldelistens kontaktoplysninger er personoplysninger og vises kun for brugere med en rolle i planen.
            </p>
          )}
        </>
      )}

      <h2>Forløb</h2>
      <Table
        caption="Planens godkendelser og skift"
        columns={[
          { key: 'when', label: 'Registreret' },
          { key: 'what', label: 'Skift' },
          { key: 'decision', label: 'Beslutning' },
          { key: 'who', label: 'Af' },
        ]}
        rows={plan.transitions.map((t) => ({
          when: formatDateTime(t.at),
          what: `${stateLabels[t.fromState as never] ?? t.fromState} → ${stateLabels[t.toState as never] ?? t.toState}`,
          decision: [
            t.stepKey ? chain?.steps.find((s) => s.key === t.stepKey)?.label : '',
            t.decisionDate ? formatDate(t.decisionDate) : '',
            t.caseNumber,
            t.amountOre ? formatKr(t.amountOre) : '',
            t.note,
          ]
            .filter(Boolean)
            .join(' · '),
          who: t.actorLabel,
        }))}
        empty="Ingen skift endnu."
      />
      {chain && plan.state === 'plan_written' && (
        <p>
          Godkendelseskæde:{' '}
          {chain.steps.map((s) => `${s.label}: ${recorded.has(s.key) || doneElsewhere.has(s.key) ? 'registreret' : 'mangler'}`).join(' · ')}
        </p>
      )}
      <h2>Versioner</h2>
      {plan.versions.length === 0 ? (
        <p>Planen får version 1, når kommunen har godkendt den.</p>
      ) : (
        <ul>
          {plan.versions.map((v) => (
            <li>
              <a href={planPaths.version(id, v.number)}>Version {v.number}</a> — {v.reason}, {formatDateTime(v.createdAt)}
            </li>
          ))}
        </ul>
      )}
      {plan.versions.length > 1 && <a href={planPaths.versions(id)}>Sammenlign versioner</a>}
      {can(actor, 'read', { type: 'audit', entityType: 'plan', organisationId: plan.lead.id }) && (
        <p>
          <a class="button button-tertiary" href={paths.history('plan', id)}>
            Se historik
          </a>
        </p>
      )}
    </>,
  );
}
