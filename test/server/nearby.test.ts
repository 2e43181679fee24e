import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceMetres, nameSimilarity } from '../../server/register/nearby.ts';
import { makeApp, type TestApp } from './helpers.ts';

describe('name similarity', () => {
  it('sees the same place under small differences', () => {
    expect(nameSimilarity('Concept House Surgery', 'CONCEPT HOUSE SURGERY')).toBe(1);
    expect(nameSimilarity('The Concept House Surgery', 'Concept House')).toBe(1);
    expect(nameSimilarity("St Leonard's Centre", 'St Leonards Centre')).toBe(1);
    expect(nameSimilarity('Boots Pharmacy', 'Boots UK Limited')).toBeGreaterThanOrEqual(0.6);
    expect(nameSimilarity('Linacre Community Garden', 'Linacre Comunity Gardens')).toBeGreaterThan(
      0.8,
    );
  });
  it('tells different places apart', () => {
    expect(nameSimilarity('Concept House Surgery', 'Bootle Food Pantry')).toBeLessThan(0.4);
    expect(nameSimilarity('The', 'Ltd')).toBe(0);
  });
  it('measures distance in metres', () => {
    // 0.001 degrees of latitude is about 111 m.
    expect(distanceMetres(53.449, -2.985, 53.45, -2.985)).toBeCloseTo(111.2, 0);
  });
});

describe('GET /api/assets/nearby', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ seed: true, officialLists: true });
  });
  afterAll(() => t.close());

  // Concept House Surgery, L20 3BG, is at 53.449127, -2.984905.
  const nearby = async (lat: number, lon: number, name: string) =>
    (
      await t.app.inject(
        `/api/assets/nearby?lat=${lat}&lon=${lon}&name=${encodeURIComponent(name)}`,
      )
    ).json().features as { properties: { serviceName: string; distanceMetres: number } }[];

  it('warns about an approved asset with a similar name within 100 m', async () => {
    const found = await nearby(53.4495, -2.9849, 'Concept House');
    expect(found.map((f) => f.properties.serviceName)).toEqual(['Concept House Surgery']);
    expect(found[0]?.properties.distanceMetres).toBeLessThanOrEqual(100);
  });

  it('says nothing for the same name 200 m away, or a different name next door', async () => {
    expect(await nearby(53.4509, -2.9849, 'Concept House Surgery')).toEqual([]);
    expect(await nearby(53.449127, -2.984905, 'Bootle Boxing Club')).toEqual([]);
  });
});
