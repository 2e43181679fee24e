// Roll-up of an England-sized set of LSOAs (33,755) to about 7,000 wards with the typed-array
// functions of workers/rollup/aggregate.ts, against the same roll-up over arrays of row objects
// grouped in a Map (the baseline, same run). Seeded, so runs are comparable.
import { assignByLookup, ratioBy, sumBy, weightedMeanBy } from '../workers/rollup/aggregate.ts';
import { mulberry32 } from '../workers/stats/random.ts';
import { medianTime } from './time.ts';
import type { BenchRow } from './types.ts';

const N_LSOA = 33_755;
const N_WARD = 7_000;

export async function run(): Promise<BenchRow[]> {
  const rand = mulberry32(20261122);
  const lsoaCodes = Array.from({ length: N_LSOA }, (_, i) => `E01${String(i).padStart(6, '0')}`);
  const wardCodes = Array.from({ length: N_WARD }, (_, i) => `E05${String(i).padStart(6, '0')}`);
  const lookup = new Map(lsoaCodes.map((c) => [c, wardCodes[Math.floor(rand() * N_WARD)] ?? '']));
  const score = Float64Array.from({ length: N_LSOA }, () => rand() * 80);
  const pop = Float64Array.from({ length: N_LSOA }, () => 1000 + Math.floor(rand() * 2000));
  const num = Float64Array.from(pop, (p) => Math.floor(p * rand() * 0.3));

  const rows = lsoaCodes.map((code, i) => ({
    code,
    ward: lookup.get(code) ?? '',
    score: score[i] ?? 0,
    pop: pop[i] ?? 0,
    num: num[i] ?? 0,
  }));
  const baseline = await medianTime(() => {
    const groups = new Map<string, { pop: number; weighted: number; num: number }>();
    for (const r of rows) {
      const g = groups.get(r.ward) ?? { pop: 0, weighted: 0, num: 0 };
      g.pop += r.pop;
      g.weighted += r.score * r.pop;
      g.num += r.num;
      groups.set(r.ward, g);
    }
    return [...groups.values()].map((g) => ({
      sum: g.pop,
      mean: g.weighted / g.pop,
      rate: g.num / g.pop,
    }));
  }, 15);
  const { assignment } = assignByLookup(lsoaCodes, lookup, wardCodes);
  const typed = await medianTime(
    () => [
      sumBy(pop, assignment),
      weightedMeanBy(score, pop, assignment),
      ratioBy(num, pop, assignment, 100),
    ],
    15,
  );
  const assign = await medianTime(() => assignByLookup(lsoaCodes, lookup, wardCodes), 5);
  const base = 'row objects grouped in a Map: sum, weighted mean and rate';
  return [
    { name: base, ...baseline, notes: `${N_LSOA} LSOAs to ${N_WARD} wards, seeded` },
    {
      name: 'typed arrays (workers/rollup/aggregate.ts): sum, weighted mean and rate',
      ...typed,
      baseline: base,
    },
    { name: 'building the LSOA->ward assignment from codes (once per lookup)', ...assign },
  ];
}
