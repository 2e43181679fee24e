// Small pure helpers of the panel: GeoJSON export, number formats, geography pairing.
import { describe, expect, it } from 'vitest';
import {
  customAreaGeoJson,
  exportFileName,
  multiPolygonOf,
  polygonOfRing,
} from '../../src/analysis_panel/custom_area_geojson.ts';
import { areas, count, distance, fixed, withLimits } from '../../src/analysis_panel/format.ts';
import { core20Of, lsoaGeographyOf } from '../../src/analysis_panel/panel_context.ts';

describe('GeoJSON export', () => {
  it('closes a drawn ring and merges picked polygons into one MultiPolygon', () => {
    const p = polygonOfRing([
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
    expect(p.coordinates[0]).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ]);
    const m = multiPolygonOf([
      p,
      { type: 'MultiPolygon', coordinates: [p.coordinates, p.coordinates] },
    ]);
    expect(m.coordinates).toHaveLength(3);
    const fc = customAreaGeoJson(p, { name: 'X', population: 12 });
    expect(fc).toEqual({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: p, properties: { name: 'X', population: 12 } }],
    });
  });

  it('names the file from the area name, safely', () => {
    expect(exportFileName('Bootle, Litherland & Derby')).toBe('bootle-litherland-derby.geojson');
    expect(exportFileName('../../etc/passwd')).toBe('etc-passwd.geojson');
    expect(exportFileName('<>')).toBe('custom-area.geojson');
  });
});

describe('formats', () => {
  it('writes numbers, distances and limits in en-GB', () => {
    expect(fixed(1234.567, 1)).toBe('1,234.6');
    expect(fixed(null, 1)).toBe('no value');
    expect(count(38440)).toBe('38,440');
    expect(distance(850.4)).toBe('850 m');
    expect(distance(1856)).toBe('1.9 km');
    expect(distance(null)).toBe('none within 20 km');
    expect(withLimits({ value: 6.15, lower95: 5.4, upper95: 6.9 }, 1)).toBe(
      '6.2 (95% limits 5.4 to 6.9)',
    );
    expect(areas(1, 'wards')).toBe('1 ward');
    expect(areas(3, 'LSOAs')).toBe('3 LSOAs');
  });

  it('pairs each geography with its LSOA vintage and the Core20 column with its score', () => {
    expect(lsoaGeographyOf('msoa11')).toBe('lsoa11');
    expect(lsoaGeographyOf('lsoa11')).toBe('lsoa11');
    expect(lsoaGeographyOf('msoa21')).toBe('lsoa21');
    expect(lsoaGeographyOf('ward')).toBe('lsoa21');
    expect(core20Of('imd2019_score')).toBe('imd2019_core20');
    expect(core20Of('imd2025_score')).toBe('imd2025_core20');
  });
});
