/**
 * npm run backup -- [--db var/register.db] [--out var/backups/register-<time>.db]
 * Safe while the server is running.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BackupError, backupRegister } from '../db/backup.ts';
import { defaultDbFile, REPO_ROOT } from '../register/config.ts';
import { cliArgs, fail, fileStamp } from './args.ts';

const { values } = cliArgs(
  { db: { type: 'string' }, out: { type: 'string' } },
  'npm run backup -- [--db file] [--out file]',
);
const db = values.db ?? defaultDbFile();
const out = values.out ?? path.join(REPO_ROOT, 'var', 'backups', `register-${fileStamp()}.db`);
try {
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const check = backupRegister(db, out);
  process.stdout.write(
    `backup written to ${out} (schema ${check.schemaVersion}, ${check.assets} assets, ${check.users} moderators, integrity ok)\n`,
  );
} catch (err) {
  fail(err instanceof BackupError ? `backup failed: ${err.message}` : String(err));
}
