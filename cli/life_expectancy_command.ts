/**
 * `life-expectancy FILE.csv`: life expectancy at birth (and at any band age, e.g. 65) per area
 * from deaths and populations in the 20 standard age bands (columns area, age_band, deaths,
 * population), with 95% limits and any other confidence levels asked for.
 */
import { z } from 'zod';
import { confidenceLabels } from '../workers/stats/confidence.ts';
import {
  AGE_BAND_STARTS,
  AGE_BANDS,
  lifeExpectancy,
  lifeExpectancyAt,
  LIFE_EXPECTANCY_METHOD,
  type AgeBand,
} from '../workers/stats/life_expectancy.ts';
import { confidenceOption, parseCommandArgs } from './args.ts';
import { EXIT, type Command } from './command.ts';
import { InputError, UsageError } from './input_error.ts';
import { numberCell, readCsv, textCell } from './read_csv.ts';

const row = z.object({
  area: textCell,
  age_band: z.enum(AGE_BANDS, {
    error: `unknown age band; use ${AGE_BANDS.join(', ')}`,
  }),
  deaths: numberCell,
  population: numberCell,
});

const usage = `usage: npm run cli -- life-expectancy FILE.csv [--age 0,65] [--confidence 95,99.8]

FILE.csv columns: area,age_band,deaths,population with one row per area and age band;
age bands ${AGE_BANDS.join(', ')}. Populations are person-years.

  --age A           ages to report, each the start of a band (${AGE_BAND_STARTS.join(', ')});
                    default 0 (at birth)
  --confidence C    confidence level(s) of "intervals", 90 to 99.9, e.g. 95,99.8 (default 95)

Limits are e +/- qnorm(level) x SE (PHEindicatormethods); a value whose 95% interval is wider
than 20 years is not shown, with the width in the reason.

Prints JSON per area: e0 (life expectancy at birth, years) with lower95/upper95, or the
reason it is not shown, and "ages": each asked age with its value, lower95/upper95 and
intervals at every level. Exit 0 computed, 2 bad input.`;

/** `--age 0,65`: band start ages, checked against the bands. */
function ageOption(raw: string | undefined): number[] {
  if (raw === undefined) return [0];
  return raw.split(',').map((part) => {
    const age = Number(part.trim());
    if (!/^\d+$/.test(part.trim()) || !AGE_BAND_STARTS.includes(age)) {
      throw new UsageError(
        `--age must be band start ages from ${AGE_BAND_STARTS.join(', ')}, not "${part}"`,
      );
    }
    return age;
  });
}

interface AreaBands {
  firstLine: number;
  deaths: Float64Array;
  population: Float64Array;
  lines: Map<AgeBand, number>;
}

export const lifeExpectancyCommand: Command = {
  summary: 'life expectancy at birth or any age per area (Chiang II with Silcocks 90+ variance)',
  usage,
  async run(args, out) {
    const { file, values } = parseCommandArgs(args, {
      age: { type: 'string' },
      confidence: { type: 'string' },
    });
    const ages = ageOption(values.age);
    const confidence = confidenceOption(values.confidence);
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
      const table = lifeExpectancy(area.deaths, area.population, { confidence });
      if (!table.ok) {
        const none = { e0: null, lower95: null, upper95: null, reason: table.reason };
        return { area: name, ...none, ages: [] };
      }
      const birth = table.value.ages[0];
      return {
        area: name,
        e0: birth?.value ?? null,
        lower95: birth?.lower95 ?? null,
        upper95: birth?.upper95 ?? null,
        reason: birth?.suppressed ?? null,
        ages: ages.map((age) => {
          const at = lifeExpectancyAt(table.value, age);
          if (!at.ok) throw new UsageError(at.reason);
          const { band, startAge, value, lower95, upper95, intervals, suppressed } = at.value;
          return { age: startAge, band, value, lower95, upper95, intervals, reason: suppressed };
        }),
      };
    });
    const header = {
      file,
      method: LIFE_EXPECTANCY_METHOD,
      units: 'years',
      confidence: confidenceLabels(confidence),
    };
    out.stdout(JSON.stringify({ ...header, results }, null, 2) + '\n');
    return EXIT.ok;
  },
};
