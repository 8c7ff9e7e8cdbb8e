import type { Generated } from 'kysely';

/** Failed sign-ins per key (`pair:<email>|<address>` or `addr:<address>`) within a window. */
export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  window_start: Generated<Date>;
  blocked_until: Date | null;
}

export interface SecurityTables {
  login_throttle: LoginThrottleTable;
}
