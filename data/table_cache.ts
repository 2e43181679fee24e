import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { parseCsvTable, type Row } from './csv_table.ts';
import { REPO_ROOT } from './defaults.ts';

/**
 * Validated rows of the big raw CSV files kept between processes: validating the
 * England-wide IoD files and lookups row by row costs about 20 s on a loaded 2-core machine,
 * reading the stored rows well under one. The key is the file's bytes, the schema's name and
 * the code that parses and validates (data/, contracts/, workers/csv/), so a changed file, a
 * changed schema or a changed reader is parsed afresh; a file that fails is never stored.
 */
const DIR = path.join(REPO_ROOT, '.gap-atlas/cache/tables');
/** Smaller files parse faster than their stored rows would load. */
const MIN_BYTES = 512 * 1024;

let codeHash: Promise<string> | null = null;

async function hashOfCode(): Promise<string> {
  const h = createHash('sha256');
  for (const dir of ['data', 'contracts', 'workers/csv']) {
    const abs = path.join(REPO_ROOT, dir);
    if (!existsSync(abs)) continue;
    const files = (await readdir(abs, { recursive: true })).filter((f) => f.endsWith('.ts')).sort();
    for (const f of files) {
      h.update(`${dir}/${f}`);
      h.update(await readFile(path.join(abs, f)));
    }
  }
  return h.digest('hex');
}

export async function readCsvTableCached<S extends z.ZodType>(
  file: string,
  displayName: string,
  schemaName: string,
  schema: S,
): Promise<Row<z.infer<S>>[]> {
  const bytes = await readFile(file);
  const parse = () => parseCsvTable(bytes.toString('utf8'), displayName, schema);
  if (bytes.length < MIN_BYTES) return parse();
  const key = createHash('sha256')
    .update(await (codeHash ??= hashOfCode()))
    .update(schemaName)
    .update(bytes)
    .digest('hex');
  const stored = path.join(DIR, `${schemaName}-${key.slice(0, 32)}.json`);
  try {
    return JSON.parse(await readFile(stored, 'utf8')) as Row<z.infer<S>>[];
  } catch {
    // Not stored yet (or unreadable): parse, then store for the next process.
  }
  const rows = parse();
  try {
    await mkdir(DIR, { recursive: true });
    const tmp = `${stored}.${process.pid}-${Math.random().toString(36).slice(2)}`;
    await writeFile(tmp, JSON.stringify(rows));
    await rename(tmp, stored);
  } catch {
    // Best effort: the rows are valid whether or not they could be stored.
  }
  return rows;
}
