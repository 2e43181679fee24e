/**
 * The 2013 European Standard Population (Eurostat, Revision of the European Standard
 * Population, 2013) in the 19 five-year bands OHID uses for directly standardised rates,
 * as PHEindicatormethods' `esp2013`. It sums to 100,000.
 */
export const ESP2013_BANDS = [
  '0-4',
  '5-9',
  '10-14',
  '15-19',
  '20-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65-69',
  '70-74',
  '75-79',
  '80-84',
  '85-89',
  '90+',
] as const;
export type Esp2013Band = (typeof ESP2013_BANDS)[number];

export const ESP2013: readonly number[] = [
  5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000,
  2500, 1500, 1000,
];
