// The geography a view draws an indicator at: the rule the app applies to the manifest and the
// pipeline applies to write index.json's `opening` (so the map can load it before the manifest).
import { describe, expect, it } from 'vitest';
import { geographyOfIndicator, LEVEL_GEOGRAPHIES } from '../../contracts/geography.ts';

const published = { derived: false };
const derived = { derived: true };

describe('geographyOfIndicator', () => {
  it("prefers the indicator's own published vintage over a newer derived one", () => {
    // IMD 2019 is published on LSOA 2011 and carried across to LSOA 2021.
    expect(
      geographyOfIndicator({ geographies: { lsoa11: published, lsoa21: derived } }, 'lsoa'),
    ).toBe('lsoa11');
  });

  it('takes the newest vintage when both are published, and a derived one when that is all there is', () => {
    expect(
      geographyOfIndicator({ geographies: { lsoa11: published, lsoa21: published } }, 'lsoa'),
    ).toBe('lsoa21');
    expect(geographyOfIndicator({ geographies: { msoa11: derived } }, 'msoa')).toBe('msoa11');
  });

  it('gives null for an indicator not on the level, or unknown', () => {
    expect(geographyOfIndicator({ geographies: { lsoa11: published } }, 'ward')).toBeNull();
    expect(geographyOfIndicator(undefined, 'lsoa')).toBeNull();
  });

  it('lists each level newest vintage first', () => {
    expect(LEVEL_GEOGRAPHIES).toEqual({
      lsoa: ['lsoa21', 'lsoa11'],
      msoa: ['msoa21', 'msoa11'],
      ward: ['ward'],
    });
  });
});
