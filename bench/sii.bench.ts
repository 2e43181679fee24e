// SII simulation and life expectancy timings. The SII rows share one input (PHEindicatormethods
// LE_data, E06000001 males, 10 deciles) so only the number of draws changes between them.
import { lifeExpectancy } from '../workers/stats/life_expectancy.ts';
import { mulberry32 } from '../workers/stats/random.ts';
import { sii, type SiiQuantileInput } from '../workers/stats/sii.ts';
import { medianTime } from './time.ts';
import type { BenchRow } from './types.ts';

const POPULATIONS = [13837, 14519, 14940, 14599, 12311, 13196, 13335, 13388, 13685, 11779];
const VALUES = [
  70.56313911, 72.61347473, 75.06710359, 75.20662276, 76.23469045, 75.21801932, 77.09240397,
  79.84156222, 80.81329918, 82.73763832,
];
const SES = [
  1.133868862, 1.020288759, 1.108685178, 1.485618539, 1.311653285, 1.169033147, 1.306645801,
  1.090905616, 0.979426096, 1.319452272,
];
const DECILES: SiiQuantileInput[] = POPULATIONS.map((population, i) => ({
  quantile: i + 1,
  population,
  value: VALUES[i] ?? Number.NaN,
  se: SES[i] ?? Number.NaN,
}));

// The PHE worked example's deaths and populations, varied per area by a seeded +/-20%.
const LE_POPS = [
  7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820,
  37978, 37039, 33288, 23306, 11936, 11936,
];
const LE_DEATHS = [
  17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937,
];

function syntheticAreas(count: number): { deaths: Float64Array; population: Float64Array }[] {
  const u = mulberry32(2024);
  return Array.from({ length: count }, () => {
    const scale = 0.05 + 0.2 * u();
    return {
      deaths: Float64Array.from(LE_DEATHS, (d) => Math.round(d * scale * (0.8 + 0.4 * u()))),
      population: Float64Array.from(LE_POPS, (p) => Math.round(p * scale * (0.8 + 0.4 * u()))),
    };
  });
}

function siiRow(simulations: number, baseline?: string): Promise<BenchRow> {
  const name = `SII, ${simulations.toLocaleString('en-GB')} simulations, 10 deciles`;
  return medianTime(
    () => {
      const r = sii(DECILES, { simulations, seed: 1 });
      if (!r.ok) throw new Error(r.reason);
    },
    9,
    2,
  ).then((t) => ({
    name,
    ...t,
    ...(baseline ? { baseline } : {}),
    notes: 'seeded mulberry32 + Box-Muller, closed-form WLS per draw, quickselect percentiles',
  }));
}

export async function run(): Promise<BenchRow[]> {
  const base = await siiRow(1000);
  const rows = [base, await siiRow(10_000, base.name), await siiRow(100_000, base.name)];
  const areas = syntheticAreas(1000);
  let refused = 0;
  const le = await medianTime(
    () => {
      refused = 0;
      for (const area of areas) if (!lifeExpectancy(area.deaths, area.population).ok) refused++;
    },
    9,
    2,
  );
  rows.push({
    name: 'Life expectancy, 1,000 areas x 20 age bands',
    ...le,
    notes: `full life table with 95% limits at every age; ${refused} of 1,000 synthetic areas refused`,
  });
  return rows;
}
