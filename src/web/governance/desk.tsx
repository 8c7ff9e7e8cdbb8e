import type { Context } from 'hono';
import { mandateStateLabels } from '../../domain/governance/labels.ts';
import { can } from '../../policy/index.ts';
import type { ServiceContext } from '../../services/context.ts';
import { deskData, secretariatDesk } from '../../services/governance/desk.ts';
import { myMeetings } from '../../services/governance/meetings.ts';
import { openPaymentHolds } from '../../services/reports/payment-holds.ts';
import { Alert, Table } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatNumber } from '../format.ts';
import { home, page } from '../render.tsx';
import { MeetingStateTag, when } from './parts.tsx';
import { govPaths } from './paths.ts';
import { personName } from '../../presenters/people.ts';

type Desk = Awaited<ReturnType<typeof deskData>>;

function DeskTables({ d }: { d: Desk }) {
  return (
    <>
      {d.behind.length > 0 && (
        <Alert kind="warning" heading="Organer bagud i forhold til mødeplanen">
          <ul>
            {d.behind.map((b) => (
              <li>
                <a href={govPaths.body(b.id)}>{b.name}</a>: {b.warnings.map((w) => w.message).join(' ')}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <Table
        caption="Kommende møder"
        columns={[
          { key: 'when', label: 'Tidspunkt' },
          { key: 'body', label: 'Organ' },
          { key: 'items', label: 'Punkter', numeric: true },
          { key: 'state', label: 'Status' },
        ]}
        rows={d.upcoming.map((m) => ({
          when: <a href={govPaths.meeting(m.id)}>{when(m.starts_at)}</a>,
          body: m.body,
          items: formatNumber(Number(m.items)),
          state: <MeetingStateTag state={m.state} />,
        }))}
        empty="Ingen planlagte møder."
      />
      <Table
        caption="Punkter, der venter på en dagsorden"
        columns={[
          { key: 'title', label: 'Punkt' },
          { key: 'body', label: 'Organ' },
          { key: 'by', label: 'Foreslået af' },
          { key: 'at', label: 'Foreslået' },
        ]}
        rows={d.backlog.map((i) => ({
          title: i.title,
          body: <a href={govPaths.body(i.body_id)}>{i.body}</a>,
          by: personName(i.proposed_by_label),
          at: formatDate(i.created_at),
        }))}
        empty="Ingen forslag venter."
      />
      <Table
        caption="Referater, der ikke er sendt eller godkendt"
        columns={[
          { key: 'when', label: 'Møde' },
          { key: 'body', label: 'Organ' },
          { key: 'status', label: 'Referat' },
        ]}
        rows={d.minutes.map((m) => ({
          when: <a href={govPaths.meeting(m.id)}>{when(m.starts_at)}</a>,
          body: m.body,
          status:
            m.state === 'agenda_sent'
              ? 'Mødet er ikke markeret som holdt'
              : m.minutes_sent_at
                ? 'Sendt, afventer godkendelse'
                : 'Ikke sendt',
        }))}
        empty="Alle referater er godkendt."
      />
      <Table
        caption="Kommissorier og forretningsordener, der afventer godkendelse"
        columns={[
          { key: 'doc', label: 'Dokument' },
          { key: 'body', label: 'Organ' },
          { key: 'state', label: 'Status' },
        ]}
        rows={d.mandates.map((x) => ({
          doc: `${x.title} v${x.number}`,
          body: <a href={govPaths.body(x.body_id)}>{x.body}</a>,
          state: mandateStateLabels[x.state],
        }))}
        empty="Ingen afventer godkendelse."
      />
    </>
  );
}

/** R15 — /styring/sekretariat: the secretariat's desk, with LBF's payment holds on plans whose report is late (R6). */
export async function deskPage(c: Context<AppEnv>) {
  const [d, holds] = await Promise.all([secretariatDesk(c.get('ctx')), openPaymentHolds(c.get('ctx'))]);
  return page(
    c,
    { title: 'Sekretariatets skrivebord', breadcrumbs: [home, { label: 'Styring', href: govPaths.home() }, { label: 'Sekretariatet' }] },
    <>
      <h1>Sekretariatets skrivebord</h1>
      {holds.length > 0 && (
        <Alert kind="warning" heading="Landsbyggefonden holder udbetalinger tilbage">
          <ul>
            {holds.map((h) => (
              <li>
                <a href={`/planer/${h.planId}#payment-hold`}>{h.planName}</a>: årsrapport {h.year} er forsinket; udbetalingen er holdt
                tilbage siden {formatDate(h.heldOn)}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <DeskTables d={d} />
    </>,
  );
}

/** The front page: the secretariat sees its desk; a board member their next meetings. */
export async function governanceDashboard(ctx: ServiceContext) {
  if (can(ctx.actor, 'planMeeting', { type: 'body', memberUserIds: [] })) {
    const d = await deskData(ctx);
    return (
      <section>
        <h2>Sekretariatet: møder og referater</h2>
        <p>
          <a href={govPaths.desk()}>Gå til sekretariatets skrivebord</a>
        </p>
        <DeskTables d={d} />
      </section>
    );
  }
  const mine = await myMeetings(ctx);
  if (!mine.length) return null;
  return (
    <section>
      <h2>Dine næste møder</h2>
      <ul>
        {mine.map((m) => (
          <li>
            <a href={govPaths.meeting(m.id)}>
              {m.body_name}, {when(m.starts_at)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
