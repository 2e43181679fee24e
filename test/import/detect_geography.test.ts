import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeographyId } from '../../contracts/geography.ts';
import { detectGeography, type KnownCodes } from '../../workers/import/detect_geography.ts';
import { buildSeftonCodes } from './sefton_codes.ts';

/** A made-up atlas: LSOA a is split in 2021 into c and d; b is unchanged. */
const TINY: KnownCodes = {
  lsoa11: ['E01000001', 'E01000002'],
  lsoa21: ['E01000002', 'E01000003', 'E01000004'],
  msoa11: ['E02000001'],
  msoa21: ['E02000001'],
  ward: ['E05000001', 'E05000002'],
  lad: ['E08000099'],
};

describe('detectGeography on a made-up atlas', () => {
  it('takes the vintage that more codes fit and names codes of the other vintage', () => {
    expect(detectGeography(['E01000001', 'E01000002'], TINY)).toMatchObject({
      ok: true,
      geography: 'lsoa11',
      matched: 2,
      candidates: [
        { geography: 'lsoa11', matched: 2 },
        { geography: 'lsoa21', matched: 1 },
      ],
      ambiguous: false,
    });
    const mixed = detectGeography(['E01000001', 'E01000002', 'E01000003', 'E01000004'], TINY);
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) {
      expect(mixed.reason).toBe(
        'the codes are LSOA (2021) codes but 1 of them (E01000001) exists only in LSOA (2011): the file mixes boundary vintages; convert it with the LSOA 2011-2021 lookup first',
      );
      expect(mixed.stray).toContainEqual({
        code: 'E01000001',
        kind: 'other-vintage',
        reason: 'a code of LSOA (2011), not LSOA (2021)',
      });
    }
  });

  it('flags a tie between vintages, takes the newer, and lets the user choose', () => {
    const tie = detectGeography(['E01000002'], TINY);
    expect(tie).toMatchObject({ ok: true, geography: 'lsoa21', ambiguous: true });
    expect(tie.ok && tie.note).toMatch(/fit LSOA \(2021\) and LSOA \(2011\) equally well/);
    expect(detectGeography(['E01000002'], TINY, { geography: 'lsoa11' })).toMatchObject({
      ok: true,
      geography: 'lsoa11',
    });
  });

  it('treats England, region and local authority rows as context in a small-area file', () => {
    const d = detectGeography(['E92000001', 'E12000002', 'E08000099', 'E05000001'], TINY);
    expect(d).toMatchObject({ ok: true, geography: 'ward', matched: 1, areas: 2 });
    expect(d.stray.map((s) => [s.code, s.kind])).toEqual([
      ['E92000001', 'not-this-geography'],
      ['E12000002', 'not-this-geography'],
      ['E08000099', 'not-this-geography'],
    ]);
    expect(d.ok && d.note).toBeNull();
  });

  it('reads a file of local authorities as the lad geography, England as context', () => {
    const d = detectGeography(['E92000001', 'E08000099', 'E08000011'], TINY);
    // Every atlas authority is there, so the other one is plainly another place.
    expect(d).toMatchObject({ ok: true, geography: 'lad', matched: 1 });
    expect(d.stray.find((s) => s.code === 'E08000011')?.kind).toBe('outside-area');
  });

  it('refuses mixed geographies, counting each', () => {
    const d = detectGeography(
      ['E05000001', 'E05000002', 'E05000003', 'E02000001', 'E02000002'],
      TINY,
    );
    expect(d).toMatchObject({
      ok: false,
      reason: 'mixed geographies: 3 ward codes and 2 MSOA codes; import one geography at a time',
    });
  });

  it('refuses codes outside the area unless the file covers every area or the user says so', () => {
    const partial = detectGeography(['E05000001', 'E05000007'], TINY, { areaName: 'Tinyton' });
    expect(partial).toMatchObject({
      ok: false,
      reason:
        "the codes are Electoral ward (2025) codes but 1 of them (E05000007) does not exist in Tinyton's Electoral ward (2025) boundaries",
    });
    const ignored = detectGeography(['E05000001', 'E05000007'], TINY, { ignoreUnknownCodes: true });
    expect(ignored).toMatchObject({ ok: true, matched: 1 });
    const complete = detectGeography(['E05000001', 'E05000002', 'E05000007'], TINY);
    expect(complete).toMatchObject({ ok: true, matched: 2 });
    expect(complete.ok && complete.note).toMatch(/1 code is not .* listed and left out/);
  });

  it('refuses text that is not a code, and files of nothing the atlas maps', () => {
    expect(detectGeography(['E05000001', 'Total'], TINY)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('1 other code ("Total") is not a ward code'),
    });
    expect(detectGeography(['Ainsdale', 'Birkdale'], TINY)).toMatchObject({
      ok: false,
      reason: 'no area codes: "Ainsdale", "Birkdale" are not GSS codes like E05000932',
    });
    expect(detectGeography(['E92000001', 'E10000001'], TINY)).toMatchObject({
      ok: false,
      reason:
        'no LSOA, MSOA, ward or local authority codes (only 1 England or region code and codes such as E10000001)',
    });
    expect(detectGeography([], TINY)).toMatchObject({
      ok: false,
      reason: 'the file has no area codes',
    });
  });

  it('refuses codes of the right kind none of which is in the atlas', () => {
    expect(detectGeography(['E05009999'], TINY, { areaName: 'Tinyton' })).toMatchObject({
      ok: false,
      reason:
        "the file holds 1 ward code but none is in Tinyton's Electoral ward (2025) boundaries",
    });
  });

  it('refuses a chosen geography the codes are not of', () => {
    expect(detectGeography(['E05000001'], TINY, { geography: 'lsoa11' })).toMatchObject({
      ok: false,
      reason: 'the file holds 1 ward code, not LSOA (2011) codes',
    });
  });
});

describe('detectGeography on Sefton', () => {
  let known: Record<GeographyId, string[]>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ known, cleanup } = await buildSeftonCodes());
  });
  afterAll(() => cleanup());

  it('tells complete LSOA 2011 and 2021 files apart by their split areas', () => {
    expect(detectGeography(known.lsoa11, known)).toMatchObject({
      ok: true,
      geography: 'lsoa11',
      matched: 189,
      candidates: [
        { geography: 'lsoa11', matched: 189 },
        { geography: 'lsoa21', matched: 187 },
      ],
    });
    expect(detectGeography(known.lsoa21, known)).toMatchObject({
      ok: true,
      geography: 'lsoa21',
      matched: 191,
    });
  });

  it("names codes that are not in Sefton's boundaries", () => {
    const d = detectGeography(
      // E01006968 exists only in 2011, which settles the vintage.
      [...known.lsoa11.slice(0, 20), 'E01006968', 'E01000001', 'E01012367'],
      known,
      { areaName: 'Sefton' },
    );
    expect(d).toMatchObject({
      ok: false,
      reason:
        "the codes are LSOA (2011) codes but 2 of them (E01000001, E01012367) do not exist in Sefton's LSOA (2011) boundaries",
    });
  });

  it('finds the 22 wards, and MSOAs whose codes are the same in both vintages', () => {
    expect(detectGeography(known.ward, known)).toMatchObject({
      ok: true,
      geography: 'ward',
      matched: 22,
    });
    expect(detectGeography(known.msoa11, known)).toMatchObject({
      ok: true,
      geography: 'msoa21',
      ambiguous: true,
      matched: 38,
    });
  });
});
