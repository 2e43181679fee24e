/**
 * The shape shared by the `proportion` and `rate` commands: a CSV of area, numerator and
 * denominator, rows of one area added up (as PHEindicatormethods does with grouped data),
 * one statistic per area with limits at the asked confidence levels.
 */
import { z } from 'zod';
import type { Interval } from '../workers/stats/confidence.ts';
import type { Result } from '../workers/stats/result.ts';
import { confidenceOption, decimalOption, parseCommandArgs } from './args.ts';
import { byArea, printPerArea } from './by_area.ts';
import type { Command } from './command.ts';
import { numberCell, readCsv, textCell } from './read_csv.ts';

const row = z.object({ area: textCell, numerator: numberCell, denominator: numberCell });

interface Spec {
  summary: string;
  usage: string;
  /** Multiplier when --multiplier is not given. */
  multiplier: number;
  compute(
    numerator: number,
    denominator: number,
    options: { confidence: number[]; multiplier: number },
  ): Result<{ value: number; intervals: Interval[] }>;
}

export function numeratorDenominatorCommand(spec: Spec): Command {
  return {
    summary: spec.summary,
    usage: spec.usage,
    async run(args, out) {
      const { file, values } = parseCommandArgs(args, {
        confidence: { type: 'string' },
        multiplier: { type: 'string' },
      });
      const confidence = confidenceOption(values.confidence);
      const multiplier = decimalOption('multiplier', values.multiplier, spec.multiplier);
      const table = await readCsv(file, ['area', 'numerator', 'denominator'], row);
      return printPerArea(file, out, byArea(table.rows), (_area, { rows }) => {
        const sum = (key: 'numerator' | 'denominator'): number =>
          rows.reduce((s, r) => s + r.value[key], 0);
        return spec.compute(sum('numerator'), sum('denominator'), { confidence, multiplier });
      });
    },
  };
}
