/**
 * `isr FILE.csv`: indirectly standardised ratios (e.g. SMRs), or rates with --rate, per area,
 * from counts and populations by age band beside the reference population's.
 */
import { z } from 'zod';
import { isRate, isRatio } from '../workers/stats/isr.ts';
import { confidenceOption, decimalOption, parseCommandArgs } from './args.ts';
import { byArea, printPerArea } from './by_area.ts';
import type { Command } from './command.ts';
import { numberCell, readCsv, textCell } from './read_csv.ts';

const row = z.object({
  area: textCell,
  age_band: textCell,
  count: numberCell,
  population: numberCell,
  ref_count: numberCell,
  ref_population: numberCell,
});

const usage = `usage: npm run cli -- isr FILE.csv [--rate] [--confidence 95,99.8] [--ref-value 100]
       [--multiplier 100000]

FILE.csv columns: area,age_band,count,population,ref_count,ref_population with one row per
area and age band: the area's events and population, and the reference (e.g. England)
events and population in that band.

  --rate            an indirectly standardised rate instead of a ratio
  --confidence C    level(s), 90 to 99.9, e.g. 95,99.8 (default 95)
  --ref-value V     ratio of an area like the reference: 1 (default) or 100
  --multiplier M    with --rate, rate per M (default 100000)

Prints JSON per area: observed, expected, value with intervals (exact below 10 events, Byar's
from 10, as PHEindicatormethods calculate_ISRatio / calculate_ISRate). Exit 0 computed, 1 all
refused, 2 bad input.`;

export const isrCommand: Command = {
  summary: 'indirectly standardised ratios and rates (calculate_ISRatio, calculate_ISRate)',
  usage,
  async run(args, out) {
    const { file, values } = parseCommandArgs(args, {
      rate: { type: 'boolean' },
      confidence: { type: 'string' },
      'ref-value': { type: 'string' },
      multiplier: { type: 'string' },
    });
    const confidence = confidenceOption(values.confidence);
    const refValue = decimalOption('ref-value', values['ref-value'], 1);
    const multiplier = decimalOption('multiplier', values.multiplier, 100_000);
    const columns = ['area', 'age_band', 'count', 'population', 'ref_count', 'ref_population'];
    const table = await readCsv(file, columns, row);
    return printPerArea(file, out, byArea(table.rows), (_area, { rows }) => {
      const input = {
        observed: rows.map((r) => r.value.count),
        populations: rows.map((r) => r.value.population),
        refCounts: rows.map((r) => r.value.ref_count),
        refPopulations: rows.map((r) => r.value.ref_population),
      };
      return values.rate
        ? isRate(input, { confidence, multiplier })
        : isRatio(input, { confidence, refValue });
    });
  },
};
