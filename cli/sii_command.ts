/**
 * `sii FILE.csv`: slope and relative index of inequality with 95% limits from a CSV of
 * quantiles (columns quantile, population, value, and se or lower,upper).
 */
import { z } from 'zod';
import { sii, SII_DEFAULTS, type SiiQuantileInput } from '../workers/stats/sii.ts';
import { TRANSFORMS, type Transform } from '../workers/stats/transform.ts';
import { integerOption, parseCommandArgs } from './args.ts';
import { EXIT, type Command } from './command.ts';
import { InputError, UsageError } from './input_error.ts';
import { numberCell, readCsv } from './read_csv.ts';

const row = z.object({
  quantile: numberCell.pipe(z.number().int({ error: 'not a whole number' })),
  population: numberCell,
  value: numberCell,
  se: numberCell.optional(),
  lower: numberCell.optional(),
  upper: numberCell.optional(),
});

const usage = `usage: npm run cli -- sii FILE.csv [--simulations N] [--seed N] [--transform none|log|logit]

FILE.csv columns: quantile,population,value and either se or lower,upper (95% limits).
Quantile 1 is the MOST deprived. Proportions for --transform logit are 0..1, not percentages.

  --simulations N   draws for the 95% limits, at least 1000 (default ${SII_DEFAULTS.simulations})
  --seed N          random seed; the same seed gives the same limits (default ${SII_DEFAULTS.seed})
  --transform T     none (default), log for rates, logit for proportions

Prints JSON: sii, rii and range with lower95/upper95, method and simulations.
Exit 0 computed, 1 refused (reason printed), 2 bad input.`;

function isTransform(x: string): x is Transform {
  return (TRANSFORMS as readonly string[]).includes(x);
}

export const siiCommand: Command = {
  summary: 'slope index of inequality (SII) and RII across deprivation quantiles',
  usage,
  async run(args, out) {
    const { file, values } = parseCommandArgs(args, {
      simulations: { type: 'string' },
      seed: { type: 'string' },
      transform: { type: 'string' },
    });
    const simulations = integerOption('simulations', values.simulations, SII_DEFAULTS.simulations);
    if (simulations < 1000) {
      throw new UsageError(
        `--simulations must be at least 1000 (OHID uses 100000), not ${simulations}`,
      );
    }
    const seed = integerOption('seed', values.seed, SII_DEFAULTS.seed);
    const transform = values.transform ?? SII_DEFAULTS.transform;
    if (!isTransform(transform)) {
      throw new UsageError(
        `--transform must be one of ${TRANSFORMS.join(', ')}, not "${transform}"`,
      );
    }

    const table = await readCsv(file, ['quantile', 'population', 'value'], row);
    const useSe = table.columns.includes('se');
    if (!useSe && !(table.columns.includes('lower') && table.columns.includes('upper'))) {
      throw new InputError(
        file,
        1,
        'se',
        null,
        'missing column: give "se", or both "lower" and "upper"',
      );
    }
    const seen = new Map<number, number>();
    const rows: SiiQuantileInput[] = table.rows.map(({ line, value }) => {
      const first = seen.get(value.quantile);
      if (first !== undefined) {
        throw new InputError(
          file,
          line,
          'quantile',
          String(value.quantile),
          `duplicate quantile (first on line ${first})`,
        );
      }
      seen.set(value.quantile, line);
      const base = { quantile: value.quantile, population: value.population, value: value.value };
      return useSe
        ? { ...base, se: value.se }
        : { ...base, lower: value.lower, upper: value.upper };
    });

    const result = sii(rows, { simulations, seed, transform });
    if (!result.ok) {
      out.stdout(JSON.stringify({ refused: true, reason: result.reason }, null, 2) + '\n');
      out.stderr(`${file}: SII not computed: ${result.reason}\n`);
      return EXIT.refused;
    }
    out.stdout(JSON.stringify({ file, ...result.value }, null, 2) + '\n');
    return EXIT.ok;
  },
};
