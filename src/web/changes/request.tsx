import type { Context } from 'hono';
import { z } from 'zod';
import { commentContract, decisionContract, lbfApprovalContract, submitContract, withdrawContract } from '../../contracts/changes.ts';
import { type RequestAction, actionLabels } from '../../domain/changes/lifecycle.ts';
import { Conflict, NotFound } from '../../errors.ts';
import { getChangeRequest } from '../../services/changes/read.ts';
import { commentOnChange, decideChange, recordLbfApproval, submitChange, withdrawChange } from '../../services/changes/requests.ts';
import {
  Alert,
  Button,
  ChoiceGroup,
  ErrorSummary,
  Form,
  HiddenField,
  SelectField,
  Table,
  Tag,
  TextArea,
  TextField,
} from '../components/index.ts';
import { personName } from '../../presenters/people.ts';
import { ConflictNotice } from '../conflict.tsx';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatDateTime, formatKr, formatNumber } from '../format.ts';
import { contractOrInvalid, type FormErrors, type FormFailure, formFailure, type FormValues, readForm } from '../forms.ts';
import { planPaths } from '../plans/paths.ts';
import { SummaryList } from '../registry/shared.tsx';
import { flash, home, page } from '../render.tsx';
import { changePaths } from './paths.ts';

const eventLabels: Record<string, string> = {
  proposed: 'Foreslået',
  submitted: 'Sendt til beslutning',
  comment: 'Kommentar',
  answered: 'Svar fra en part',
  approved: 'Godkendt',
  rejected: 'Afvist',
  lbf_approved: 'Godkendt af Landsbyggefonden',
  applied: 'Gennemført som ny version',
  refused_conflict: 'Afvist: passer ikke længere til planen',
  withdrawn: 'Trukket tilbage',
};
const stateKinds: Record<string, 'info' | 'success' | 'warning' | 'error'> = {
  draft: 'info',
  submitted: 'warning',
  awaiting_lbf: 'warning',
  applied: 'success',
  rejected: 'error',
  withdrawn: 'info',
};

type State = { form?: string; values?: FormValues; errors?: FormErrors; status?: 200 | 403 | FormFailure['status']; conflict?: Conflict };

