// Bad raw input gets a message naming what is wrong and where, and the previous output stays.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAtlasData } from '../../data/build.ts';
import { PipelineError } from '../../data/errors.ts';
import { scratchDir } from '../helpers/raw_copy.ts';
import { scratchRawDeep as scratchRaw } from './scratch_raw.ts';

let out: string;
let goodManifest: string;
let raw: Awaited<ReturnType<typeof scratchRaw>>;

beforeAll(async () => {
  out = path.join(await scratchDir(), 'data');
  raw = await scratchRaw();
  await buildAtlasData({ area: 'E08000014', rawDir: raw.dir, outDir: out });
  goodManifest = await readFile(path.join(out, 'manifest.json'), 'utf8');
}, 60_000);

beforeEach(async () => {
  await raw.cleanup();
  raw = await scratchRaw();
});

afterAll(async () => {
  await raw.cleanup();
  await rm(path.dirname(out), { recursive: true, force: true });
});

async function expectRefusal(area = 'E08000014'): Promise<PipelineError> {
  let caught: unknown;
  try {
    await buildAtlasData({ area, rawDir: raw.dir, outDir: out });
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(PipelineError);
  // Nothing half-written: the earlier output is byte for byte what it was, and no staging folder is left.
  expect(await readFile(path.join(out, 'manifest.json'), 'utf8')).toBe(goodManifest);
  const siblings = await import('node:fs/promises').then((fs) => fs.readdir(path.dirname(out)));
  expect(siblings).toEqual(['data']);
  return caught as PipelineError;
}

const IMD = 'indicators/imd2019_lsoa11_england.csv';
/** Edits the first Sefton row of the IMD 2019 England file. */
const editFirstSeftonRow = (edit: (cells: string[]) => string[]) => (text: string) => {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(',E08000014,'));
  const line = lines[i];
  if (line === undefined) throw new Error('no Sefton row');
  lines[i] = edit(line.split(',')).join(',');
  return lines.join('\n');
};

describe('bad raw input', () => {
  it('names a missing file and the source it comes from', async () => {
    await raw.remove('indicators/census2021_disability_lsoa21_lcr.csv');
    const err = await expectRefusal();
    expect(err.message).toContain(
      'indicators/census2021_disability_lsoa21_lcr.csv: missing; it should hold ONS Census 2021 TS038 disability',
    );
  });

  it('names file, line, column and value of a malformed cell', async () => {
    await raw.replace(
      IMD,
      editFirstSeftonRow((c) => c.map((v, j) => (j === 2 ? '27.5x' : v))),
    );
    const err = await expectRefusal();
    expect(err.problems[0]).toMatchObject({ file: IMD, column: 3, field: 'imd_score' });
    expect(err.message).toMatch(/imd2019_lsoa11_england\.csv, line \d+, column 3 \(imd_score\)/);
  });

  it('names file, line and column of a bad cell in the England file, read for the comparators', async () => {
    const bad = await readFile(
      path.join(import.meta.dirname, '../fixtures/england/bad_population_line_4.csv'),
      'utf8',
    );
    await raw.replace('indicators/imd2019_lsoa11_england.csv', () => bad);
    const err = await expectRefusal();
    expect(err.message).toContain(
      'indicators/imd2019_lsoa11_england.csv, line 4, column 26 (pop_total_mid2015): expected a number',
    );
  });

  it('reports a row with too few fields by line', async () => {
    await raw.replace(
      IMD,
      editFirstSeftonRow((c) => c.slice(0, 5)),
    );
    const err = await expectRefusal();
    expect(err.message).toMatch(/imd2019_lsoa11_england\.csv, line \d+/);
  });

  it('lists a duplicate area code', async () => {
    await raw.replace(IMD, (t) => {
      const row = t.split('\n').find((l) => l.startsWith('E01006968,'));
      return `${t.trimEnd()}\n${row}\n`;
    });
    const err = await expectRefusal();
    expect(err.message).toContain('repeats 1 area code');
    expect(err.problems[0]?.value).toBe('E01006968');
  });

  it('refuses 2021 LSOA codes in the 2011 IMD file as a vintage mismatch', async () => {
    await raw.replace(IMD, (t) => t.replace(/^E01006968,/m, 'E01033797,'));
    const err = await expectRefusal();
    expect(err.message).toContain('Boundary vintage mismatch');
    expect(err.problems[0]?.value).toBe('E01033797');
  });

  it('lists an unknown area code', async () => {
    await raw.replace(IMD, (t) => t.replace(/^E01006968,/m, 'E01099999,'));
    const err = await expectRefusal();
    expect(err.message).toContain('unknown area code');
    expect(err.problems[0]?.value).toBe('E01099999');
  });

  it('refuses an unknown local authority and names the closest ones', async () => {
    const err = await expectRefusal('Sefotn');
    expect(err.message).toContain('Unknown --area "Sefotn"');
    expect(err.message).toMatch(/Closest: E08000014 Sefton/);
  });

  it('refuses boundary features with a bad code or coordinates', async () => {
    await raw.replace('boundaries/england/lsoa11/E08000014.geojson.gz', (t) =>
      t.replace(/"LSOA11CD": *"E01006968"/, '"LSOA11CD": "E0100696"'),
    );
    const err = await expectRefusal();
    expect(err.message).toContain('boundaries/england/lsoa11/E08000014.geojson.gz');
    expect(err.problems[0]?.value).toBe('E0100696');
  });
});
