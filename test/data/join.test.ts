import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../data/errors.ts';
import { joinToGeometry, type JoinTarget } from '../../data/join.ts';

const target: JoinTarget = {
  codes: ['E01000001', 'E01000002'],
  vintageLabel: 'LSOA 2011',
  districts: new Set(['E08000014']),
  otherVintageCodes: new Set(['E01033797']),
  otherVintageLabel: 'LSOA 2021',
};
type R = { code: string; lad: string; v: number };
const rows = (...r: [string, string, number][]) =>
  r.map(([code, lad, v], i) => ({ line: i + 2, value: { code, lad, v } as R }));
const join = (rs: ReturnType<typeof rows>, opts = {}) =>
  joinToGeometry(
    'x.csv',
    rs,
    (r) => r.code,
    (r) => r.lad,
    target,
    opts,
  );

function failure(fn: () => unknown): PipelineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PipelineError) return e;
    throw e;
  }
  throw new Error('expected failure');
}

describe('joinToGeometry', () => {
  it('orders rows like the geometry and ignores other districts', () => {
    const out = join(
      rows(
        ['E01000002', 'E08000014', 2],
        ['E01999999', 'E08000011', 9],
        ['E01000001', 'E08000014', 1],
      ),
    );
    expect(out.map((r) => r?.v)).toEqual([1, 2]);
  });

  it('refuses a code of the other boundary vintage and names the mismatch', () => {
    const err = failure(() =>
      join(
        rows(
          ['E01000001', 'E08000014', 1],
          ['E01000002', 'E08000014', 2],
          ['E01033797', 'E08000014', 3],
        ),
      ),
    );
    expect(err.message).toMatch(
      /Boundary vintage mismatch: x\.csv holds LSOA 2021 codes but is joined to LSOA 2011 boundaries/,
    );
    expect(err.problems).toEqual([expect.objectContaining({ line: 4, value: 'E01033797' })]);
  });

  it('lists duplicate codes with both lines', () => {
    const err = failure(() =>
      join(
        rows(
          ['E01000001', 'E08000014', 1],
          ['E01000002', 'E08000014', 2],
          ['E01000001', 'E08000014', 3],
        ),
      ),
    );
    expect(err.problems).toEqual([
      expect.objectContaining({
        line: 4,
        value: 'E01000001',
        message: 'duplicate area code (first on line 2)',
      }),
    ]);
  });

  it('lists unknown codes of the area', () => {
    const err = failure(() =>
      join(
        rows(
          ['E01000001', 'E08000014', 1],
          ['E01000002', 'E08000014', 2],
          ['E01099999', 'E08000014', 3],
        ),
      ),
    );
    expect(err.message).toContain('1 unknown area code');
    expect(err.problems[0]?.value).toBe('E01099999');
  });

  it('names geometry areas without data unless missing values are allowed', () => {
    expect(failure(() => join(rows(['E01000001', 'E08000014', 1]))).message).toContain('E01000002');
    expect(join(rows(['E01000001', 'E08000014', 1]), { allowMissing: true })[1]).toBeUndefined();
  });
});
