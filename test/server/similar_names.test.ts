import { describe, expect, it } from 'vitest';
import { nameTokens, similarNearby, tokenSimilarity } from '../../server/register/similar_names.ts';

describe('name tokens', () => {
  it('normalises case, accents, apostrophes, "&", filler words and plurals', () => {
    expect(nameTokens("St Leonard's Youth & Community Centre")).toEqual([
      'st',
      'leonard',
      'youth',
      'community',
      'centre',
    ]);
    expect(nameTokens('The Café Gardens Ltd')).toEqual(['cafe', 'garden']);
    expect(nameTokens('Glass')).toEqual(['glass']);
    expect(nameTokens('   ')).toEqual([]);
  });
});

describe('token similarity', () => {
  it('is 1 for the same words in another form and order', () => {
    expect(tokenSimilarity('LINACRE COMMUNITY GARDENS', 'Community garden, Linacre')).toBe(1);
  });
  it('scores shared words', () => {
    // {st, leonard, community, centre} and {st, leonard, youth, community, centre}: 8/9.
    expect(
      tokenSimilarity("St Leonard's Community Centre", "St Leonard's Youth and Community Centre"),
    ).toBeCloseTo(8 / 9);
    expect(tokenSimilarity('Bootle Food Pantry', 'Concept House Surgery')).toBe(0);
    expect(tokenSimilarity('The', 'Ltd')).toBe(0);
  });
});

describe('similar places nearby', () => {
  const places = [
    { name: "St Leonard's Youth and Community Centre", latitude: 53.457915, longitude: -3.006781 },
    { name: 'Linacre Community Garden', latitude: 53.4561, longitude: -2.9952 },
    // The same name 2 km away is another place.
    { name: "St Leonard's Community Centre", latitude: 53.475, longitude: -3.006781 },
  ];

  it('finds a similar name within 250 m, nearest first, and leaves far or unlike ones out', () => {
    const found = similarNearby(
      {
        names: ['St Leonards Community Centre', 'Bootle Team Ministry'],
        latitude: 53.4585,
        longitude: -3.0065,
      },
      places,
    );
    expect(found.map((f) => [f.place.name, f.distanceMetres])).toEqual([
      ["St Leonard's Youth and Community Centre", 68],
    ]);
    expect(found[0]?.similarity).toBeCloseTo(8 / 9);
  });

  it('takes the radius and threshold asked for', () => {
    const subject = { names: ['Linacre Garden'], latitude: 53.4561, longitude: -2.9952 };
    expect(similarNearby(subject, places)).toHaveLength(1);
    expect(similarNearby(subject, places, 250, 0.9)).toHaveLength(0);
    expect(similarNearby({ ...subject, latitude: 53.46 }, places, 250)).toHaveLength(0);
  });
});
