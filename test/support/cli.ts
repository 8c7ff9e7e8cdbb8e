import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The `helhed` command as users run it (the compiled server in dist/). */
export const bin = join(process.cwd(), 'bin', 'helhed.mjs');

/** Runs `helhed ARGS` on the embedded database unless `env` says otherwise; resolves with its exit code and output. */
export function run(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.stdin.end(input ?? '');
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Starts `helhed serve` on a free port and resolves once it says where it listens. */
export function startServer(env: Record<string, string>): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    });
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ proc, port: Number(m[1]) });
    });
    proc.on('exit', (code) => reject(new Error(`serve stopped (${code}): ${out}`)));
  });
}
