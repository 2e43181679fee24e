/** `proportion FILE.csv`: proportions with Wilson score limits per area (phe_proportion). */
import { proportion } from '../workers/stats/proportion.ts';
import { numeratorDenominatorCommand } from './numerator_denominator.ts';

export const proportionCommand = numeratorDenominatorCommand({
  summary: 'proportions with Wilson score limits (phe_proportion)',
  multiplier: 1,
  compute: proportion,
  usage: `usage: npm run cli -- proportion FILE.csv [--confidence 95,99.8] [--multiplier 100]

FILE.csv columns: area,numerator,denominator. Rows with the same area are added up first.

  --confidence C    level(s), 90 to 99.9, e.g. 95,99.8 (default 95)
  --multiplier M    1 for a proportion (default), 100 for a percentage

Prints JSON per area: value with intervals (Wilson score, as PHEindicatormethods
phe_proportion), or why it was not computed. Exit 0 computed, 1 all refused, 2 bad input.`,
});
