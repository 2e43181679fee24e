// Life expectancy from a user's CSV, in the inequality worker: the same answers as the CLI's
// published-value tests, every problem located, and the SII across local deprivation groups.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  lifeExpectancyAtBirth,
  lifeExpectancyByDeprivation,
  parseLifeExpectancyCsv,
  type AreaBands,
} from '../../workers/inequality/life_expectancy_csv.ts';
import { createInequalityWorker } from '../../workers/inequality/inequality.worker.ts';
import { REPO_ROOT } from '../../data/defaults.ts';

const STATS = path.join(REPO_ROOT, 'test', 'fixtures', 'stats');
const read = (file: string) => readFile(path.join(STATS, file), 'utf8');

function areas(text: string): AreaBands[] {
  const parsed = parseLifeExpectancyCsv(text);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.areas;
}

describe('reading the CSV', () => {
  it('gives the PHE worked example, a refusal and a suppression, as the CLI does', async () => {
    const [example, small, oneDeath] = areas(await read('le_three_areas.csv')).map(
      lifeExpectancyAtBirth,
    );
    // PHE calculator worked example: 80.16960813 (79.88268548 to 80.45653078
    // with 1.96; 79.88269075 to 80.45652551 with qnorm(0.975), as PHEindicatormethods).
    expect(example?.e0).toBeCloseTo(80.16960813, 6);
    expect(example?.lower95).toBeCloseTo(79.88269075, 6);
    expect(example?.upper95).toBeCloseTo(80.45652551, 6);
    expect(small).toMatchObject({
      area: 'Too small',
      e0: null,
      reason: 'total person-years 2883 is 5,000 or fewer, too few for a robust life expectancy',
    });
    expect(oneDeath?.e0).toBeNull();
    expect(oneDeath?.reason).toMatch(/95% confidence interval is [\d.]+ years wide/);
  });

  it.each([
    ['le_unknown_band_90-94.csv', 'line 21, column age_band: unknown age band'],
    [
      'le_duplicate_band_15-19.csv',
      'line 7, column age_band: duplicate age band for area "PHE example" (first on line 6)',
    ],
    [
      'le_missing_band_55-59.csv',
      'line 2, column age_band: area "PHE example" has no row for age band "55-59"',
    ],
    ['le_non_numeric_deaths.csv', 'line 4, column deaths: not a number of 0 or more (got "four")'],
    ['sii_le_e06000001_male_se.csv', 'line 1: missing column "area", "age_band", "deaths"'],
  ])('locates the problem in %s', async (file, message) => {
    const parsed = parseLifeExpectancyCsv(await read(file));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join('\n')).toContain(message);
  });

  it('takes the columns in any order and case', () => {
    const rows = ['Population,DEATHS,age_band,Area'];
    for (const band of [
      '0',
      '1-4',
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
    ])
      rows.push(`1000,${band === '90+' ? 300 : 2},${band},X`);
    const [x] = areas(rows.join('\r\n'));
    expect(x?.area).toBe('X');
    expect(x?.deaths[19]).toBe(300);
  });
});

describe('SII of life expectancy across local deprivation groups', () => {
  // Ten areas A..J with scores 10..1 (A most deprived), deaths falling with deprivation.
  const frame = {
    codes: 'ABCDEFGHIJ'.split(''),
    scores: Float64Array.from([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]),
  };
  const make = (area: string, scale: number): AreaBands => ({
    area,
    deaths: Float64Array.from(
      [20, 4, 2, 2, 5, 8, 10, 14, 20, 30, 45, 70, 100, 150, 220, 320, 450, 600, 650, 700],
      (d) => Math.round(d * scale),
    ),
    population: Float64Array.from([
      6000, 24000, 30000, 30000, 30000, 32000, 34000, 34000, 33000, 32000, 33000, 34000, 32000,
      28000, 25000, 22000, 16000, 11000, 6000, 3000,
    ]),
  });
  const all = frame.codes.map((c, i) => make(c, 1.5 - i / 10));

  it('pools each quintile band by band and fits the SII to their life expectancies', () => {
    const r = lifeExpectancyByDeprivation(all, frame, 5, { simulations: 10_000, seed: 3 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.groups.map((g) => g.areas)).toEqual([2, 2, 2, 2, 2]);
    // Quintile 1 pools A and B: its e0 is the life table of their summed deaths and people.
    const pooled = lifeExpectancyAtBirth({
      area: 'q1',
      deaths: Float64Array.from(all[0]?.deaths ?? [], (d, b) => d + (all[1]?.deaths[b] ?? 0)),
      population: Float64Array.from(
        all[0]?.population ?? [],
        (p, b) => p + (all[1]?.population[b] ?? 0),
      ),
    });
    expect(r.value.groups[0]?.e0).toBeCloseTo(pooled.e0 ?? NaN, 10);
    // Fewer deaths in less deprived areas: positive SII (least minus most deprived end).
    expect(r.value.sii.sii.value).toBeGreaterThan(0);
    expect(r.value.sii.sii.lower95).toBeLessThan(r.value.sii.sii.value);
  });

  it('refuses when a group has no area of the file, or an area is not on the map', () => {
    const r = lifeExpectancyByDeprivation(all.slice(2), frame, 5, { simulations: 1000, seed: 1 });
    expect(r).toEqual({ ok: false, reason: 'quintile 1 has no area in the file' });
    const stranger = lifeExpectancyByDeprivation([make('Z', 1)], frame, 5, {
      simulations: 1000,
      seed: 1,
    });
    expect(stranger).toEqual({ ok: false, reason: 'area "Z" is not one of the areas on the map' });
  });

  it('runs in the worker: areas not on the map are listed and left out of the SII', async () => {
    const csv = ['area,age_band,deaths,population'];
    for (const a of [...all, make('Elsewhere', 1)])
      a.deaths.forEach((d, b) =>
        csv.push(
          `${a.area},${['0', '1-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85-89', '90+'][b]},${d},${a.population[b]}`,
        ),
      );
    const answer = await createInequalityWorker().lifeExpectancy({
      text: csv.join('\n'),
      frame: { codes: frame.codes, scores: frame.scores },
      quantiles: 5,
      simulations: 1000,
      seed: 1,
    });
    if (!answer.ok) throw new Error(answer.problems.join());
    expect(answer.areas).toHaveLength(11);
    expect(answer.notOnMap).toEqual(['Elsewhere']);
    expect(answer.inequality?.ok).toBe(true);
  });

  it('refuses malformed worker input', async () => {
    await expect(
      createInequalityWorker().lifeExpectancy({
        text: 'x',
        frame: { codes: ['A'], scores: new Float64Array(2) },
        quantiles: 5,
        simulations: 1000,
        seed: 1,
      }),
    ).rejects.toThrow(/one IMD score per area code/);
  });
});
