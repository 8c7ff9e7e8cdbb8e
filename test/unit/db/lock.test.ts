import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLocked, lockDataDir, lockHolderOf } from '../../../src/db/database.ts';

describe('the embedded data folder lock', () => {
  let other: ChildProcess;
  beforeAll(async () => {
    other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    await new Promise((r) => other.once('spawn', r));
  });
  afterAll(() => other.kill());

  const folder = () => mkdtempSync(join(tmpdir(), 'helhed-lock-'));

  it('a lock held by a running process refuses a second opener', () => {
    const dir = folder();
    writeFileSync(join(dir, 'helhed.lock'), JSON.stringify(lockHolderOf(other.pid!)));
    expect(() => lockDataDir(dir)).toThrow(DataDirLocked);
  });

  it('a stale lock whose process id now belongs to another live process does not block the start', () => {
    const dir = folder();
    // The id is alive, but the process behind it started at another time than the one that wrote the lock.
    const holder = lockHolderOf(other.pid!);
    expect(holder.started).not.toBeNull();
    writeFileSync(join(dir, 'helhed.lock'), JSON.stringify({ ...holder, started: String(Number(holder.started) - 1) }));
    const unlock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, 'helhed.lock'), 'utf8')).pid).toBe(process.pid);
    unlock();
  });

  it('a lock from another boot and a lock of a dead process are taken over', () => {
    const dir = folder();
    writeFileSync(join(dir, 'helhed.lock'), JSON.stringify({ ...lockHolderOf(other.pid!), boot: 'another-boot' }));
    lockDataDir(dir)();
    writeFileSync(join(dir, 'helhed.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, started: '1', boot: null }));
    lockDataDir(dir)();
  });
});
