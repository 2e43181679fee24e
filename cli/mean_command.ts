/** `mean FILE.csv`: the mean of each area's values with Student's t limits (phe_mean). */
import { z } from 'zod';
import { mean } from '../workers/stats/mean.ts';
import { confidenceOption, parseCommandArgs } from './args.ts';
import { byArea, printPerArea } from './by_area.ts';
import type { Command } from './command.ts';
import { numberCell, readCsv, textCell } from './read_csv.ts';

const row = z.object({ area: textCell, value: numberCell });

const usage = `usage: npm run cli -- mean FILE.csv [--confidence 95,99.8]

FILE.csv columns: area,value with one row per observation.

  --confidence C    level(s), 90 to 99.9, e.g. 95,99.8 (default 95)

Prints JSON per area: value (the mean), sd, count and intervals (mean -/+ t x sd / sqrt(n), as
PHEindicatormethods phe_mean), or why it was not computed. Exit 0 computed, 1 all refused,
2 bad input.`;

export const meanCommand: Command = {
  summary: "means with Student's t limits (phe_mean)",
  usage,
  async run(args, out) {
    const { file, values } = parseCommandArgs(args, { confidence: { type: 'string' } });
    const confidence = confidenceOption(values.confidence);
    const table = await readCsv(file, ['area', 'value'], row);
    return printPerArea(file, out, byArea(table.rows), (_area, { rows }) =>
      mean(
        rows.map((x) => x.value.value),
        { confidence },
      ),
    );
  },
};
