import { requestStateLabels } from '../domain/changes/lifecycle.ts';
import { editField } from '../services/changes/describe.ts';
import {
  decisionLabels,
  itemKindLabels,
  mandateKindLabels,
  mandateStateLabels,
  meetingStateLabels,
  outcomeKindLabels,
} from '../domain/governance/labels.ts';
import { funderKindLabels, lineKindLabels } from '../domain/money/budget.ts';
import { poolEntryLabels } from '../domain/money/pool.ts';
import { stateLabels as planStateLabels } from '../domain/plan-lifecycle.ts';
import { reportStateLabels } from '../domain/reports/index.ts';
import { withoutRuleCodes } from '../domain/text.ts';
import { formatDate, formatDateTime, formatKr, formatNumber } from './format.ts';
import { fieldLabels } from './messages.ts';

/** What an audit entry's action is called, in Danish and in the past tense (what happened). */
const historyActionLabels: Record<string, string> = {
  create: 'Oprettet',
  update: 'Ændret',
  delete: 'Slettet',
  upload: 'Bilag lagt op',
  schedule: 'Sat på dagsordenen',
  propose: 'Foreslået',
  discard: 'Kasseret',
  comment: 'Kommentar',
  note: 'Noteret',
  recordVerdict: 'Vurdering registreret',
  recordOutcome: 'Udfald skrevet',
  recordAttendance: 'Fremmøde registreret',
  approveMinutes: 'Referat godkendt af et medlem',
  minutesApproved: 'Referat godkendt',
  applyChange: 'Ændring gennemført',
  submitPrequalification: 'Prækvalifikation indsendt',
  recordPrequalification: 'Prækvalifikation registreret',
  markWritten: 'Planen markeret som skrevet',
  recordApprovalStep: 'Kommunal godkendelse registreret',
  recordGrant: 'Tilsagn registreret',
  activate: 'Planen sat i gang',
  end: 'Planen afsluttet',
  reject: 'Afvist',
  withdraw: 'Trukket tilbage',
  sendAgenda: 'Dagsorden sendt',
  hold: 'Mødet afholdt',
  sendMinutes: 'Referat sendt til godkendelse',
  cancel: 'Mødet aflyst',
  submit: 'Sendt videre',
  approve: 'Godkendt',
  recordLbfApproval: 'Landsbyggefondens godkendelse registreret',
  markReady: 'Sendt til godkendelse',
  backToDraft: 'Sendt tilbage',
  acknowledge: 'Kvitteret',
  reopen: 'Genåbnet',
  transition: 'Status ændret',
};

/** Danish labels for the fields an audit entry records (columns and the use cases' own names, camelCase or not). */
const labels: Record<string, string> = {
  ...fieldLabels,
  title: 'Titel',
  description: 'Beskrivelse',
  state: 'Status',
  from_state: 'Fra status',
  to_state: 'Til status',
  kind: 'Type',
  type: 'Type',
  text: 'Tekst',
  note: 'Bemærkning',
  reason: 'Begrundelse',
  justification: 'Begrundelse',
  email: 'E-mail',
  phone: 'Telefon',
  role: 'Rolle',
  grants: 'Roller',
  administration: 'Forvaltning',
  person_name: 'Navn',
  level: 'Niveau',
  represents_kind: 'Repræsenterer',
  represents_other: 'Repræsenterer (andet)',
  starts_on: 'Startdato',
  ends_on: 'Slutdato',
  starts_at: 'Starter',
  ends_at: 'Slutter',
  held_on: 'Holdt',
  place: 'Sted',
  agenda_sent_at: 'Dagsorden udsendt',
  held_at: 'Afholdt',
  minutes_sent_at: 'Referat sendt',
  minutes_approved_at: 'Referat godkendt',
  minutes_note: 'Referatnote',
  present: 'Til stede',
  meeting_id: 'Møde',
  agenda_item_id: 'Dagsordenspunkt',
  body_id: 'Organ',
  plan_id: 'Plan',
  closed: 'Lukket punkt',
  outcome_kind: 'Udfald',
  decision: 'Beslutning',
  outcome_text: 'Referat',
  task_owner: 'Ansvarlig',
  task_due: 'Frist',
  content: 'Tekst',
  content_type: 'Filtype',
  file_name: 'Filnavn',
  number: 'Nummer',
  current_version: 'Planversion',
  applied_version: 'Gennemført som version',
  edits: 'Ændringer',
  amount_ore: 'Beløb',
  frame_ore: 'Ramme',
  yearly_frame_ore: 'Årlig ramme',
  balance_after_ore: 'Saldo efter',
  total_ore: 'I alt',
  budget_ore: 'Budget',
  lbf_cap_bp: 'LBF højst',
  local_floor_bp: 'Lokal medfinansiering mindst',
  decided_on: 'Besluttet',
  decided_at: 'Besluttet',
  decision_note: 'Begrundelse for beslutningen',
  decision_mode: 'Behandling',
  written_deadline: 'Frist for skriftlig behandling',
  due_on: 'Frist',
  remind_days: 'Påmindelse (dage før)',
  dueOn: 'Frist',
  year: 'År',
  revision: 'Revision',
  narrative: 'Rapportens tekst',
  verdict: 'Vurdering',
  verdicts: 'Vurderinger',
  comment: 'Kommentar',
  reference: 'Reference',
  lbf_reference: 'Landsbyggefondens reference',
  city_board_reference: 'Boligsocial Bestyrelses reference',
  city_board_approved_on: 'Godkendt af Boligsocial Bestyrelse',
  lbf_approved_on: 'Godkendt af Landsbyggefonden',
  last_reviewed: 'Sidst gennemgået',
  steps: 'Trin',
  police_cooperation: 'Samarbejde med politiet',
  target_group: 'Målgruppe',
  vision: 'Vision',
  purpose: 'Formål',
  problem_description: 'Problembeskrivelse',
  measured_on: 'Målt',
  value: 'Værdi',
  target_value: 'Målværdi',
  baseline_value: 'Udgangspunkt',
  unit: 'Enhed',
  indicator_name: 'Indikator',
  notify_mode: 'E-mail-beskeder',
  disabled: 'Spærret',
  grant_date: 'Tilsagnsdato',
  grant_reference: 'Tilsagnets reference',
  approval_chain: 'Godkendelsesvej',
  lead_organisation_id: 'Ledende boligorganisation',
  booked_on: 'Bogført',
  line: 'Budgetlinje',
  meetings_per_year_min: 'Møder om året (mindst)',
  meetings_per_year_max: 'Møder om året (højst)',
  code: 'Kode',
  sort: 'Rækkefølge',
  heading: 'Overskrift',
  status: 'Status',
  noted_at: 'Noteret',
  content_hash: 'Kontrolsum',
  seq: 'Løbenummer',
  responsible: 'Ansvarlig',
  part: 'Rolle',
};

