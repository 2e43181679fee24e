import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  lifeExpectancy,
  lifeExpectancyAt,
} from '../../workers/stats/life_expectancy.ts';
import { Z_975 } from '../../workers/stats/normal.ts';

// Worked example published with PHEindicatormethods (tests/testthat/testLifeExpectancy.R,
// `df1` and `answer1`; the same data are the phe_life_expectancy help example). The published
// limits are the PHE life expectancy calculator's, e +/- 1.96 SE (they agree with 1.96 to 8
// decimals); PHEindicatormethods and we use qnorm(0.975) and its test rounds to 4 decimals.
// To keep the comparison at 6 decimals the published limits are moved onto qnorm(0.975)
// exactly: same midpoint, half-width x qnorm(0.975) / 1.96 (a change of 5e-6 years at most).
const POPS = [
  7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820,
  37978, 37039, 33288, 23306, 11936, 11936,
];
const DEATHS = [
  17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937,
];
const PUBLISHED = {
  value: [
    80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542, 60.67510088, 55.78835987,
    50.92752727, 46.06740425, 41.24505636, 36.49322717, 31.83343842, 27.26027992, 22.9719144,
    18.76856852, 14.95858336, 11.51684445, 8.618849241, 6.163942934, 6.16210635,
  ],
  lower: [
    79.88268548, 79.0898816, 75.17407307, 70.20675732, 65.26548673, 60.41876577, 55.53801579,
    50.68279939, 45.82666794, 41.00842831, 36.26223216, 31.60996318, 27.04337271, 22.76653134,
    18.57570352, 14.77985004, 11.34831778, 8.451134045, 5.978358351, 5.887683386,
  ],
  upper: [
    80.45653078, 79.63503188, 75.70979983, 70.7392414, 65.79270412, 60.931436, 56.03870395,
    51.17225516, 46.30814055, 41.48168441, 36.72422219, 32.05691365, 27.47718713, 23.17729746,
    18.96143352, 15.13731667, 11.68537112, 8.786564437, 6.349527517, 6.436529314,
  ],
};

/** Published 1.96 limits moved to qnorm(0.975): the same midpoint and SE. */
function toQnorm(lower: readonly number[], upper: readonly number[]): [number[], number[]] {
  const mid = lower.map((l, i) => (l + (upper[i] ?? Number.NaN)) / 2);
  const half = lower.map((l, i) => (((upper[i] ?? Number.NaN) - l) / 2) * (Z_975 / 1.96));
  return [mid.map((m, i) => m - (half[i] ?? 0)), mid.map((m, i) => m + (half[i] ?? 0))];
}
const [LOWER_Q, UPPER_Q] = toQnorm(PUBLISHED.lower, PUBLISHED.upper);
const EXPECTED = { value: PUBLISHED.value, lower: LOWER_Q, upper: UPPER_Q };

describe('lifeExpectancy: PHE worked example', () => {
  const result = lifeExpectancy(DEATHS, POPS);

  it('computes', () => {
    expect(result.ok).toBe(true);
  });

  it.each(AGE_BANDS.map((band, i) => [band, i] as const))(
    'matches the published value and 95%% limits at age band %s to 6 decimals',
    (band, i) => {
      if (!result.ok) throw new Error(result.reason);
      const row = result.value.ages[i];
      expect(row?.band).toBe(band);
      expect(row?.suppressed).toBeNull();
      expect(row?.value).toBeCloseTo(EXPECTED.value[i] ?? Number.NaN, 6);
      expect(row?.lower95).toBeCloseTo(EXPECTED.lower[i] ?? Number.NaN, 6);
      expect(row?.upper95).toBeCloseTo(EXPECTED.upper[i] ?? Number.NaN, 6);
    },
  );
});

