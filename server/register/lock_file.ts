import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** `<db>.pid`: which process serves this database, so restore can refuse to pull it away. */
export function lockPath(dbFile: string): string {
  return `${dbFile}.pid`;
}

export function writeLock(dbFile: string): void {
  writeFileSync(lockPath(dbFile), `${process.pid}\n`);
}

export function removeLock(dbFile: string): void {
  try {
    if (readFileSync(lockPath(dbFile), 'utf8').trim() === String(process.pid)) {
      rmSync(lockPath(dbFile), { force: true });
    }
  } catch {
    // Already gone: nothing to release.
  }
}

/** The pid of a live process serving `dbFile`, or null (no lock, or the process is gone). */
export function runningServerPid(dbFile: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(lockPath(dbFile), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
