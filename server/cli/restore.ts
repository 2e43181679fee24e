/**
 * npm run restore -- --from backup.db [--db var/register.db] [--force]
 * Stop the server first. --force only overrides the running-server check (for a stale lock).
 */
import { BackupError, restoreRegister } from '../db/backup.ts';
import { defaultDbFile } from '../register/config.ts';
import { runningServerPid } from '../register/lock_file.ts';
import { cliArgs, fail, fileStamp } from './args.ts';

const { values } = cliArgs(
  { from: { type: 'string' }, db: { type: 'string' }, force: { type: 'boolean', default: false } },
  'npm run restore -- --from backup.db [--db file] [--force]',
);
if (!values.from) fail('--from <backup file> is required', 2);
const target = values.db ?? defaultDbFile();
const pid = runningServerPid(target);
if (pid !== null && !values.force) {
  fail(
    `refusing to restore: a server (pid ${pid}) is using ${target}. Stop it first, or pass --force if that process is not the register server.`,
  );
}
try {
  const { restored, previousCopy } = restoreRegister(values.from, target, fileStamp());
  process.stdout.write(
    `restored ${target} from ${values.from} (schema ${restored.schemaVersion}, ${restored.assets} assets)\n` +
      (previousCopy ? `the database it replaced was saved as ${previousCopy}\n` : ''),
  );
} catch (err) {
  fail(err instanceof BackupError ? `restore failed: ${err.message}` : String(err));
}
