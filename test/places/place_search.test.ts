// Search by place name (src/places/place_search.ts): "Linacre", "Bootle" and "Formby" failed
// at LSOA level before issue 15; the index finds them whatever geography is on screen.
import { describe, expect, it } from 'vitest';
import type { PlaceEntry } from '../../contracts/places.ts';
import { matchPlaces, searchKey, suggestionText } from '../../src/places/place_search.ts';

const entries: PlaceEntry[] = [
  ['Linacre', 'ward', 'E05000942', -2.99, 53.46],
  ['Bootle North', 'neighbourhood', 'E02001430', -2.99, 53.46],
  ['Bootle Strand', 'neighbourhood', 'E02001436', -2.99, 53.45],
  ['Formby Village', 'neighbourhood', 'E02001387', -3.06, 53.56],
  ['Harington', 'ward', 'E05000936', -3.07, 53.57],
  ['Sefton 034B', 'lsoa', 'E01007005', -2.99, 53.45],
  ['L20 4RW', 'postcode', '', -2.98, 53.45],
  ['St. Oswald', 'ward', 'E05000951', -2.96, 53.47],
];
const names = (q: string) => matchPlaces(entries, q).map((m) => m.entry[0]);

describe('matchPlaces', () => {
  it('finds a ward by exact name first', () => {
    expect(names('linacre')).toEqual(['Linacre']);
  });
  it('finds neighbourhoods by a word of their name', () => {
    expect(names('Bootle')).toEqual(['Bootle North', 'Bootle Strand']);
    expect(names('Formby')).toEqual(['Formby Village']);
    expect(names('strand')).toEqual(['Bootle Strand']);
  });
  it('finds postcodes with or without the space, in any case', () => {
    expect(names('l204rw')).toEqual(['L20 4RW']);
    expect(names('L20 4')).toEqual(['L20 4RW']);
  });
  it('finds LSOAs by name and areas by code', () => {
    expect(names('Sefton 034B')).toEqual(['Sefton 034B']);
    expect(names('E05000936')).toEqual(['Harington']);
  });
  it('ignores punctuation ("St Oswald" = "St. Oswald")', () => {
    expect(names('St Oswald')).toEqual(['St. Oswald']);
    expect(searchKey('St. Oswald')).toBe('stoswald');
  });
  it('reads back a picked suggestion as exactly its own place', () => {
    const e = entries[1] as PlaceEntry;
    expect(suggestionText(e)).toBe('Bootle North (neighbourhood)');
    expect(matchPlaces(entries, 'Bootle North (neighbourhood)')).toEqual([{ entry: e, score: 0 }]);
  });
  it('finds nothing for nothing, or for what is not there', () => {
    expect(names('')).toEqual([]);
    expect(names('Kirkby')).toEqual([]);
  });
});