/** R11 — the request's whole trail on one page: proposal, routing, comments, decision, LBF, the version it became. */
export async function requestPage(c: Context<AppEnv>, planId: number, id: number, st: State = {}) {
  const r = await getChangeRequest(c.get('ctx'), id);
  if (r.planId !== planId) throw new NotFound('Ændringsanmodningen hører ikke til planen.');
  const csrf = c.get('csrfToken');
  const errors = st.errors ?? {};
  const val = (k: string) => (st.values ?? {})[k];
  const act = (a: RequestAction) => r.actions.includes(a);
  const mineAnswered = (r.parties?.organisations ?? []).filter((o) => o.answer && r.parties!.mine.some((m) => m.id === o.id));
  return page(
    c,
    {
      title: `Ændringsanmodning nr. ${r.number}: ${r.title}`,
      breadcrumbs: [
        home,
        { label: 'Planer', href: planPaths.list() },
        { label: r.planName, href: planPaths.plan(planId) },
        { label: 'Ændringer', href: changePaths.ofPlan(planId) },
        { label: `Nr. ${r.number}` },
      ],
      status: st.status,
    },
    <>
      <h1>
        Ændringsanmodning nr. {r.number}: {r.title}
      </h1>
      <p>
        <Tag kind={stateKinds[r.state]}>{r.stateLabel}</Tag> {r.kindLabel} i <a href={planPaths.plan(planId)}>{r.planName}</a>
      </p>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
      {r.voteRefusal && (
        <Alert kind="info" heading="Du kan ikke træffe beslutningen" id="vote-refusal">
          <p>{r.voteRefusal}</p>
        </Alert>
      )}
      <SummaryList
        items={[
          ['Foreslået af', r.proposedBy],
          ['Begrundelse', r.justification],
          ['Bygger på', `Version ${r.basedOnVersion}`],
          ['Beslutter', r.body ? `${r.body.name} — ${r.routingReason}` : 'Ikke sendt til beslutning endnu'],
          [
            'Behandling',
            r.decisionMode === 'meeting'
              ? 'På bestyrelsens næste møde'
              : r.decisionMode === 'written'
                ? `Skriftligt, frist ${formatDate(r.writtenDeadline)}`
                : '—',
          ],
          ['Beslutning', r.decidedBy ? r.decisionNote || r.decidedBy : '—'],
          [
            'Landsbyggefonden',
            r.lbf ? `Godkendt ${formatDate(r.lbf.date)} (${r.lbf.reference})` : r.state === 'awaiting_lbf' ? 'Afventer godkendelse' : '—',
          ],
          [
            'Ny version',
            r.appliedVersion ? (
              <a href={`${planPaths.versions(planId)}?a=${r.appliedVersion - 1}&b=${r.appliedVersion}`}>
                Version {r.appliedVersion} — se forskellen
              </a>
            ) : (
              '—'
            ),
          ],
        ]}
      />
      <Table
        caption="Den foreslåede ændring"
        columns={[
          { key: 'what', label: 'Hvad' },
          { key: 'field', label: 'Felt' },
          { key: 'before', label: 'Nu' },
          { key: 'after', label: 'Foreslået' },
        ]}
        rows={r.lines.map((l) => ({
          what: l.what,
          field: l.field,
          before: <del>{l.before || '(tom)'}</del>,
          after: <ins>{l.after || '(tom)'}</ins>,
        }))}
        empty="Ingen ændringer."
      />
      {r.funding && (
        <section aria-labelledby="funding-after">
          <h2 id="funding-after">Finansieringen efter ændringen</h2>
          <p>
            {r.funding.violations.length
              ? 'Ændringen bryder reglerne for finansieringen:'
              : r.funding.frameChanged
                ? `Rammen bliver ${formatKr(r.funding.frameOre)} med finansieringen herunder. Landsbyggefonden højst ${formatNumber(r.funding.lbfMaxPct)} %, lokal medfinansiering mindst ${formatNumber(r.funding.localMinPct)} %: overholdt.`
                : `Rammen er fortsat ${formatKr(r.funding.frameOre)}; ændringen flytter penge mellem budgetlinjer, og fordelingen mellem finansieringskilderne er uændret. Landsbyggefonden højst ${formatNumber(r.funding.lbfMaxPct)} %, lokal medfinansiering mindst ${formatNumber(r.funding.localMinPct)} %: overholdt.`}
          </p>
          {r.funding.violations.length > 0 && (
            <ul>
              {r.funding.violations.map((v) => (
                <li>{v}</li>
              ))}
            </ul>
          )}
          <Table
            caption="Finansieringskilder"
            columns={[
              { key: 'name', label: 'Kilde' },
              { key: 'amount', label: 'Beløb', numeric: true },
              { key: 'share', label: 'Andel af rammen', numeric: true },
            ]}
            rows={r.funding.funders.map((f) => ({
              name: f.name,
              amount: formatKr(f.amountOre),
              share: f.shareBp === null ? '—' : `${formatNumber(f.shareBp / 100, 2)} %`,
            }))}
          />
        </section>
      )}
      {act('submit') && (
        <section id="submit">
          <h2>Send til beslutning</h2>
          <p>Helhed sender anmodningen til den bestyrelse, der har kompetencen for planen.</p>
          <Form action={changePaths.action(planId, id, 'send')} csrfToken={csrf} fieldPrefix="submit-">
            <HiddenField name="version" value={String(r.version)} />
            <ChoiceGroup
              name="mode"
              type="radio"
              label="Hvordan skal bestyrelsen beslutte?"
              options={[
                { value: 'meeting', label: 'På det næste møde (anmodningen kommer på dagsordenen)' },
                { value: 'written', label: 'Skriftligt, med en frist' },
              ]}
              values={[val('mode') ?? 'meeting']}
              error={errors.mode}
              required
            />
            <TextField
              name="writtenDeadline"
              label="Frist ved skriftlig behandling"
              type="date"
              value={val('writtenDeadline')}
              error={errors.writtenDeadline}
            />
            <Button type="submit">Send til beslutning</Button>
          </Form>
        </section>
      )}
      {r.parties && (r.parties.organisations.length > 0 || r.parties.earlier.length > 0) && (
        <section id="parties">
          <h2 id="parties-heading">Parternes svar</h2>
          <p>
            Kun de boligorganisationer, der er part i planens bevilling, beslutter ændringen. Hver part svarer for sig gennem sit medlem af{' '}
            {r.body?.name ?? 'bestyrelsen'}. Regel: {r.parties.ruleLabel.toLowerCase()}.
          </p>
          <Table
            caption="Parternes svar"
            columns={[
              { key: 'org', label: 'Part' },
              { key: 'answer', label: 'Svar' },
              { key: 'reason', label: 'Begrundelse' },
              { key: 'by', label: 'Svaret af' },
            ]}
            rows={[
              ...r.parties.organisations.map((o) => ({
                org: o.name,
                answer: o.answer ? o.answer.label : <Tag kind="warning">Afventer svar</Tag>,
                reason: o.answer?.reason || '—',
                by: o.answer ? `${personName(o.answer.by)}, ${formatDateTime(o.answer.at)}` : '—',
              })),
              ...r.parties.earlier.map((a) => ({
                org: `${a.name} (ikke længere part i bestyrelsen)`,
                answer: a.label,
                reason: a.reason || '—',
                by: `${personName(a.by)}, ${formatDateTime(a.at)}`,
              })),
            ]}
          />
          {r.state === 'submitted' && r.parties.awaited.length > 0 && (
            <p id="party-awaited">
              <strong>Afventer svar fra:</strong> {r.parties.awaited.join(', ')}.
            </p>
          )}
        </section>
      )}
      {(act('approve') || act('reject')) && (
        <section id="decide">
          <h2>{r.state === 'submitted' ? 'Jeres svar' : 'Beslutning'}</h2>
          {mineAnswered.length > 0 && (
            <p>
              {mineAnswered.map((o) => `${o.name} har svaret: ${o.answer!.label.toLowerCase()}.`).join(' ')} Svaret kan ændres, indtil
              anmodningen er besluttet.
            </p>
          )}
          <Form action={changePaths.action(planId, id, 'beslut')} csrfToken={csrf} fieldPrefix="decide-">
            <HiddenField name="version" value={String(r.version)} />
            {r.state === 'submitted' && (r.parties?.mine.length ?? 0) > 1 && (
              <SelectField
                name="organisationId"
                label="Du svarer for"
                options={r.parties!.mine.map((o) => ({ value: String(o.id), label: o.name }))}
                value={val('organisationId')}
                error={errors.organisationId}
                required
              />
            )}
            <TextArea name="note" label="Begrundelse for beslutningen" value={val('note')} rows={3} />
            <Button type="submit" name="decision" value="approve">
              {actionLabels.approve}
            </Button>{' '}
            <Button type="submit" name="decision" value="reject" variant="secondary">
              {actionLabels.reject}
            </Button>
            {act('abstain') && (
              <>
                {' '}
                <Button type="submit" name="decision" value="abstain" variant="tertiary">
                  {actionLabels.abstain}
                </Button>
              </>
            )}
          </Form>
        </section>
      )}
      {act('recordLbfApproval') && (
        <section id="lbf">
          <h2>Landsbyggefondens godkendelse</h2>
          <Form action={changePaths.action(planId, id, 'lbf')} csrfToken={csrf} fieldPrefix="lbf-">
            <HiddenField name="version" value={String(r.version)} />
            <TextField
              name="decisionDate"
              label="Godkendt den"
              type="date"
              value={val('decisionDate')}
              error={errors.decisionDate}
              required
            />
            <TextField name="reference" label="Landsbyggefondens reference" value={val('reference')} error={errors.reference} required />
            <Button type="submit">{actionLabels.recordLbfApproval}</Button>
          </Form>
        </section>
      )}
      <h2>Forløb</h2>
      <Table
        caption="Anmodningens forløb"
        columns={[
          { key: 'at', label: 'Tidspunkt' },
          { key: 'what', label: 'Hændelse' },
          { key: 'who', label: 'Hvem' },
          { key: 'text', label: 'Tekst' },
        ]}
        rows={r.events.map((e) => ({
          at: formatDateTime(e.at),
          what: eventLabels[e.kind] ?? e.kind,
          who: `${e.actor}${e.kind === 'comment' && e.mayVote === false ? ' (uden stemmeret)' : ''}`,
          text: e.text,
        }))}
      />
      {act('comment') && (
        <Form action={changePaths.action(planId, id, 'kommentar')} csrfToken={csrf} fieldPrefix="comment-">
          <TextArea name="text" label="Kommentar" value={val('text')} error={errors.text} rows={3} required />
          <Button type="submit" variant="secondary">
            Tilføj kommentar
          </Button>
        </Form>
      )}
      {act('withdraw') && (
        <Form action={changePaths.action(planId, id, 'traek-tilbage')} csrfToken={csrf} fieldPrefix="withdraw-">
          <HiddenField name="version" value={String(r.version)} />
          <TextField name="reason" label="Hvorfor trækkes anmodningen tilbage?" value={val('reason')} />
          <Button type="submit" variant="warning">
            {actionLabels.withdraw}
          </Button>
        </Form>
      )}
    </>,
  );
}

