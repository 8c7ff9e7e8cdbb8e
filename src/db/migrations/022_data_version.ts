import { type Kysely, sql } from 'kysely';

/**
 * Read models (docs/benchmarks.md): `data_version` rows that every write transaction bumps once, from
 * statement-level triggers on every table a page can show — so a cached page is keyed by the data itself, not by
 * calls each use case would have to remember. Row 1 follows every tracked table but the audit log; row 2 follows the
 * audit log alone (reading a plan's contact persons writes an audit record, which must not invalidate the plan page,
 * but does change the plan's history). `helhed_track_tables()` attaches the trigger to every table that lacks
 * it; `migrateToLatest` calls it after every migration run, so tables added by later migrations are tracked too.
 * Tables written while reading or signing in (sessions, sign-in throttling, token use) are not tracked: no page that
 * is cached shows them. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE data_version (
      id int PRIMARY KEY CHECK (id IN (1, 2)),
      version bigint NOT NULL
    );
    INSERT INTO data_version (id, version) VALUES (1, 1), (2, 1);

    -- Once per transaction (a transaction-local marker), so a long load of many statements updates the row once.
    CREATE FUNCTION helhed_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      row_id int := TG_ARGV[0]::int;
      marker text := 'helhed.data_version_bumped_' || TG_ARGV[0];
    BEGIN
      IF current_setting(marker, true) = '1' THEN
        RETURN NULL;
      END IF;
      UPDATE data_version SET version = version + 1 WHERE id = row_id;
      PERFORM set_config(marker, '1', true);
      RETURN NULL;
    END $$;

    CREATE FUNCTION helhed_track_tables() RETURNS int LANGUAGE plpgsql AS $$
    DECLARE
      t text;
      n int := 0;
    BEGIN
      FOR t IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'p')
          AND c.relname NOT IN ('data_version', 'kysely_migration', 'kysely_migration_lock', 'session', 'session_oidc',
                                'oidc_flow', 'login_throttle', 'api_token')
          AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'helhed_data_version')
      LOOP
        EXECUTE format('CREATE TRIGGER helhed_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION helhed_bump_data_version(%L)', t,
                       CASE WHEN t = 'audit_log' THEN '2' ELSE '1' END);
        n := n + 1;
      END LOOP;
      RETURN n;
    END $$;

    SELECT helhed_track_tables();
  `.execute(db);
}
