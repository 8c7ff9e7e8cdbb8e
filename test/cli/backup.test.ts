import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, startServer } from '../support/cli.ts';
import { adminUrl, isCi, withDatabase } from '../support/env.ts';

const stop = async (proc: ChildProcess) => {
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
};

describe('CLI helhed backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'helhed-backup-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers --help in Danish and refuses a missing file with exit code 2', async () => {
    const main = await run(['--help'], {});
    expect(main.stdout).toContain('backup FIL');
    expect(main.stdout).toContain('restore FIL');
    for (const cmd of ['backup', 'restore']) {
      const r = await run([cmd, '--help'], {});
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Brug: helhed ${cmd} FIL`);
    }
    const missing = await run(['backup'], { HELHED_DATA_DIR: join(dir, 'none') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Angiv én fil');
  });

  it('embedded: backs up a stopped folder, is refused while the server runs (exit 3), restores into a new folder once', async () => {
    const a = { HELHED_DATA_DIR: join(dir, 'a') };
    const b = { HELHED_DATA_DIR: join(dir, 'b') };
    const file = join(dir, 'a.jsonl.gz');
    expect(
      (
        await run(
          ['user', 'add', '--email', 'sek@kk.dk', '--name', 'Sekretær', '--role', 'secretariat', '--password-stdin'],
          a,
          'langt-nok-kodeord\n',
        )
      ).code,
    ).toBe(0);
    const { proc } = await startServer(a);
    try {
      const locked = await run(['backup', file], a);
      expect(locked.code).toBe(3);
      expect(locked.stderr).toContain('allerede åben');
      expect(existsSync(file)).toBe(false);
    } finally {
      await stop(proc);
    }
    const backup = await run(['backup', file], a);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('Sikkerhedskopien er skrevet');
    const restore = await run(['restore', file], b);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('Sikkerhedskopien er gendannet');
    const again = await run(['restore', file], b);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Databasen er ikke tom');
    // The restored user exists: adding them again is refused.
    const dup = await run(['user', 'add', '--email', 'sek@kk.dk', '--name', 'Igen', '--role', 'secretariat'], b);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('findes allerede');
  });

  it('PostgreSQL: backs up while the server runs', async () => {
    const name = `helhed_cli_backup_${process.pid}`;
    try {
      await withDatabase(adminUrl(), (q) => q(`CREATE DATABASE ${name}`));
    } catch (err) {
      if (isCi()) throw err;
      console.warn(`PostgreSQL mangler; delen springes over: ${(err as Error).message}`);
      return;
    }
    const u = new URL(adminUrl());
    u.pathname = `/${name}`;
    const env = { DATABASE_URL: u.toString() };
    try {
      const { proc, port } = await startServer(env);
      try {
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
        const file = join(dir, 'pg.jsonl.gz');
        const r = await run(['backup', file], env);
        expect(r.code, r.stderr).toBe(0);
        expect(existsSync(file)).toBe(true);
      } finally {
        await stop(proc);
      }
    } finally {
      await withDatabase(adminUrl(), (q) => q(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });
});
