/**
 * The `aggregate` command's options: what to roll up to, by which method over which
 * columns, and where the atlas data is. Contradictions are usage errors, found before any
 * file is read.
 */
import path from 'node:path';
import { DEFAULT_DATA_OPTIONS } from '../../data/defaults.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError } from '../input_error.ts';

const TARGETS = ['ward', 'msoa', 'lad'] as const;
export type Target = (typeof TARGETS)[number];
const METHODS = ['sum', 'mean', 'weighted-mean', 'rate'] as const;
export type Method = (typeof METHODS)[number];
export type Vintage = '2011' | '2021';

export interface Plan {
  method: Method;
  /** Columns the method reads, by role. */
  columns: { value?: string; weight?: string; numerator?: string; denominator?: string };
  scale: number;
}

export interface AggregateOptions {
  file: string;
  target: Target;
  /** The LSOA vintage the user named, for codes that fit both. */
  vintage: Vintage | undefined;
  plan: Plan;
  dataDir: string;
  rawDir: string;
  json: boolean;
}

/** @throws UsageError for a missing, unknown or contradictory option. */
export function parseAggregateArgs(args: string[]): AggregateOptions {
  const { file, values: opt } = parseCommandArgs(args, {
    to: { type: 'string' },
    method: { type: 'string' },
    value: { type: 'string' },
    weight: { type: 'string' },
    numerator: { type: 'string' },
    denominator: { type: 'string' },
    scale: { type: 'string' },
    vintage: { type: 'string' },
    data: { type: 'string' },
    raw: { type: 'string' },
    json: { type: 'boolean' },
  });
  return {
    file,
    target: oneOf('to', opt.to, TARGETS, true),
    vintage: oneOf('vintage', opt.vintage, ['2011', '2021'] as const, false),
    plan: planOf(opt),
    dataDir: path.resolve(opt.data ?? DEFAULT_DATA_OPTIONS.outDir),
    rawDir: path.resolve(opt.raw ?? DEFAULT_DATA_OPTIONS.rawDir),
    json: opt.json === true,
  };
}

function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  required: true,
): T;
function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  required: false,
): T | undefined;
function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  required: boolean,
): T | undefined {
  if (raw === undefined) {
    if (required) throw new UsageError(`--${name} is required: one of ${allowed.join(', ')}`);
    return undefined;
  }
  const hit = allowed.find((a) => a === raw);
  if (hit === undefined)
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${raw}"`);
  return hit;
}

/** The method and the columns it reads, from the options; contradictions are usage errors. */
function planOf(opt: {
  method?: string;
  value?: string;
  weight?: string;
  numerator?: string;
  denominator?: string;
  scale?: string;
}): Plan {
  const inferred: Method | undefined =
    opt.numerator !== undefined || opt.denominator !== undefined
      ? 'rate'
      : opt.weight !== undefined
        ? 'weighted-mean'
        : undefined;
  const method = oneOf('method', opt.method ?? inferred, METHODS, false);
  if (method === undefined) {
    throw new UsageError(
      '--method is required without --weight or --numerator/--denominator: sum for counts, mean for an unweighted mean',
    );
  }
  const scale = opt.scale === undefined ? 1 : Number(opt.scale);
  if (
    !(Number.isFinite(scale) && scale > 0) ||
    (opt.scale !== undefined && opt.scale.trim() === '')
  )
    throw new UsageError(`--scale must be a positive number, not "${opt.scale}"`);
  if (method !== 'rate' && opt.scale !== undefined)
    throw new UsageError('--scale applies to --method rate only');
  if (method === 'rate') {
    if (opt.numerator === undefined || opt.denominator === undefined)
      throw new UsageError('--method rate needs --numerator COLUMN and --denominator COLUMN');
    if (opt.weight !== undefined || opt.value !== undefined)
      throw new UsageError(
        '--method rate reads --numerator and --denominator, not --value or --weight',
      );
    return { method, columns: { numerator: opt.numerator, denominator: opt.denominator }, scale };
  }
  if (opt.numerator !== undefined || opt.denominator !== undefined)
    throw new UsageError(`--numerator/--denominator apply to --method rate, not ${method}`);
  const value = opt.value ?? 'value';
  if (method === 'weighted-mean') {
    if (opt.weight === undefined)
      throw new UsageError('--method weighted-mean needs --weight COLUMN');
    return { method, columns: { value, weight: opt.weight }, scale };
  }
  if (opt.weight !== undefined)
    throw new UsageError(`--weight applies to --method weighted-mean, not ${method}`);
  return { method, columns: { value }, scale };
}
