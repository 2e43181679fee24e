/**
 * npx tsx server/cli/import.ts --file assets.csv [--format csv|geojson] [--db file] [--dry-run]
 * Validates every row; imports all of them in one transaction, or none.
 */
import { readFileSync } from 'node:fs';
import { defaultDataDir } from '../register/config.ts';
import { openAnyRegister } from '../register/plugin.ts';
import { RegisterService } from '../register/service.ts';
import { ValidationError } from '../register/validation.ts';
import { cliArgs, fail } from './args.ts';

const { values } = cliArgs(
  {
    file: { type: 'string' },
    format: { type: 'string' },
    db: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
  'tsx server/cli/import.ts --file f.csv|f.geojson [--format csv|geojson] [--db file] [--dry-run]',
);
if (!values.file) fail('--file is required', 2);
const format = values.format ?? (/\.csv$/i.test(values.file) ? 'csv' : 'geojson');
if (format !== 'csv' && format !== 'geojson') fail('--format must be csv or geojson', 2);

// Rows are checked against the area the served register covers: the built authority's outline.
const register = await openAnyRegister({
  file: values.db,
  seed: false,
  lock: false,
  dataDir: defaultDataDir(),
});
try {
  const service = new RegisterService(register.assets, register.config);
  const result = await service.import(
    readFileSync(values.file, 'utf8'),
    format,
    { type: 'import', userId: null },
    values['dry-run'],
  );
  process.stdout.write(
    values['dry-run']
      ? `${result.valid} rows valid; nothing written (dry run)\n`
      : `imported ${result.ids.length} assets (ids ${result.ids[0]}-${result.ids.at(-1)})\n`,
  );
} catch (err) {
  if (!(err instanceof ValidationError)) throw err;
  process.stderr.write(`${err.message}\n`);
  for (const f of err.fields) {
    process.stderr.write(
      `  ${f.row !== undefined ? `row ${f.row}, ` : ''}${f.field}: ${f.message}\n`,
    );
  }
  process.exitCode = 1;
} finally {
  await register.close();
}
