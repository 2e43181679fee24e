/**
 * `sii FILE.csv`: slope and relative index of inequality with 95% limits from a CSV of
 * quantiles (columns quantile, population, value, and se or lower,upper), for one area or,
 * with a `group` column, for many at once (as `phe_sii` takes grouped data).
 */
import { z } from 'zod';
import {
  sii,
  SII_DEFAULTS,
  VALUE_TYPES,
  type SiiQuantileInput,
  type ValueType,
} from '../workers/stats/sii.ts';
import { TRANSFORMS, type Transform } from '../workers/stats/transform.ts';
import { confidenceOption, decimalOption, integerOption, parseCommandArgs } from './args.ts';
import { EXIT, type Command } from './command.ts';
import { InputError, UsageError } from './input_error.ts';
import { numberCell, readCsv } from './read_csv.ts';

const row = z.object({
  group: z.string().optional(),
  quantile: numberCell.pipe(z.number().int({ error: 'not a whole number' })),
  population: numberCell,
  value: numberCell,
  se: numberCell.optional(),
  lower: numberCell.optional(),
  upper: numberCell.optional(),
});

const usage = `usage: npm run cli -- sii FILE.csv [--simulations N] [--seed N] [--transform none|log|logit]
       [--value-type normal|rate|proportion] [--confidence 95,99.8] [--multiplier M]

FILE.csv columns: quantile,population,value and either se or lower,upper (95% limits);
optionally group (an area or period name): one SII per group, as phe_sii on grouped data.
Quantile 1 is the MOST deprived. Proportions are 0..1, not percentages.

  --simulations N   draws for the limits, at least 1000 (default ${SII_DEFAULTS.simulations})
  --seed N          random seed; the same seed gives the same limits (default ${SII_DEFAULTS.seed})
  --value-type V    normal (default), rate or proportion: a rate's or proportion's limits are
                    simulated on the log or logit scale (give lower,upper, not se) and the
                    line is fitted in its own units, as phe_sii does by default
  --transform T     none (default); log (rates) or logit (proportions) fits the line on that scale
  --confidence C    level(s) of "intervals", 90 to 99.9, e.g. 95,99.8 (default 95)
  --multiplier M    scale of SII and range, e.g. 100 for percentage points; negative flips the
                    sign and inverts the RII (default 1); write a negative one as --multiplier=-100

Prints JSON: sii, rii and range with lower95/upper95 and intervals, method and simulations;
with a group column, {file, results: [{group, ...}]}.
Exit 0 computed, 1 refused (reason printed), 2 bad input.`;

function isValueType(x: string): x is ValueType {
  return (VALUE_TYPES as readonly string[]).includes(x);
}

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
      'value-type': { type: 'string' },
      confidence: { type: 'string' },
      multiplier: { type: 'string' },
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

    const valueType = values['value-type'];
    if (valueType !== undefined && !isValueType(valueType)) {
      throw new UsageError(
        `--value-type must be one of ${VALUE_TYPES.join(', ')}, not "${valueType}"`,
      );
    }
    const confidence = confidenceOption(values.confidence);
    const multiplier = decimalOption('multiplier', values.multiplier, SII_DEFAULTS.multiplier);
    if (multiplier === 0) throw new UsageError('--multiplier must not be 0');

    const table = await readCsv(file, ['quantile', 'population', 'value'], row);
    const grouped = table.columns.includes('group');
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
    const groups = new Map<string, { seen: Map<number, number>; rows: SiiQuantileInput[] }>();
    for (const { line, value } of table.rows) {
      const name = value.group ?? '';
      if (grouped && name === '') {
        throw new InputError(file, line, 'group', null, 'empty: name the group of every row');
      }
      const group = groups.get(name) ?? { seen: new Map<number, number>(), rows: [] };
      groups.set(name, group);
      const first = group.seen.get(value.quantile);
      if (first !== undefined) {
        const within = grouped ? ` in group "${name}"` : '';
        throw new InputError(
          file,
          line,
          'quantile',
          String(value.quantile),
          `duplicate quantile${within} (first on line ${first})`,
        );
      }
      group.seen.set(value.quantile, line);
      const base = { quantile: value.quantile, population: value.population, value: value.value };
      group.rows.push(
        useSe ? { ...base, se: value.se } : { ...base, lower: value.lower, upper: value.upper },
      );
    }

    const options = {
      simulations,
      seed,
      transform,
      confidence,
      multiplier,
      ...(valueType === undefined ? {} : { valueType }),
    };
    if (!grouped) {
      const result = sii(groups.get('')?.rows ?? [], options);
      if (!result.ok) {
        out.stdout(JSON.stringify({ refused: true, reason: result.reason }, null, 2) + '\n');
        out.stderr(`${file}: SII not computed: ${result.reason}\n`);
        return EXIT.refused;
      }
      out.stdout(JSON.stringify({ file, ...result.value }, null, 2) + '\n');
      return EXIT.ok;
    }
    // Grouped: one answer per group; a refused group says why and the others still compute.
    let refused = 0;
    const results = [...groups].map(([group, { rows }]) => {
      const result = sii(rows, options);
      if (result.ok) return { group, ...result.value };
      refused++;
      out.stderr(`${file}: SII not computed for group "${group}": ${result.reason}\n`);
      return { group, refused: true, reason: result.reason };
    });
    out.stdout(JSON.stringify({ file, results }, null, 2) + '\n');
    return refused === groups.size ? EXIT.refused : EXIT.ok;
  },
};
