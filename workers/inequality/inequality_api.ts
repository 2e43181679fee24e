/**
 * The inequality worker's whole API (workers/inequality/inequality.worker.ts) and the zod
 * schemas of what crosses into it, checked once where it enters. Types and schemas only: safe
 * on either thread.
 */
import { z } from 'zod';
import type { InequalityInput, InequalityOutput } from './inequality_by_deprivation.ts';
import type { AreaLifeExpectancy, LifeExpectancyInequality } from './life_expectancy_csv.ts';
import type { Result } from '../stats/result.ts';
import type { Comparison } from '../significance/compare.ts';

export type { InequalityInput, InequalityOutput } from './inequality_by_deprivation.ts';
export type { AreaLifeExpectancy, LifeExpectancyInequality } from './life_expectancy_csv.ts';

export interface LifeExpectancyRequest {
  /** The CSV text, read in the browser from the user's file. */
  text: string;
  /** The geography on the map: its codes and IMD scores, for the SII across local quantiles. */
  frame: { codes: string[]; scores: Float64Array };
  quantiles: 5 | 10;
  simulations: number;
  seed: number;
  /** Age the life expectancy is at: 0 (at birth, the default) or 65. */
  age?: 0 | 65;
  /** Level of each area's limits and of its comparison with the file's total (default 0.95). */
  level?: 0.95 | 0.998;
}

/** An area's life expectancy compared with all the file's areas together. */
export interface ComparedLifeExpectancy extends AreaLifeExpectancy {
  /** better/similar/worse than `total` at the request's level; null without a value. */
  comparison: Comparison | null;
}

export type LifeExpectancyAnswer =
  | { ok: false; problems: string[] }
  | {
      ok: true;
      areas: ComparedLifeExpectancy[];
      /** All the file's areas together (deaths and person-years summed by age band). */
      total: AreaLifeExpectancy;
      /** Over the file's areas that are areas on the map; null when none of them is. */
      inequality: Result<LifeExpectancyInequality> | null;
      /** Areas of the file that are not areas on the map, so not in the SII. */
      notOnMap: string[];
    };

export interface InequalityApi {
  /** SII, RII and range of an indicator across deprivation groups (100,000 draws take ~50 ms). */
  inequality(input: InequalityInput): Promise<Result<InequalityOutput>>;
  /**
   * Life expectancy per area of a CSV at birth or 65, each compared with the file's total, and
   * its SII when the areas are the map's.
   */
  lifeExpectancy(request: LifeExpectancyRequest): Promise<LifeExpectancyAnswer>;
}

const Quantiles = z.union([z.literal(5), z.literal(10)]);
const Simulations = z.number().int().min(1000).max(1_000_000);
const Seed = z.number().int();

export const InequalityInputSchema = z
  .object({
    values: z.instanceof(Float64Array),
    populations: z.instanceof(Float64Array),
    deprivation: z.instanceof(Float64Array),
    grouping: z.enum(['local', 'national']),
    quantiles: Quantiles,
    simulations: Simulations,
    seed: Seed,
  })
  .refine(
    (r) => r.values.length === r.populations.length && r.values.length === r.deprivation.length,
    { message: 'values, populations and deprivation must have one entry per area' },
  );

/** 20 MB of text at most: far more than any authority's deaths by area and age band. */
const MAX_TEXT = 20 * 1024 * 1024;

export const LifeExpectancyRequestSchema = z
  .object({
    text: z.string().max(MAX_TEXT),
    frame: z.object({ codes: z.array(z.string()), scores: z.instanceof(Float64Array) }),
    quantiles: Quantiles,
    simulations: Simulations,
    seed: Seed,
    age: z.union([z.literal(0), z.literal(65)]).optional(),
    level: z.union([z.literal(0.95), z.literal(0.998)]).optional(),
  })
  .refine((r) => r.frame.codes.length === r.frame.scores.length, {
    message: 'one IMD score per area code',
  });

/** Parses a worker input, throwing a TypeError that names what was wrong. */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new TypeError(`Invalid ${name}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
