/**
 * `life-expectancy FILE.csv`: life expectancy at birth per area from deaths and populations in
 * the 20 standard age bands (columns area, age_band, deaths, population).
 */
import { z } from 'zod';
import {
  AGE_BANDS,
  lifeExpectancy,
  LIFE_EXPECTANCY_METHOD,
  type AgeBand,
} from '../workers/stats/life_expectancy.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT, type Command } from './command.ts';
import { InputError } from './input_error.ts';
import { numberCell, readCsv, textCell } from './read_csv.ts';

const row = z.object({
  area: textCell,
  age_band: z.enum(AGE_BANDS, {
    error: `unknown age band; use ${AGE_BANDS.join(', ')}`,
  }),
  deaths: numberCell,
  population: numberCell,
});

const usage = `usage: npm run cli -- life-expectancy FILE.csv

FILE.csv columns: area,age_band,deaths,population with one row per area and age band;
age bands ${AGE_BANDS.join(', ')}. Populations are person-years.

Prints JSON per area: e0 (life expectancy at birth, years) with lower95/upper95, or the
reason it is not shown. Exit 0 computed, 2 bad input.`;

interface AreaBands {
  firstLine: number;
  deaths: Float64Array;
  population: Float64Array;
  lines: Map<AgeBand, number>;
}

export const lifeExpectancyCommand: Command = {
  summary: 'life expectancy at birth per area (Chiang II with Silcocks 90+ variance)',
  usage,
  async run(args, out) {
    const { file } = parseCommandArgs(args, {});
    const table = await readCsv(file, ['area', 'age_band', 'deaths', 'population'], row);

    const areas = new Map<string, AreaBands>();
    for (const { line, value } of table.rows) {
      let area = areas.get(value.area);
      if (area === undefined) {
        area = {
          firstLine: line,
          deaths: new Float64Array(AGE_BANDS.length),
          population: new Float64Array(AGE_BANDS.length),
          lines: new Map(),
        };
        areas.set(value.area, area);
      }
      const first = area.lines.get(value.age_band);
      if (first !== undefined) {
        throw new InputError(
          file,
          line,
          'age_band',
          value.age_band,
          `duplicate age band for area "${value.area}" (first on line ${first})`,
        );
      }
      const i = AGE_BANDS.indexOf(value.age_band);
      area.lines.set(value.age_band, line);
      area.deaths[i] = value.deaths;
      area.population[i] = value.population;
    }
    for (const [name, area] of areas) {
      const missing = AGE_BANDS.filter((band) => !area.lines.has(band));
      if (missing.length > 0) {
        throw new InputError(
          file,
          area.firstLine,
          'age_band',
          null,
          `area "${name}" has no row for age band ${missing.map((b) => `"${b}"`).join(', ')}`,
        );
      }
    }

    const results = [...areas].map(([name, area]) => {
      const table = lifeExpectancy(area.deaths, area.population);
      if (!table.ok) {
        return { area: name, e0: null, lower95: null, upper95: null, reason: table.reason };
      }
      const birth = table.value.ages[0];
      return {
        area: name,
        e0: birth?.value ?? null,
        lower95: birth?.lower95 ?? null,
        upper95: birth?.upper95 ?? null,
        reason: birth?.suppressed ?? null,
      };
    });
    out.stdout(
      JSON.stringify({ file, method: LIFE_EXPECTANCY_METHOD, units: 'years', results }, null, 2) +
        '\n',
    );
    return EXIT.ok;
  },
};
