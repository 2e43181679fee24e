// "Which 10 LSOAs most need a food bank": the need-without-assets list sorts by population,
// deprivation or distance and downloads as CSV with place names and its method (issue 15).
import { describe, expect, it } from 'vitest';
import { needCsv, sortNeed, type NeedRow } from '../../src/analysis_panel/need_list.ts';

const rows: NeedRow[] = [
  {
    code: 'E01000001',
    name: 'Sefton 001A (Linacre ward, Bootle North)',
    population: 1500,
    nearestMetres: 900,
    score: 60.2,
    decile: 1,
  },
  {
    code: 'E01000002',
    name: 'Sefton 002B (Ford ward, Netherton)',
    population: 2100,
    nearestMetres: 1700,
    score: 45.1,
    decile: 2,
  },
  {
    code: 'E01000003',
    name: '=cmd|calc',
    population: 1200,
    nearestMetres: Infinity,
    score: null,
    decile: 1,
  },
];
const codes = (by: Parameters<typeof sortNeed>[1]) =>
  sortNeed(rows, by).map((r) => r.code.slice(-1));

describe('need without assets', () => {
  it('sorts by population, deprivation and distance, worst first', () => {
    expect(codes('population')).toEqual(['2', '1', '3']);
    expect(codes('deprivation')).toEqual(['1', '2', '3']); // no score goes last
    expect(codes('distance')).toEqual(['3', '2', '1']); // none within 20 km first
  });
  it('writes a CSV with ranks, place names, the method, and no formula injection', () => {
    const csv = needCsv(sortNeed(rows, 'deprivation'), {
      category: 'food banks',
      reach: '800 m',
      deprivationLabel: 'IMD 2019',
      method: 'Straight lines. Sources: ONS.',
    });
    const lines = csv.trim().split('\n');
    // Every text cell quoted by the shared writer; numbers bare.
    expect(lines[0]).toBe(
      '"rank","lsoa_code","name_ward_neighbourhood","population","IMD 2019 score","IMD 2019 national decile","nearest_metres"',
    );
    expect(lines[1]).toBe(
      '1,"E01000001","Sefton 001A (Linacre ward, Bootle North)",1500,60.2,1,900',
    );
    expect(lines[3]).toMatch(/^3,"E01000003","'=cmd\|calc",1200,,1,$/);
    expect(lines.at(-1)).toContain('Core20 LSOAs with no food banks within 800 m. Straight lines.');
  });
});
