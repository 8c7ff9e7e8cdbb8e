/**
 * `npm run bench` — Helhed at national scale on this machine (issue: performance).
 *
 * For each backend (PGlite and PostgreSQL): load the deterministic national data set, start the real server in a
 * child process, and for the heaviest page of each kind measure throughput and p50/p99 latency with autocannon on
 * loopback (16 connections, 20 s), then the same bytes served as a static twin by the same server; report each
 * page's throughput as a ratio of its twin. Also: report PDF time, national criteria for all estates, the open-data
 * export, first page after start (empty and existing embedded database), and the server's memory.
 * Writes the table to stdout and `docs/benchmarks.md` (with `--write`).
 *
 *   npm run bench -- [--backend pglite|postgres|both] [--duration 20] [--connections 16] [--write]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchPages, type BenchPage } from './pages.ts';
import { extraFigures, type Figure } from './figures.ts';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '16' },
    write: { type: 'boolean', default: false },
    seed: { type: 'string', default: '2026' },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/helhed.mjs');

export interface Server {
  base: string;
  token: string;
  child: ChildProcess;
  env: NodeJS.ProcessEnv;
  maxRssMb: number;
}

function run(argv: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`helhed ${argv.join(' ')} → ${code}`))));
    child.stdin.end(input ?? '');
  });
}

async function waitFor(url: string, timeoutMs = 120_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - t0;
    } catch {
      /* not yet */
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`${url} svarede ikke`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const serverEnv = { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', HELHED_BENCH_TWINS: '1' };
  const token = await run(['token', 'create', '--user', 'bench@national.test'], serverEnv);
  const child = spawn(process.execPath, [bin, 'serve'], { env: serverEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/healthz`);
  const server: Server = { base, token, child, env: serverEnv, maxRssMb: 0 };
  const timer = setInterval(() => (server.maxRssMb = Math.max(server.maxRssMb, rssMb(child.pid!))), 100);
  child.once('exit', () => clearInterval(timer));
  return server;
}

async function stop(s: Server) {
  s.child.kill('SIGTERM');
  await new Promise((r) => s.child.once('exit', r));
}

async function load(url: string, headers: Record<string, string>) {
  const r = await autocannon({ url, connections, duration, headers, pipelining: 1 });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

interface PageResult extends BenchPage {
  bytes: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  twinRps: number;
  ratio: number;
}

async function measurePages(s: Server, pages: BenchPage[]): Promise<PageResult[]> {
  const headers = { authorization: `Bearer ${s.token}` };
  const out: PageResult[] = [];
  for (const [i, p] of pages.entries()) {
    const res = await fetch(s.base + p.path, { headers });
    if (!res.ok) throw new Error(`${p.path} → ${res.status}`);
    const body = await res.arrayBuffer();
    await fetch(`${s.base}/__twin/p${i}`, {
      method: 'PUT',
      body,
      headers: { 'content-type': res.headers.get('content-type') ?? 'text/html' },
    });
    const live = await load(s.base + p.path, headers);
    const twin = await load(`${s.base}/__twin/p${i}`, {});
    out.push({ ...p, bytes: body.byteLength, ...live, twinRps: twin.rps, ratio: live.rps / twin.rps });
    console.log(
      `  ${p.label}: ${live.rps.toFixed(0)} req/s, p50 ${live.p50} ms, p99 ${live.p99} ms, ${((100 * live.rps) / twin.rps).toFixed(1)} % af statisk (${(body.byteLength / 1024).toFixed(0)} KB)`,
    );
  }
  return out;
}

async function backendEnv(kind: 'pglite' | 'postgres'): Promise<{ env: NodeJS.ProcessEnv; cleanup: () => Promise<void> }> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'helhed-bench-'));
    return { env: { ...base, HELHED_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `helhed_bench_${process.pid}`;
  const q = async (sql: string) => {
    const c = new pg.Client(admin);
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await q(`DROP DATABASE IF EXISTS ${name}`);
  await q(`CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return { env: { ...base, DATABASE_URL: u.toString() }, cleanup: () => q(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** First page after `npm start`: on an empty embedded database (demo load included), then on the existing one. */
async function startupFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'helhed-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HELHED_DATA_DIR: dir, PORT: '3991', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const once = async () => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, 'serve', '--demo'], { env, stdio: 'ignore' });
    await waitFor('http://127.0.0.1:3991/');
    const ms = performance.now() - t0;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    return ms;
  };
  const empty = await once();
  // The warm start: the median of three.
  const existing = [await once(), await once(), await once()].sort((a, b) => a - b)[1]!;
  rmSync(dir, { recursive: true, force: true });
  return [
    {
      label: 'Første side efter start, tom indlejret database (demo indlæst)',
      value: empty / 1000,
      unit: 's',
      target: 4,
      lowerIsBetter: true,
    },
    {
      label: 'Første side efter start, eksisterende indlejret database (median af tre)',
      value: existing / 1000,
      unit: 's',
      target: 1,
      lowerIsBetter: true,
    },
  ];
}

const pass = (f: Figure) => (f.lowerIsBetter ? f.value <= f.target : f.value >= f.target);
const fmt = (n: number, d = 1) => n.toLocaleString('da-DK', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  const backends = args.backend === 'both' ? (['pglite', 'postgres'] as const) : ([args.backend as 'pglite' | 'postgres'] as const);
  const sections: string[] = [];
  let allPass = true;
  // The rows of PGlite's own table that miss a target (its memory: its WebAssembly PostgreSQL is part of the process).
  let liteMisses = 0;
  const throughput: Record<string, Map<string, number>> = {};
  for (const kind of backends) {
    console.log(`\n== ${kind} ==`);
    const { env, cleanup } = await backendEnv(kind);
    try {
      const t0 = performance.now();
      await run(['demo', '--scale', 'national', '--seed', args.seed!], { ...env, LOG_LEVEL: 'warn' });
      console.log(`  national data: ${fmt((performance.now() - t0) / 1000)} s`);
      const server = await startServer(env, kind === 'pglite' ? 3981 : 3982);
      try {
        const pages = await measurePages(server, await benchPages(server));
        throughput[kind] = new Map(pages.map((p) => [p.label, p.rps]));
        // Issue 20: the server's RSS during the page benchmarks (the export below is measured on its own).
        const pagesRss = server.maxRssMb;
        const figures = await extraFigures(server, kind);
        figures.push({
          label: 'Serverens hukommelse under sidemålingerne (maks. RSS)',
          value: pagesRss,
          unit: 'MB',
          target: 250,
          lowerIsBetter: true,
        });
        const rows = pages.map((p) => {
          // Issue 20: a page p99 ≤ 50 ms and ≥ 10 % of its static twin; the report PDF ≥ 50 per second under load.
          const ok = p.errors === 0 && (p.path.endsWith('.pdf') ? p.rps >= 50 : p.p99 <= 50 && p.ratio >= 0.1);
          if (kind === 'postgres') allPass &&= ok;
          else if (!ok) liteMisses++;
          return `| ${p.label} | \`${p.path}\` | ${fmt(p.bytes / 1024, 0)} KB | ${fmt(p.rps, 0)} | ${p.p50} | ${p.p99} | ${fmt(p.twinRps, 0)} | ${fmt(100 * p.ratio)} % | ${ok ? 'ok' : 'IKKE OK'} |`;
        });
        const extra = figures
          .filter((f) => !f.onlyFor || f.onlyFor === kind)
          .map((f) => {
            const ok = pass(f);
            if (kind === 'postgres') allPass &&= ok;
            else if (!ok) liteMisses++;
            return `| ${f.label} | ${fmt(f.value, f.unit === 'ms' ? 0 : 2)} ${f.unit} | ${f.lowerIsBetter ? '≤' : '≥'} ${f.target} ${f.unit} | ${ok ? 'ok' : 'IKKE OK'} |`;
          });
        sections.push(
          `### ${kind === 'pglite' ? 'PGlite (indlejret)' : 'PostgreSQL'}\n\n| Side | Sti | Størrelse | req/s | p50 ms | p99 ms | statisk req/s | andel af statisk | mål: p99 ≤ 50 ms, ≥ 10 % (PDF: ≥ 50/s) |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n${rows.join('\n')}\n\n| Mål | Målt | Mål | |\n|---|---:|---|---|\n${extra.join('\n')}\n`,
        );
      } finally {
        await stop(server);
      }
    } finally {
      await cleanup();
    }
  }
  if (throughput.pglite && throughput.postgres) {
    // Issue 20: on PGlite within 2 × of PostgreSQL's throughput.
    const rows = [...throughput.postgres].map(([label, pgRps]) => {
      const liteRps = throughput.pglite!.get(label) ?? 0;
      const ok = liteRps * 2 >= pgRps;
      allPass &&= ok;
      return `| ${label} | ${fmt(liteRps, 0)} | ${fmt(pgRps, 0)} | ${fmt(liteRps / pgRps, 2)} | ${ok ? 'ok' : 'IKKE OK'} |`;
    });
    sections.push(
      `### PGlite mod PostgreSQL\n\n| Side | PGlite req/s | PostgreSQL req/s | forhold | mål: ≥ 0,5 |\n|---|---:|---:|---:|---|\n${rows.join('\n')}\n`,
    );
  }
  const startup = await startupFigures();
  sections.push(
    `### Opstart\n\n| Mål | Målt | Mål | |\n|---|---:|---|---|\n${startup.map((f) => `| ${f.label} | ${fmt(f.value, 2)} ${f.unit} | ≤ ${f.target} ${f.unit} | ${pass(f) ? 'ok' : 'IKKE OK'} |`).join('\n')}\n`,
  );
  allPass &&= startup.every(pass);
  const machine = `${cpus().length} kerner (${cpus()[0]?.model ?? 'ukendt'}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
  const report = `## Kørsel ${new Date().toISOString().slice(0, 10)}\n\nMaskine: ${machine}. ${connections} forbindelser, ${duration} s pr. måling, autocannon på loopback; data: \`helhed demo --scale national --seed ${args.seed}\`.\n\n${sections.join('\n')}`;
  console.log(`\n${report}`);
  if (args.write) {
    const file = join(root, 'docs/benchmarks.md');
    const current = readFileSync(file, 'utf8');
    const marker = '<!-- latest run -->';
    const [head] = current.split(marker);
    writeFileSync(file, `${head!.trimEnd()}\n\n${marker}\n${report}`);
  }
  console.log(
    allPass ? '\nAlle mål nået på PostgreSQL, i opstarten og for PGlite mod PostgreSQL.' : '\nIkke alle mål er nået (se IKKE OK).',
  );
  if (liteMisses) console.log(`PGlite's egen tabel: ${liteMisses} mål IKKE OK.`);
}

await main();
