import { type Kysely, sql } from 'kysely';

/**
 * Who did it is stored as a user id and shown by name, never as "Name <email>" (issue 14: personal data left the
 * server in every who-did-it label). Adds a `*_user_id` column beside each label that had none, fills it (and the
 * existing id columns) from the label where its e-mail address is a user's, then strips the e-mail addresses from
 * every label. Frozen.
 */
const added: [table: string, label: string, id: string][] = [
  ['mandate_document', 'created_by_label', 'created_by_user_id'],
  ['competence_transfer', 'recorded_by_label', 'recorded_by_user_id'],
  ['agenda_item', 'proposed_by_label', 'proposed_by_user_id'],
  ['meeting_paper', 'uploaded_by_label', 'uploaded_by_user_id'],
  ['account_entry', 'created_by_label', 'created_by_user_id'],
  ['pool_entry', 'created_by_label', 'created_by_user_id'],
  ['report_deadline', 'set_by_label', 'set_by_user_id'],
  ['report', 'approved_by_label', 'approved_by_user_id'],
  ['report', 'submitted_by_label', 'submitted_by_user_id'],
  ['report', 'acknowledged_by_label', 'acknowledged_by_user_id'],
  ['report_verdict', 'recorded_by_label', 'recorded_by_user_id'],
  ['city_board_notice', 'noted_by_label', 'noted_by_user_id'],
  ['plan_version', 'created_by_label', 'created_by_user_id'],
];

/** Labels that already had a user id column beside them. */
const existing: [table: string, label: string, id: string][] = [
  ['account_import', 'created_by_label', 'created_by'],
  ['change_request', 'proposed_by_label', 'proposed_by'],
  ['change_request', 'decided_by_label', 'decided_by'],
  ['change_request_event', 'actor_label', 'actor_user_id'],
  ['measurement', 'recorded_by_label', 'recorded_by'],
  ['plan_transition', 'actor_label', 'actor_user_id'],
  ['keyfigure_import', 'uploaded_by_label', 'uploaded_by_user_id'],
  ['audit_log', 'actor_label', 'actor_user_id'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, , id] of added) {
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN ${sql.ref(id)} int REFERENCES app_user(id) ON DELETE SET NULL`.execute(db);
  }
  await backfillPeople(db);
}

/** Fills each user id from its label's e-mail address where that is a user's, then strips every address from the labels. */
export async function backfillPeople(db: Kysely<any>): Promise<void> {
  for (const [table, label, id] of [...added, ...existing]) {
    await sql`
      UPDATE ${sql.table(table)} t SET ${sql.ref(id)} = u.id FROM app_user u
      WHERE t.${sql.ref(id)} IS NULL AND t.${sql.ref(label)} LIKE '%<%@%>' AND lower(u.email) = lower(substring(t.${sql.ref(label)} from '<([^<>]*)>\\s*$'))
    `.execute(db);
    await sql`
      UPDATE ${sql.table(table)} SET ${sql.ref(label)} = coalesce(nullif(btrim(regexp_replace(regexp_replace(${sql.ref(label)}, '\\s*<[^<>]*@[^<>]*>', '', 'g'), '[^\\s<>]+@[^\\s<>]+', '', 'g')), ''), 'Bruger')
      WHERE ${sql.ref(label)} LIKE '%@%'
    `.execute(db);
  }
}
