/** Small helpers for command options, on top of node's `util.parseArgs`. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { confidenceLevels } from '../workers/stats/confidence.ts';
import { UsageError } from './input_error.ts';
import { numberCell } from './read_csv.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parse `args` strictly (unknown options are usage errors) and require exactly one
 * positional argument, the input file.
 */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
): {
  file: string;
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
} {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) throw new UsageError('missing the input FILE.csv');
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  return { file, values: parsed.values };
}

/** A whole number option (digits only), or the default when absent. */
export function integerOption(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, not "${raw}"`);
  return Number(raw);
}

/** A decimal number option (the same syntax as a CSV number cell), or the default. */
export function decimalOption(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const parsed = numberCell.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--${name} must be a number, not "${raw}"`);
  return parsed.data;
}

/**
 * `--confidence 95`, `--confidence 99.8` or `--confidence 95,99.8` (fractions such as 0.95
 * too): the levels as fractions, each between 90% and 99.9%.
 */
export function confidenceOption(raw: string | undefined): number[] {
  if (raw === undefined) return [0.95];
  const levels = confidenceLevels(
    raw.split(',').map((part) => decimalOption('confidence', part.trim(), Number.NaN)),
  );
  if (!levels.ok) throw new UsageError(`--confidence: ${levels.reason}`);
  return levels.value;
}
