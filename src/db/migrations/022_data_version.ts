import { type Kysely, sql } from 'kysely';

/**
 * Read models (docs/benchmarks.md): `data_version` rows that every write transaction bumps once, at commit (see
 * below), marked by statement-level triggers on every table a page can show — so a cached page is keyed by the data itself, not by
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

    -- The bump itself happens at commit: a statement trigger only notes, once per transaction (a transaction-local
    -- marker), that the transaction wrote, by inserting a row into data_version_pending — an insert into a table
    -- without unique keys takes no lock another writer waits for. That row's deferred constraint trigger updates
    -- data_version just before the transaction commits, so the row lock on data_version is held only during commit
    -- and no two writers can deadlock on it; readers see the new version together with the data it stands for.
    CREATE TABLE data_version_pending (
      seq bigserial PRIMARY KEY,
      id int NOT NULL
    );

    CREATE FUNCTION helhed_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      marker text := 'helhed.data_version_bumped_' || TG_ARGV[0];
    BEGIN
      IF current_setting(marker, true) = '1' THEN
        RETURN NULL;
      END IF;
      INSERT INTO data_version_pending (id) VALUES (TG_ARGV[0]::int);
      PERFORM set_config(marker, '1', true);
      RETURN NULL;
    END $$;

    CREATE FUNCTION helhed_apply_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE data_version SET version = version + 1 WHERE id = NEW.id;
      DELETE FROM data_version_pending WHERE seq = NEW.seq;
      RETURN NULL;
    END $$;

    CREATE CONSTRAINT TRIGGER helhed_data_version_at_commit AFTER INSERT ON data_version_pending
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION helhed_apply_data_version();

    CREATE FUNCTION helhed_track_tables() RETURNS int LANGUAGE plpgsql AS $$
    DECLARE
      t text;
      n int := 0;
    BEGIN
      FOR t IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'p')
          AND c.relname NOT IN ('data_version', 'data_version_pending', 'kysely_migration', 'kysely_migration_lock', 'session', 'session_oidc',
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
