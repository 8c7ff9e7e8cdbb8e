import type { Generated } from 'kysely';

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: Generated<string>;
  link: Generated<string>;
  plan_id: number | null;
  created_at: Generated<Date>;
  read_at: Date | null;
  emailed_at: Date | null;
}

export interface NotificationTables {
  notification: NotificationTable;
}
