// A Fingertips export keeps what the profile compares with: 95% and 99.8% limits, Count and
// Denominator, and its England and authority rows (fixtures/import/README.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeographyId } from '../../contracts/geography.ts';
import { buildImportedIndicator } from '../../workers/import/build_imported_indicator.ts';
import { parseIndicatorCsv } from '../../workers/import/parse_indicator_csv.ts';
import { suppliedInterval } from '../../workers/significance/supplied_limits.ts';
import { buildSeftonCodes, fixture } from './sefton_codes.ts';

const FILE = 'fingertips_sefton_wards_limits_counts.csv';

let known: Record<GeographyId, string[]>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ known, cleanup } = await buildSeftonCodes());
});
afterAll(() => cleanup());

async function imported() {
  const parsed = parseIndicatorCsv(await fixture(FILE), FILE);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  const r = buildImportedIndicator(
    parsed.file,
    {},
    {
      known,
      areaName: 'Sefton',
      importedAt: '2026-12-06T18:00:00.000Z',
    },
  );
  if (!r.ok) throw new Error(r.reason);
  return r.indicator;
}

describe('a Fingertips export with 95% and 99.8% limits and counts', () => {
  it('keeps both levels of limits, counts and denominators, in ward order', async () => {
    const ind = await imported();
    expect(ind.geography).toBe('ward');
    const linacre = ind.codes.indexOf('E05000942');
    expect(ind.interval).toBe('95%');
    expect([ind.lower?.[linacre], ind.upper?.[linacre]]).toEqual([21.7, 25.4]);
    expect([ind.lower998?.[linacre], ind.upper998?.[linacre]]).toEqual([20.7, 26.6]);
    expect([ind.count?.[linacre], ind.denominator?.[linacre]]).toEqual([470, 2000]);
    const ford = ind.codes.indexOf('E05000939');
    expect([ind.lower998?.[ford], ind.count?.[ford], ind.denominator?.[ford]]).toEqual([
      null,
      300,
      1500,
    ]);
  });

  it('keeps the England and Sefton rows as benchmarks', async () => {
    expect((await imported()).benchmarks).toEqual([
      { code: 'E92000001', name: 'England', value: 20 },
      { code: 'E08000014', name: 'Sefton', value: 21 },
    ]);
  });

  it('gives each ward an interval at either level: the file’s, or from counts, or none', async () => {
    const ind = await imported();
    const area = (code: string) => {
      const i = ind.codes.indexOf(code);
      const at = (c: (number | null)[] | undefined) => c?.[i] ?? null;
      return {
        value: at(ind.values),
        lower95: at(ind.lower),
        upper95: at(ind.upper),
        lower998: at(ind.lower998),
        upper998: at(ind.upper998),
        count: at(ind.count),
        denominator: at(ind.denominator),
      };
    };
    const src = (code: string, level: 0.95 | 0.998) => {
      const r = suppliedInterval(area(code), level);
      return r.ok ? r.interval.source : null;
    };
    expect(src('E05000942', 0.998)).toBe('file');
    expect(src('E05000939', 0.998)).toBe('counts-wilson');
    // Park's value is not its count over its denominator (a standardised figure): no limits.
    expect(src('E05000949', 0.95)).toBeNull();
  });
});
