import type { MeetingState } from './labels.ts';

export const meetingActions = ['sendAgenda', 'hold', 'sendMinutes', 'cancel'] as const;
export type MeetingAction = (typeof meetingActions)[number];

export const meetingActionLabels: Record<MeetingAction, string> = {
  sendAgenda: 'Send dagsorden',
  hold: 'Markér mødet som afholdt',
  sendMinutes: 'Send referatet til godkendelse',
  cancel: 'Aflys mødet',
};

/**
 * R9, R10 — a meeting's life: planned → agenda sent → held → minutes approved (or cancelled before it is
 * held). Returns the problems that block an action, in Danish; none means it may run.
 */
export function checkMeetingAction(
  m: { state: MeetingState; itemCount: number; minutesSent: boolean; outcomesMissing: number; presentCount: number },
  action: MeetingAction,
): string[] {
  const p: string[] = [];
  switch (action) {
    case 'sendAgenda':
      if (m.state !== 'planned') p.push('Dagsordenen kan kun sendes for et planlagt møde.');
      if (m.itemCount === 0) p.push('Dagsordenen har ingen punkter.');
      break;
    case 'hold':
      if (m.state !== 'agenda_sent') p.push('Dagsordenen skal være sendt, før mødet kan holdes.');
      break;
    case 'sendMinutes':
      if (m.state !== 'held') p.push('Referatet kan først sendes, når mødet er holdt.');
      if (m.minutesSent) p.push('Referatet er allerede sendt.');
      if (m.outcomesMissing > 0) p.push(`${m.outcomesMissing} punkt${m.outcomesMissing === 1 ? '' : 'er'} mangler et udfald.`);
      if (m.presentCount === 0) p.push('Registrér fremmødet først.');
      break;
    case 'cancel':
      if (m.state !== 'planned' && m.state !== 'agenda_sent') p.push('Kun et møde, der ikke er holdt, kan aflyses.');
      break;
  }
  return p;
}

export const targetState: Record<MeetingAction, MeetingState | null> = {
  sendAgenda: 'agenda_sent',
  hold: 'held',
  sendMinutes: null,
  cancel: 'cancelled',
};

/** Agenda items can be added and changed until the meeting is held; outcomes only while it is held and minutes not sent. */
export const agendaOpen = (s: MeetingState) => s === 'planned' || s === 'agenda_sent';
export const outcomesOpen = (s: MeetingState, minutesSent: boolean) => s === 'held' && !minutesSent;

/** The minutes are frozen once approved: every present member with an account has approved them. */
export const minutesComplete = (presentWithAccount: number[], approvedMemberIds: number[]) =>
  presentWithAccount.length > 0 && presentWithAccount.every((id) => approvedMemberIds.includes(id));
