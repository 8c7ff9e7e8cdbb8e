import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, startServer } from '../support/cli.ts';

describe('CLI helhed (embedded database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'helhed-cli-'));
  const env = { HELHED_DATA_DIR: join(dir, 'data') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers --help on the command and on each subcommand, and exit code 2 on wrong usage', async () => {
    const main = await run(['--help'], env);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('token create');
    for (const sub of [['serve'], ['migrate'], ['demo'], ['user', 'add'], ['token', 'create']]) {
      const r = await run([...sub, '--help'], env);
      expect(r.code, sub.join(' ')).toBe(0);
      expect(r.stdout).toContain('Brug: helhed');
    }
    expect((await run(['fly'], env)).code).toBe(2);
    const missing = await run(['token', 'create'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--user EMAIL er påkrævet');
  });

  it('migrates, adds a user, creates a token printed alone on stdout, and the server accepts it', async () => {
    const m = await run(['migrate'], env);
    expect(m.code).toBe(0);
    // A new folder starts from the build's migrated archive (dist/empty-database.tar).
    expect(m.stdout).toMatch(/Oprettede en ny database med alle \d+ migreringer/);
    const bad = await run(['user', 'add', '--email', 'a@kk.dk', '--name', 'A', '--role', 'konge'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Ukendt rolle');
    const u = await run(
      ['user', 'add', '--email', 'sek@kk.dk', '--name', 'Sekretær', '--role', 'secretariat', '--password-stdin'],
      env,
      'langt-nok-kodeord\n',
    );
    expect(u.code, u.stderr).toBe(0);
    const t = await run(['token', 'create', '--user', 'sek@kk.dk'], env);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/^hh_[\w-]{43}\n$/);
    const unknown = await run(['token', 'create', '--user', 'nobody@kk.dk'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Der findes ingen bruger');

    // While the server holds the data folder, a second opener stops with a clear message (exit 3).
    const { proc, port } = await startServer(env);
    try {
      const locked = await run(['migrate'], env);
      expect(locked.code).toBe(3);
      expect(locked.stderr).toContain('allerede åben i en anden Helhed-proces');
      const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
      expect(health).toMatchObject({ database: 'pglite', migration: health.latestMigration });
      const token = t.stdout.trim();
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/organisations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Tokenbolig', shortName: 'TOK' }),
      });
      expect(res.status).toBe(201);
      const anon = await fetch(`http://127.0.0.1:${port}/api/v1/organisations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"x","shortName":"y"}',
      });
      expect(anon.status).toBe(401);
    } finally {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
    // After the server stopped, the folder is free again.
    expect((await run(['migrate'], env)).code).toBe(0);
  });

  it('refuses demo users outside demo mode', async () => {
    const d = await run(['demo'], { HELHED_DATA_DIR: join(dir, 'demo') });
    expect(d.code, d.stderr).toBe(0);
    const again = await run(['demo'], { HELHED_DATA_DIR: join(dir, 'demo') });
    expect(again.code).toBe(1);
    const { proc, port } = await startServer({ HELHED_DATA_DIR: join(dir, 'demo') });
    try {
      const page = await fetch(`http://127.0.0.1:${port}/login`);
      const cookie = page.headers.get('set-cookie') ?? '';
      const csrf = /helhed_csrf=([^;]+)/.exec(cookie)?.[1] ?? '';
      const res = await fetch(`http://127.0.0.1:${port}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: `helhed_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, email: 'admin@demo.test', password: 'demo-helhed-2026' }).toString(),
      });
      expect(res.status).toBe(401);
    } finally {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
  });
});
