/**
 * npm run restore -- --from backup.db [--db var/register.db]
 * Stop the server first: restore takes the database's exclusive lock and is refused while any
 * other process has it open.
 */
import { BackupError, restoreRegister } from '../db/backup.ts';
import { defaultDbFile } from '../register/config.ts';
import { DatabaseInUseError } from '../db/exclusive_lock.ts';
import { cliArgs, fail, fileStamp } from './args.ts';

const { values } = cliArgs(
  { from: { type: 'string' }, db: { type: 'string' } },
  'npm run restore -- --from backup.db [--db file]',
);
if (!values.from) fail('--from <backup file> is required', 2);
const target = values.db ?? defaultDbFile();
try {
  const { restored, previousCopy } = restoreRegister(values.from, target, fileStamp());
  process.stdout.write(
    `restored ${target} from ${values.from} (schema ${restored.schemaVersion}, ${restored.assets} assets)\n` +
      (previousCopy ? `the database it replaced was saved as ${previousCopy}\n` : ''),
  );
} catch (err) {
  fail(
    err instanceof BackupError || err instanceof DatabaseInUseError
      ? `refusing to restore: ${err.message}`
      : String(err),
  );
}