/** Bookkeeping a reader does not need: ids, row versions, timestamps of the row itself and who-ids (the entry names who). */
const hidden = new Set([
  'id',
  'version',
  'created_at',
  'updated_at',
  'password_hash',
  'token_hash',
  'snapshot',
  'geometry',
  'csrf_token',
  'is_demo',
]);
const isHidden = (key: string) => hidden.has(key) || key.endsWith('_user_id') || key.endsWith('_by_label');

/** Danish values by field: states and kinds as the pages show them. */
const valueLabels: Record<string, Record<string, string>> = {
  state: { ...planStateLabels, ...meetingStateLabels, ...requestStateLabels, ...reportStateLabels, ...mandateStateLabels },
  from_state: planStateLabels,
  to_state: planStateLabels,
  kind: { ...lineKindLabels, ...funderKindLabels, ...poolEntryLabels, ...itemKindLabels, ...mandateKindLabels, comment: 'Kommentar' },
  outcome_kind: outcomeKindLabels,
  decision: { ...decisionLabels, approve: 'Godkendt', reject: 'Afvist' },
  decision_mode: { meeting: 'På et møde', written: 'Skriftligt' },
  represents_kind: { organisation: 'En boligorganisation', administration: 'En forvaltning', other: 'Andet' },
  notify_mode: { immediate: 'Med det samme', digest: 'Samlet én gang om dagen', none: 'Ingen' },
};

/** `planId` and `plan_id` are the same field. */
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The Danish label of a field, or null for a field the reader has no use for (or no name for). */
export function historyLabel(field: string): string | null {
  // An applied change request's rows carry their own Danish label (services/changes/describe.ts `editField`).
  if (field.startsWith(editField)) return field.slice(editField.length);
  const key = snake(field);
  if (isHidden(key)) return null;
  return labels[key] ?? labels[field] ?? null;
}

/** A value as the pages show it: dates 22.11.2026, amounts in kroner, states in Danish, lists and objects spelled out. */
export function historyValue(field: string, v: unknown): string {
  if (field.startsWith(editField)) return typeof v === 'string' && v ? withoutRuleCodes(v) : '(tom)';
  const key = snake(field);
  if (v === null || v === undefined || v === '') return '(tom)';
  if (typeof v === 'boolean') return v ? 'Ja' : 'Nej';
  if (v instanceof Date) return formatDateTime(v);
  if (typeof v === 'number' || typeof v === 'bigint') {
    const n = Number(v);
    if (key.endsWith('_ore')) return formatKr(n);
    if (key.endsWith('_bp')) return `${formatNumber(n / 100, 2)} %`;
    if (key === 'year') return String(n);
    return formatNumber(n);
  }
  if (typeof v === 'string') {
    if (valueLabels[key]?.[v]) return valueLabels[key][v];
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return formatDateTime(v);
    if (/^-?\d+$/.test(v) && key.endsWith('_ore')) return formatKr(Number(v));
    return withoutRuleCodes(v);
  }
  if (Array.isArray(v)) return v.length ? v.map((x) => historyValue(field, x)).join('; ') : '(tom)';
  if (typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => {
      const label = historyLabel(k);
      return label ? [`${label}: ${historyValue(k, x)}`] : [];
    });
    return parts.length ? parts.join(', ') : '(detaljer)';
  }
  return String(v);
}

/** The entry's action in Danish. */
export const historyAction = (action: string): string => historyActionLabels[action] ?? 'Ændret';

/** The changed fields the reader can read, and how many others (technical) changed with them. */
export function historyChanges(changes: readonly { field: string; before: unknown; after: unknown }[]) {
  const shown = changes.flatMap((ch) => {
    const label = historyLabel(ch.field);
    return label ? [{ label, before: historyValue(ch.field, ch.before), after: historyValue(ch.field, ch.after) }] : [];
  });
  const others = changes.filter((ch) => !historyLabel(ch.field) && !isHidden(snake(ch.field))).length;
  return { shown, others };
}
