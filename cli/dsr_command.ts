/**
 * `dsr FILE.csv`: directly standardised rates with Dobson limits per area, standardised to
 * the 2013 European Standard Population (or a standard_population column).
 */
import { z } from 'zod';
import { dsr } from '../workers/stats/dsr.ts';
import { ESP2013, ESP2013_BANDS } from '../workers/stats/standard_population.ts';
import { confidenceOption, decimalOption, parseCommandArgs } from './args.ts';
import { byArea, printPerArea } from './by_area.ts';
import type { Command } from './command.ts';
import { InputError } from './input_error.ts';
import { numberCell, readCsv, textCell } from './read_csv.ts';

const row = z.object({
  area: textCell,
  age_band: textCell,
  count: numberCell,
  population: numberCell,
  standard_population: numberCell.optional(),
});

const usage = `usage: npm run cli -- dsr FILE.csv [--confidence 95,99.8] [--multiplier 100000]

FILE.csv columns: area,age_band,count,population with one row per area and age band, the
bands of the 2013 European Standard Population: ${ESP2013_BANDS.join(', ')}.
With a standard_population column, that standard is used instead, bands in file order.

  --confidence C    level(s), 90 to 99.9, e.g. 95,99.8 (default 95)
  --multiplier M    rate per M (default 100000)

Prints JSON per area: value with intervals (Dobson et al. 1991, as PHEindicatormethods
calculate_dsr); no value below 10 events in total, as Fingertips. Exit 0 computed, 1 all
refused, 2 bad input.`;

export const dsrCommand: Command = {
  summary: 'directly standardised rates with Dobson limits, ESP 2013 (calculate_dsr)',
  usage,
  async run(args, out) {
    const { file, values } = parseCommandArgs(args, {
      confidence: { type: 'string' },
      multiplier: { type: 'string' },
    });
    const confidence = confidenceOption(values.confidence);
    const multiplier = decimalOption('multiplier', values.multiplier, 100_000);
    const table = await readCsv(file, ['area', 'age_band', 'count', 'population'], row);
    const ownStandard = table.columns.includes('standard_population');
    return printPerArea(file, out, byArea(table.rows), (area, { firstLine, rows }) => {
      let counts: number[];
      let populations: number[];
      let standard: number[] = [...ESP2013];
      if (ownStandard) {
        counts = rows.map((r) => r.value.count);
        populations = rows.map((r) => r.value.population);
        standard = rows.map((r) => r.value.standard_population ?? Number.NaN);
      } else {
        const lines = new Map<string, number>();
        counts = ESP2013.map(() => Number.NaN);
        populations = ESP2013.map(() => Number.NaN);
        for (const { line, value } of rows) {
          const i = (ESP2013_BANDS as readonly string[]).indexOf(value.age_band);
          if (i < 0) {
            throw new InputError(
              file,
              line,
              'age_band',
              value.age_band,
              `not an ESP 2013 band; use ${ESP2013_BANDS.join(', ')} or give a standard_population column`,
            );
          }
          const first = lines.get(value.age_band);
          if (first !== undefined) {
            throw new InputError(
              file,
              line,
              'age_band',
              value.age_band,
              `duplicate age band for area "${area}" (first on line ${first})`,
            );
          }
          lines.set(value.age_band, line);
          counts[i] = value.count;
          populations[i] = value.population;
        }
        const missing = ESP2013_BANDS.filter((b) => !lines.has(b));
        if (missing.length > 0) {
          throw new InputError(
            file,
            firstLine,
            'age_band',
            null,
            `area "${area}" has no row for age band ${missing.map((b) => `"${b}"`).join(', ')}`,
          );
        }
      }
      return dsr(counts, populations, { confidence, multiplier, standard });
    });
  },
};
