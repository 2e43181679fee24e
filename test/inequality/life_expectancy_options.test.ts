// The life expectancy panel's options: the age (0 or 65) and the level of the limits (95% or
// 99.8%), and each area's comparison with all the file's areas together.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  areaLifeExpectancy,
  parseLifeExpectancyCsv,
  pooledBands,
} from '../../workers/inequality/life_expectancy_csv.ts';
import { createInequalityWorker } from '../../workers/inequality/inequality.worker.ts';
import { lifeExpectancy, lifeExpectancyAt } from '../../workers/stats/life_expectancy.ts';
import { zFor } from '../../workers/stats/confidence.ts';
import { REPO_ROOT } from '../../data/defaults.ts';

const fixture = (dir: string, file: string) =>
  readFile(path.join(REPO_ROOT, 'test', 'fixtures', dir, file), 'utf8');

async function example() {
  const parsed = parseLifeExpectancyCsv(await fixture('stats', 'le_three_areas.csv'));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const first = parsed.areas[0];
  if (!first) throw new Error('no area');
  return first;
}

describe('areaLifeExpectancy', () => {
  it('gives life expectancy at 65 as the engine’s lifeExpectancyAt does', async () => {
    const bands = await example();
    const table = lifeExpectancy(bands.deaths, bands.population);
    if (!table.ok) throw new Error(table.reason);
    const at65 = lifeExpectancyAt(table.value, 65);
    if (!at65.ok) throw new Error(at65.reason);
    const e = areaLifeExpectancy(bands, { age: 65 });
    expect(e.age).toBe(65);
    expect(e.e0).toBe(at65.value.value);
    expect(e.lower95).toBe(at65.value.lower95);
    // At 65 fewer years remain than at birth, less 65.
    expect(e.e0 ?? 0).toBeGreaterThan(15);
    expect(e.e0 ?? 99).toBeLessThan(25);
  });

  it('widens the limits at 99.8% by z(0.999) / z(0.975) about the same value', async () => {
    const bands = await example();
    const at95 = areaLifeExpectancy(bands);
    const at998 = areaLifeExpectancy(bands, { level: 0.998 });
    expect(at998.e0).toBe(at95.e0);
    expect(at998.lower95).toBe(at95.lower95);
    const half95 = ((at95.upper95 ?? 0) - (at95.lower95 ?? 0)) / 2;
    const half998 = ((at998.upper ?? 0) - (at998.lower ?? 0)) / 2;
    // PHE worked example: 95% half-width 0.28691738 years; 3.0902 / 1.9600 of it at 99.8%.
    expect(half95).toBeCloseTo(0.28691738, 6);
    expect(half998).toBeCloseTo((half95 * zFor(0.998)) / zFor(0.95), 10);
    expect(half998).toBeCloseTo(0.45238, 4);
  });

  it('pools the file’s areas band by band', async () => {
    const bands = await example();
    const twice = pooledBands([bands, bands], 'both');
    expect(twice.deaths[19]).toBe(2 * (bands.deaths[19] ?? 0));
    // Twice the deaths and person-years: the same life expectancy, narrower limits.
    const one = areaLifeExpectancy(bands);
    const two = areaLifeExpectancy(twice);
    expect(two.e0).toBeCloseTo(one.e0 ?? NaN, 10);
    expect((two.upper95 ?? 0) - (two.lower95 ?? 0)).toBeCloseTo(
      ((one.upper95 ?? 0) - (one.lower95 ?? 0)) / Math.SQRT2,
      8,
    );
  });
});

describe('the worker: each ward compared with the whole file', () => {
  it('says better, similar or worse at the level asked, and fewer differ at 99.8%', async () => {
    const text = await fixture('analysis', 'ward_life_expectancy.csv');
    const worker = createInequalityWorker();
    const ask = (level: 0.95 | 0.998, age: 0 | 65) =>
      worker.lifeExpectancy({
        text,
        frame: { codes: [], scores: new Float64Array(0) },
        quantiles: 5,
        simulations: 1000,
        seed: 1,
        age,
        level,
      });
    const a95 = await ask(0.95, 0);
    const a998 = await ask(0.998, 0);
    if (!a95.ok || !a998.ok) throw new Error('refused');
    expect(a95.total.e0).not.toBeNull();
    for (const a of a95.areas) {
      if (a.e0 === null || a.lower === null || a.upper === null || a.comparison === null) continue;
      const total = a95.total.e0 ?? NaN;
      const expected = a.lower > total ? 'better' : a.upper < total ? 'worse' : 'similar';
      expect(a.comparison.verdict).toBe(expected);
    }
    const differing = (x: typeof a95) =>
      x.ok ? x.areas.filter((a) => a.comparison && a.comparison.verdict !== 'similar').length : 0;
    expect(differing(a95)).toBeGreaterThan(0);
    expect(differing(a998)).toBeLessThanOrEqual(differing(a95));
    const at65 = await ask(0.95, 65);
    if (!at65.ok) throw new Error('refused');
    expect(at65.total.age).toBe(65);
    expect(at65.total.e0 ?? 99).toBeLessThan(a95.total.e0 ?? 0);
  });
});
