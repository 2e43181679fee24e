import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  backupRegister,
  checkRegisterFile,
  restoreRegister,
  BackupError,
} from '../../server/db/backup.ts';
import { openRegister } from '../../server/register/plugin.ts';
import {
  runCli,
  startServer,
  submission,
  tempDir,
  waitForExit,
  type Child,
  removeTempDirs,
} from './helpers.ts';

function count(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM assets').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('backup while the server is writing, and restore', () => {
  const dir = tempDir();
  const dbFile = path.join(dir, 'register.db');
  let server: Child | undefined;
  afterAll(() => {
    if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
  });

  it('takes consistent backups during a stream of submissions, and restores one', async () => {
    server = await startServer(dbFile);
    const url = server.url;
    let stop = false;
    let acked = 0;
    const writer = async () => {
      while (!stop) {
        const res = await fetch(`${url}/api/assets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(submission({ serviceName: `Backup stream ${acked}` })),
        });
        if (res.status === 201) acked++;
        await res.arrayBuffer();
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    const backups: { file: string; assets: number; ackedBefore: number }[] = [];
    for (let i = 0; i < 3; i++) {
      while (acked < (i + 1) * 40) await new Promise((r) => setTimeout(r, 5));
      const file = path.join(dir, `backup-${i}.db`);
      const ackedBefore = acked;
      const check = backupRegister(dbFile, file);
      backups.push({ file, assets: check.assets, ackedBefore });
    }
    stop = true;
    await Promise.all(writers);
    const [first, , last] = backups;
    if (!first || !last) throw new Error('backups missing');

    for (const b of backups) {
      // Opens on its own (no WAL beside it) and passes the integrity check.
      expect(existsSync(`${b.file}-wal`)).toBe(false);
      const db = new Database(b.file, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      // Every asset has its history row: the copy is one committed state, not a torn one.
      const orphans = db
        .prepare(
          'SELECT count(*) FROM assets a WHERE NOT EXISTS (SELECT 1 FROM asset_history h WHERE h.asset_id = a.id)',
        )
        .pluck()
        .get();
      expect(orphans).toBe(0);
      db.close();
      expect(b.assets).toBeGreaterThanOrEqual(b.ackedBefore);
    }
    expect(last.assets).toBeGreaterThan(first.assets);
    expect(() => backupRegister(dbFile, first.file)).toThrow(/already exists/);

    // Restore refuses while the server runs.
    const refused = await runCli('server/cli/restore.ts', ['--from', first.file, '--db', dbFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refusing to restore: .* is in use by another process/);

    server.proc.kill('SIGTERM');
    await waitForExit(server.proc);
    const finalCount = count(dbFile);
    expect(finalCount).toBeGreaterThanOrEqual(acked);

    const restored = await runCli('server/cli/restore.ts', ['--from', first.file, '--db', dbFile]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(count(dbFile)).toBe(first.assets);
    const previous = /saved as (\S+)/.exec(restored.stdout)?.[1];
    expect(previous && count(previous)).toBe(finalCount);

    // And the restored database serves again.
    const again = await openRegister({ file: dbFile, seed: false, lock: false });
    expect(await again.assets.count()).toBe(first.assets);
    again.close();
  });

  it('refuses to restore from something that is not a register backup', () => {
    const target = path.join(dir, 'target.db');
    const junk = path.join(dir, 'junk.db');
    writeFileSync(junk, 'SQLite format 3\u0000 but not really');
    expect(() => restoreRegister(junk, target, 'x')).toThrow(BackupError);
    const foreign = path.join(dir, 'foreign.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE assets (id INTEGER)');
    db.close();
    expect(checkRegisterFile(foreign)).toEqual({
      ok: false,
      reason: 'not a Gap Atlas register database (wrong application id)',
    });
    expect(() => restoreRegister(foreign, target, 'x')).toThrow(/not a usable register backup/);
    expect(existsSync(target)).toBe(false);
  });
});

afterAll(removeTempDirs);
