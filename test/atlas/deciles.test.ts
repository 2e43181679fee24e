import { describe, expect, it } from 'vitest';
import type { GeographyId } from '../../contracts/geography.ts';
import type { IndicatorTable, Manifest } from '../../contracts/manifest.ts';
import { AtlasModel } from '../../src/atlas_model.ts';
import { decilesOf } from '../../src/atlas/deciles.ts';

/** A model with one table; only the fields decilesOf reads are real. */
function modelWith(g: GeographyId, values: Record<string, (number | null)[]>): AtlasModel {
  const n = Object.values(values)[0]?.length ?? 0;
  const table: IndicatorTable = {
    geography: g,
    codes: Array.from({ length: n }, (_, i) => `E05${String(i).padStart(6, '0')}`),
    names: Array.from({ length: n }, (_, i) => `Ward ${i + 1}`),
    districts: Array.from({ length: n }, () => 'E08000014'),
    centres: Array.from({ length: n }, () => null),
    centreMethod: 'none',
    values,
  };
  const manifest = { area: { id: 'E08000014', name: 'Sefton', districts: [] }, indicators: [] };
  return new AtlasModel(manifest as unknown as Manifest, { [g]: table });
}

describe('decilesOf', () => {
  it('uses the published national decile on LSOAs', () => {
    const m = modelWith('lsoa11', { imd2019_score: [50, 10], imd2019_decile: [1, 9] });
    expect(decilesOf(m, 'lsoa11')).toEqual({
      values: [1, 9],
      label: 'National IMD 2019 decile',
    });
  });

  it('ranks wards into local deciles, 1 = most deprived (phe_quantile)', () => {
    // 20 wards with scores 20..1: the two highest scores are decile 1, the two lowest 10.
    const scores = Array.from({ length: 20 }, (_, i) => 20 - i);
    const d = decilesOf(modelWith('ward', { imd2025_score: scores }), 'ward');
    expect(d.values).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10]);
    expect(d.label).toBe('Local decile of the IMD 2025 score within Sefton');
  });

  it('leaves a ward with no score (no LSOA assigned to it) without a decile and says so', () => {
    // Waterfront North in the city-region build: no LSOA best-fits it, so it has no score.
    const scores: (number | null)[] = Array.from({ length: 20 }, (_, i) => 20 - i);
    scores.splice(5, 0, null);
    const d = decilesOf(modelWith('ward', { imd2025_score: scores }), 'ward');
    expect(d.values[5]).toBeNull();
    expect(d.values.filter((v) => v !== null)).toHaveLength(20);
    expect(d.values[0]).toBe(1);
    expect(d.values[20]).toBe(10);
    expect(d.label).toContain('1 area has no IMD 2025 score and no decile');
    expect(d.label).not.toMatch(/NaN/);
  });
});