describe('lifeExpectancy: published suppression example', () => {
  // `df_widecis_plus` Area 2 and `answer_widecis` in testLifeExpectancy.R, which
  // PHEindicatormethods computes with qnorm(0.975) as we now do: compared as published.
  const limitsOf = ([lower, upper]: readonly number[]): [number, number] => [
    lower ?? Number.NaN,
    upper ?? Number.NaN,
  ];
  const pops = [
    270, 235, 246, 248, 243, 238, 246, 257, 261, 355, 350, 356, 346, 339, 337, 337, 333, 323, 311,
    311,
  ];
  const deaths = [17, 9, 4, 8, 20, 15, 24, 33, 50, 51, 10, 16, 26, 30, 36, 22, 13, 5, 6, 1];
  const shown = [
    [19.22914685, 16.43900644, 22.01928726],
    [19.4412061, 16.53437505, 22.34803716],
    [18.33467808, 15.6292255, 21.04013066],
    [14.67659995, 12.0810863, 17.27211361],
    [11.81284556, 9.21823373, 14.40745738],
    [11.63815414, 8.68414661, 14.59216167],
    [10.05641628, 6.54020385, 13.57262872],
    [9.93152356, 4.71570153, 15.14734559],
    [11.95846561, 2.37762283, 21.53930839],
  ];
  const suppressedLimits = [
    [-1.6069521, 50.29765396],
    [-10.33328815, 97.99598549],
    [-17.16409724, 107.54413263],
    [-26.91715103, 128.91238524],
    [-45.04820928, 181.91668353],
    [-76.27067271, 278.06441642],
    [-137.12203187, 472.32822039],
    [-195.39453664, 649.40455756],
    [-242.37480291, 783.50845564],
    [-266.74198466, 841.04259816],
    [-298.548804, 920.548804],
  ];

  it('shows ages 0-35 and suppresses 40+ (95% CI over 20 years) but keeps their limits', () => {
    const result = lifeExpectancy(deaths, pops);
    if (!result.ok) throw new Error(result.reason);
    const ages = result.value.ages;
    shown.forEach(([value, ...limits], i) => {
      const [lower, upper] = limitsOf(limits);
      expect(ages[i]?.suppressed).toBeNull();
      expect(ages[i]?.value).toBeCloseTo(value ?? Number.NaN, 6);
      expect(ages[i]?.lower95).toBeCloseTo(lower, 6);
      expect(ages[i]?.upper95).toBeCloseTo(upper, 6);
    });
    suppressedLimits.forEach((limits, j) => {
      const [lower, upper] = limitsOf(limits);
      const row = ages[shown.length + j];
      expect(row?.value).toBeNull();
      expect(row?.suppressed).toMatch(
        /^the 95% confidence interval is [\d.]+ years wide, more than 20$/,
      );
      expect(row?.lower95).toBeCloseTo(lower, 5);
      expect(row?.upper95).toBeCloseTo(upper, 5);
    });
  });

  it('refuses Area 1, whose 90+ band has 312 deaths in 311 people', () => {
    const more = [...deaths];
    more[19] = 312;
    expect(lifeExpectancy(more, pops)).toEqual({
      ok: false,
      reason: 'age band 90+ has more deaths (312) than population (311)',
    });
  });
});

describe('lifeExpectancy refusals (METHODS.md section 3)', () => {
  const withBand = (values: number[], i: number, x: number): number[] =>
    values.map((v, j) => (j === i ? x : v));

  it('refuses a band with zero population', () => {
    const r = lifeExpectancy(DEATHS, withBand(POPS, 5, 0));
    expect(!r.ok && r.reason).toBe(
      'age band 20-24 has a population of 0; every age band needs people in it',
    );
  });

  it('refuses negative deaths', () => {
    const r = lifeExpectancy(withBand(DEATHS, 3, -5), POPS);
    expect(!r.ok && r.reason).toBe('age band 10-14 has -5 deaths; deaths must be 0 or more');
  });

  it('refuses 5,000 or fewer person-years (published df_low_pops, 2,883 person-years)', () => {
    const pops = [
      128, 152, 120, 176, 194, 180, 145, 149, 107, 185, 165, 109, 100, 122, 133, 189, 123, 121, 147,
      138,
    ];
    const deaths = [58, 93, 78, 94, 59, 71, 80, 73, 69, 72, 91, 69, 78, 71, 54, 91, 82, 53, 50, 84];
    const r = lifeExpectancy(deaths, pops);
    expect(!r.ok && r.reason).toBe(
      'total person-years 2883 is 5,000 or fewer, too few for a robust life expectancy',
    );
  });

  it('accepts 5,001 person-years and refuses exactly 5,000', () => {
    const flat = (total: number): number[] => {
      const each = Array<number>(20).fill(250);
      each[0] = total - 250 * 19;
      return each;
    };
    const deaths = Array<number>(20).fill(1);
    expect(lifeExpectancy(deaths, flat(5001)).ok).toBe(true);
    expect(lifeExpectancy(deaths, flat(5000)).ok).toBe(false);
  });

  it('refuses when the 90+ band has no death', () => {
    const r = lifeExpectancy(withBand(DEATHS, 19, 0), POPS);
    expect(!r.ok && r.reason).toMatch(/no deaths in the 90\+ band/);
  });

  it('refuses a missing band', () => {
    const r = lifeExpectancy(DEATHS.slice(0, 19), POPS.slice(0, 19));
    expect(!r.ok && r.reason).toMatch(/needs all 20 age bands/);
  });
});

