/** `rate FILE.csv`: crude rates with exact (under 10 events) or Byar limits (phe_rate). */
import { crudeRate } from '../workers/stats/crude_rate.ts';
import { numeratorDenominatorCommand } from './numerator_denominator.ts';

export const rateCommand = numeratorDenominatorCommand({
  summary: 'crude rates with exact or Byar limits (phe_rate)',
  multiplier: 100_000,
  compute: crudeRate,
  usage: `usage: npm run cli -- rate FILE.csv [--confidence 95,99.8] [--multiplier 100000]

FILE.csv columns: area,numerator (events),denominator (person-years). Rows with the same
area are added up first.

  --confidence C    level(s), 90 to 99.9, e.g. 95,99.8 (default 95)
  --multiplier M    rate per M (default 100000)

Prints JSON per area: value with intervals (exact below 10 events, Byar's from 10, as
PHEindicatormethods phe_rate), or why it was not computed. Exit 0 computed, 1 all refused,
2 bad input.`,
});
