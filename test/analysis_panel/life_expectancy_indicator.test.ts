import { describe, expect, it } from 'vitest';
import {
  lifeExpectancyId,
  lifeExpectancyIndicator,
} from '../../src/analysis_panel/life_expectancy_indicator.ts';
import { ImportedIndicatorSchema } from '../../workers/import/imported_indicator.ts';

const area = (code: string, e0: number | null) => ({
  area: code,
  population: 10_000,
  e0,
  lower95: e0 === null ? null : e0 - 1,
  upper95: e0 === null ? null : e0 + 1,
  age: 0,
  level: 0.95,
  lower: e0 === null ? null : e0 - 1,
  upper: e0 === null ? null : e0 + 1,
  reason: e0 === null ? 'total person-years are 5,000 or fewer' : null,
});

describe('life expectancy from a file as a map indicator', () => {
  const codes = ['E05000001', 'E05000002', 'E05000003'];

  it('joins the values to the geography in its own order and passes the import schema', () => {
    const ind = lifeExpectancyIndicator(
      [area('E05000003', 80.5), area('X', 70), area('E05000001', null)],
      'ward',
      codes,
      'My deaths 2019-23.csv',
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(ind).not.toBeNull();
    const parsed = ImportedIndicatorSchema.parse(ind);
    expect(parsed.meta.id).toBe('import_le_my_deaths_2019_23');
    expect(parsed.values).toEqual([null, null, 80.5]);
    expect(parsed.lower).toEqual([null, null, 79.5]);
    expect(parsed.report.matched).toBe(2);
    expect(parsed.report.withValue).toBe(1);
    expect(parsed.report.missing).toEqual(['E05000002']);
    expect(parsed.meta.polarity).toBe('higher-is-better');
  });

  it('gives nothing when no area of the file is on the map', () => {
    expect(lifeExpectancyIndicator([area('X', 70)], 'ward', codes, 'a.csv')).toBeNull();
  });

  it('keeps ids inside the imported-indicator space whatever the file is called', () => {
    expect(lifeExpectancyId('<script>.csv')).toBe('import_le_script');
    expect(lifeExpectancyId('....csv')).toBe('import_le_file');
  });
});