describe('lifeExpectancy: other confidence levels and ages (phe_life_expectancy le_age, confidence)', () => {
  it('gives 95% and 99.8% limits at once, each e +/- qnorm(level) x the published SE', () => {
    const r = lifeExpectancy(DEATHS, POPS, { confidence: [95, 99.8] });
    if (!r.ok) throw new Error(r.reason);
    r.value.ages.forEach((row, i) => {
      const se = ((PUBLISHED.upper[i] ?? 0) - (PUBLISHED.lower[i] ?? 0)) / (2 * 1.96);
      const [c95, c998] = row.intervals;
      expect(c95?.confidence).toBe(0.95);
      expect(c95?.lower).toBeCloseTo(EXPECTED.lower[i] ?? Number.NaN, 6);
      expect(c998?.confidence).toBe(0.998);
      expect(c998?.lower).toBeCloseTo((EXPECTED.value[i] ?? 0) - 3.090232306167813 * se, 6);
      expect(c998?.upper).toBeCloseTo((EXPECTED.value[i] ?? 0) + 3.090232306167813 * se, 6);
      // lower95/upper95 stay the 95% limits whatever is asked.
      expect(row.lower95).toBe(c95?.lower);
    });
  });

  it('gives life expectancy at 65, and at 5 and 25 as the package test answer2 does', () => {
    const r = lifeExpectancy(DEATHS, POPS);
    if (!r.ok) throw new Error(r.reason);
    for (const [age, index] of [
      [65, 14],
      [5, 2],
      [25, 6],
    ] as const) {
      const at = lifeExpectancyAt(r.value, age);
      if (!at.ok) throw new Error(at.reason);
      expect(at.value.band).toBe(AGE_BANDS[index]);
      expect(at.value.value).toBeCloseTo(EXPECTED.value[index] ?? Number.NaN, 6);
      expect(at.value.lower95).toBeCloseTo(EXPECTED.lower[index] ?? Number.NaN, 6);
    }
  });

  it('refuses an age that does not start a band (the package warns and returns every age)', () => {
    const r = lifeExpectancy(DEATHS, POPS);
    if (!r.ok) throw new Error(r.reason);
    expect(lifeExpectancyAt(r.value, 4)).toEqual({
      ok: false,
      reason:
        'life expectancy is given at the start of an age band: 0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90; not at 4',
    });
  });

  it('refuses a confidence level outside 90% to 99.9%', () => {
    expect(lifeExpectancy(DEATHS, POPS, { confidence: 0.8 }).ok).toBe(false);
  });
});

describe('lifeExpectancy edge cases', () => {
  it('states the width in the suppression message (Area 2 at 40: 51.9 years)', () => {
    const pops = [
      270, 235, 246, 248, 243, 238, 246, 257, 261, 355, 350, 356, 346, 339, 337, 337, 333, 323, 311,
      311,
    ];
    const deaths = [17, 9, 4, 8, 20, 15, 24, 33, 50, 51, 10, 16, 26, 30, 36, 22, 13, 5, 6, 1];
    const r = lifeExpectancy(deaths, pops);
    if (!r.ok) throw new Error(r.reason);
    // Published limits at 40: -1.6069521 to 50.29765396, 51.9 years wide.
    expect(r.value.ages[9]?.suppressed).toBe(
      'the 95% confidence interval is 51.9 years wide, more than 20',
    );
  });

  it('takes q as 1 where deaths exceed population / (n a), and says no one survives beyond', () => {
    // 85-89: 60 deaths in 100 person-years > 100 / (5 x 0.5), so q = 1 and l(90) = 0.
    // PHEindicatormethods shows e = 0 there with undefined (NaN) limits; we give the reason.
    const deaths = [...DEATHS];
    const pops = [...POPS];
    deaths[18] = 60;
    pops[18] = 100;
    const r = lifeExpectancy(deaths, pops);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.ages[19]).toMatchObject({
      band: '90+',
      value: null,
      lower95: null,
      suppressed: 'no one in the life table survives to age 90',
    });
    // Everyone alive at 85 dies in the band, on average half-way through it: e85 = 2.5.
    expect(r.value.ages[18]?.value).toBeCloseTo(2.5, 12);
  });

  it('accepts bands with no deaths below 90 (they add no variance)', () => {
    const deaths = DEATHS.map((d, i) => (i < 5 ? 0 : d));
    const r = lifeExpectancy(deaths, POPS);
    expect(r.ok && r.value.ages[0]?.value).toBeGreaterThan(80);
  });
});