const version = z.coerce.number().int().positive();

/** The request's actions; refusals keep the input and explain (R11 names the rule). */
export async function requestAction(c: Context<AppEnv>, planId: number, id: number, action: string) {
  const values = await readForm(c);
  const ctx = c.get('ctx');
  const v = version.safeParse(values.version);
  try {
    switch (action) {
      case 'send':
        await submitChange(
          ctx,
          id,
          v.success ? v.data : 0,
          contractOrInvalid(submitContract, {
            mode: values.mode === 'written' ? 'written' : 'meeting',
            writtenDeadline: values.writtenDeadline,
          }),
        );
        flash(c, 'Anmodningen er sendt til beslutning.');
        break;
      case 'beslut': {
        const decision = values.decision === 'reject' ? 'reject' : values.decision === 'abstain' ? 'abstain' : 'approve';
        const to = await decideChange(
          ctx,
          id,
          v.success ? v.data : 0,
          decision,
          contractOrInvalid(decisionContract, {
            note: values.note,
            organisationId: values.organisationId ? Number(values.organisationId) : null,
          }),
        );
        flash(
          c,
          to === 'submitted'
            ? 'Jeres svar er registreret. Ændringen er besluttet, når de øvrige parter har svaret.'
            : to === 'rejected'
              ? 'Ændringen er afvist.'
              : to === 'applied'
                ? 'Ændringen er godkendt og gennemført som planens nye version.'
                : 'Ændringen er godkendt og afventer Landsbyggefonden. Boligsocial Bestyrelse er orienteret.',
        );
        break;
      }
      case 'lbf': {
        await recordLbfApproval(
          ctx,
          id,
          v.success ? v.data : 0,
          contractOrInvalid(lbfApprovalContract, { decisionDate: values.decisionDate, reference: values.reference }),
        );
        flash(c, 'Landsbyggefondens godkendelse er registreret, og ændringen er gennemført.');
        break;
      }
      case 'kommentar':
        await commentOnChange(ctx, id, contractOrInvalid(commentContract, { text: values.text }).text);
        flash(c, 'Kommentaren er tilføjet.');
        break;
      case 'traek-tilbage':
        await withdrawChange(ctx, id, v.success ? v.data : 0, contractOrInvalid(withdrawContract, { reason: values.reason }).reason);
        flash(c, 'Anmodningen er trukket tilbage.');
        break;
      default:
        throw new NotFound('Handlingen findes ikke.');
    }
  } catch (err) {
    return requestPage(c, planId, id, { values, ...formFailure(err) });
  }
  return c.redirect(changePaths.request(planId, id), 303);
}
