/**
 * `funnel FILE.csv`: every area on a funnel plot, as PHEindicatormethods
 * `assign_funnel_significance` places it: value, 95% and 99.8% control limits at its own
 * denominator around a target (given, or the pooled value of all areas), and whether it lies
 * above or below them. The computation is workers/stats/funnel_significance.ts, the same
 * function the atlas's funnel plot uses.
 */
import { z } from 'zod';
import {
  classifyFunnel,
  funnelCountProblem,
  FUNNEL_BAND_WORDS,
  PHE_SIGNIFICANCE,
  type FunnelStatistic,
} from '../workers/stats/funnel_significance.ts';
import { decimalOption, parseCommandArgs } from './args.ts';
import { byArea } from './by_area.ts';
import { EXIT, type Command } from './command.ts';
import { InputError, UsageError } from './input_error.ts';
import { numberCell, readCsv, textCell } from './read_csv.ts';

const row = z.object({ area: textCell, numerator: numberCell, denominator: numberCell });

const DEFAULT_MULTIPLIER: Readonly<Record<FunnelStatistic, number>> = {
  proportion: 100,
  rate: 100_000,
};

const usage = `usage: npm run cli -- funnel FILE.csv [--statistic proportion|rate] [--multiplier M]
       [--target T]

FILE.csv columns: area,numerator,denominator. Rows with the same area are added up first.

  --statistic S     proportion (default; Wilson-based limits) or rate (a crude rate: events
                    over person-years; exact limits below 10 events, Byar's from 10)
  --multiplier M    values per M: default 100 (a percentage) for a proportion, 100000 for a rate
  --target T        the value to compare with, in the same units (e.g. 41.5 for 41.5%);
                    default: the pooled value of all areas (sum of numerators over sum of
                    denominators), as assign_funnel_significance does

Prints JSON: the target and, per area, value, limits (lower95, upper95, lower998, upper998 at
its denominator), band (above998, above95, within, below95, below998), in words, and
PHEindicatormethods' label ("High (0.001)" ...). Exit 0 computed, 1 refused, 2 bad input.`;

function statisticOption(raw: string | undefined): FunnelStatistic {
  if (raw === undefined) return 'proportion';
  if (raw === 'proportion' || raw === 'rate') return raw;
  throw new UsageError(`--statistic must be proportion or rate, not "${raw}"`);
}

const METHOD: Readonly<Record<FunnelStatistic, string>> = {
  proportion:
    "limits at each denominator: the proportion whose Wilson score interval just reaches the target (PHE funnel plot method, Spiegelhalter 2005); an area's proportion is compared with them, as PHEindicatormethods assign_funnel_significance",
  rate: "the target against the area's count limits (exact below 10 events, Byar's from 10) over its denominator, as PHEindicatormethods assign_funnel_significance; the limits shown are the rates at which that test changes verdict",
};

export const funnelCommand: Command = {
  summary: 'funnel plot limits and each area above, within or below them (95%, 99.8%)',
  usage,
  async run(args, out) {
    const { file, values } = parseCommandArgs(args, {
      statistic: { type: 'string' },
      multiplier: { type: 'string' },
      target: { type: 'string' },
    });
    const statistic = statisticOption(values.statistic);
    const multiplier = decimalOption(
      'multiplier',
      values.multiplier,
      DEFAULT_MULTIPLIER[statistic],
    );
    if (!(multiplier > 0)) throw new UsageError(`--multiplier must be above 0, not ${multiplier}`);
    const target = values.target === undefined ? null : decimalOption('target', values.target, 0);
    const table = await readCsv(file, ['area', 'numerator', 'denominator'], row);
    // Each row must be usable on its own, so that the message names its line and column.
    for (const r of table.rows) {
      const problem = funnelCountProblem(r.value, statistic);
      if (problem === null) continue;
      const column = /denominator must/.test(problem) ? 'denominator' : 'numerator';
      throw new InputError(file, r.line, column, String(r.value[column]), problem);
    }
    const areas = [...byArea(table.rows)].map(([area, { rows }]) => ({
      area,
      numerator: rows.reduce((s, r) => s + r.value.numerator, 0),
      denominator: rows.reduce((s, r) => s + r.value.denominator, 0),
    }));
    const result = classifyFunnel(areas, { statistic, multiplier, target });
    if (!result.ok) {
      out.stderr(`${file}: not computed: ${result.reason}\n`);
      return EXIT.refused;
    }
    const { verdicts } = result.value;
    const results = areas.map((a, i) => {
      const v = verdicts[i];
      if (!v) throw new Error('one verdict per area');
      const { lower95, upper95, lower998, upper998 } = v.limits;
      return {
        ...a,
        value: v.value,
        limits: { lower95, upper95, lower998, upper998 },
        band: v.band,
        significance: FUNNEL_BAND_WORDS[v.band],
        phe: PHE_SIGNIFICANCE[v.band],
      };
    });
    out.stdout(
      JSON.stringify(
        {
          file,
          statistic,
          multiplier,
          target: {
            value: result.value.target,
            source: result.value.pooled
              ? `pooled value of the ${areas.length} areas (sum of numerators over sum of denominators)`
              : 'given with --target',
          },
          method: METHOD[statistic],
          results,
        },
        null,
        2,
      ) + '\n',
    );
    return EXIT.ok;
  },
};
