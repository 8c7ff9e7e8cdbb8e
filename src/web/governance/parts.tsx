import {
  bodyTypeLabels,
  type BodyType,
  type MeetingState,
  meetingStateLabels,
  memberLevelLabels,
  type MemberLevel,
  memberRoleLabels,
  type MemberRole,
} from '../../domain/governance/labels.ts';
import type { Member } from '../../services/governance/members.ts';
import { Alert, Table, Tag } from '../components/index.ts';
import { formatDate, formatDateTime } from '../format.ts';

export const typeLabel = (t: string) => bodyTypeLabels[t as BodyType] ?? t;
export const levelLabel = (l: string) => memberLevelLabels[l as MemberLevel] ?? l;
export const roleLabel = (r: string) => memberRoleLabels[r as MemberRole] ?? r;

export function MeetingStateTag({ state }: { state: string }) {
  const kind = state === 'minutes_approved' ? 'success' : state === 'cancelled' ? 'error' : state === 'held' ? 'warning' : 'info';
  return <Tag kind={kind}>{meetingStateLabels[state as MeetingState] ?? state}</Tag>;
}

export const period = (from: string, to: string | null) => `${formatDate(from)} – ${to ? formatDate(to) : ''}`;
export const when = (d: Date) => formatDateTime(d);

/** R9, R10 — members: name, role, whom they represent, level and period (public). */
export function MemberTable({ members, caption, actions }: { members: Member[]; caption: string; actions?: (m: Member) => unknown }) {
  return (
    <Table
      caption={caption}
      columns={[
        { key: 'name', label: 'Navn' },
        { key: 'role', label: 'Rolle' },
        { key: 'represents', label: 'Repræsenterer' },
        { key: 'level', label: 'Niveau' },
        { key: 'period', label: 'Periode' },
        ...(actions ? [{ key: 'actions', label: 'Handling' }] : []),
      ]}
      rows={members.map((m) => ({
        name: m.name,
        role: roleLabel(m.role),
        represents: m.representsLabel,
        level: levelLabel(m.level),
        period: period(m.startsOn, m.endsOn),
        ...(actions ? { actions: actions(m) as never } : {}),
      }))}
      empty="Ingen medlemmer registreret."
    />
  );
}

export function Warnings({ warnings, heading }: { warnings: { rule: string; message: string }[]; heading: string }) {
  if (!warnings.length) return null;
  return (
    <Alert kind="warning" heading={heading}>
      <ul>
        {warnings.map((w) => (
          <li>{w.message}</li>
        ))}
      </ul>
    </Alert>
  );
}
