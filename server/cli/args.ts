import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Parses CLI flags, printing usage and exiting 2 on unknown or malformed ones. */
export function cliArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\nusage: ${usage}\n`);
    process.exit(2);
  }
}

export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** 2026-11-22T05-40-36Z: sortable and safe in file names. */
export function fileStamp(d = new Date()): string {
  return d
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}
