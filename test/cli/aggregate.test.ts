// `aggregate`: hand-computed roll-ups on a four-LSOA fixture atlas, bad input, and the real
// Sefton IMD 2019 score (MHCLG publishes 27.035 for the authority).
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliOutput } from '../../cli/command.ts';
import { COMMANDS } from '../../cli/commands.ts';
import { runCli as runInProcess } from '../../cli/run.ts';
import { buildAtlasData } from '../../data/build.ts';
import { IndicatorTableSchema } from '../../contracts/manifest.ts';
import { REAL_RAW, scratchDir } from '../helpers/raw_copy.ts';
import { runCli } from './run_cli.ts';

const F = 'test/fixtures/cli-aggregate';
const ATLAS = ['--data', `${F}/data`, '--raw', `${F}/raw`];

interface Run {
  code: number;
  out: string;
  err: string;
}

async function aggregate(...args: string[]): Promise<Run> {
  const run = { out: '', err: '' };
  const io: CliOutput = {
    stdout: (t) => void (run.out += t),
    stderr: (t) => void (run.err += t),
  };
  const code = await runInProcess(['aggregate', ...args], COMMANDS, io);
  return { code, ...run };
}

/** area_code -> value from the CSV output. */
function valuesOf(csv: string): Record<string, number | null> {
  const [header, ...lines] = csv.trim().split('\n');
  expect(header).toBe('area_code,area_name,value,lsoas,lsoas_missing');
  return Object.fromEntries(
    lines.map((l) => {
      const cells = l.split(',');
      const v = cells[cells.length - 3] ?? '';
      return [cells[0], v === '' ? null : Number(v)];
    }),
  );
}

/*
 * The fixture atlas (invented codes), LSOA 2011:
 *
 *   LSOA       value  population  deaths   ward (ONS best fit)  MSOA
 *   E01900001    10        100        1    E05900001            E02900001
 *   E01900002    20        300        6    E05900001            E02900001
 *   E01900003    40        200        2    E05900002            E02900001
 *   E01900004    50        200        8    E05900002            E02900002
 */
describe('cli aggregate: hand-computed roll-ups', () => {
  const four = `${F}/four_lsoas_2011.csv`;

  it('sums to MSOAs through the exact-nesting lookup', async () => {
    const run = await aggregate(four, '--to', 'msoa', '--method', 'sum', ...ATLAS);
    expect(run.code).toBe(0);
    expect(valuesOf(run.out)).toEqual({ E02900001: 70, E02900002: 50 });
    expect(run.out).toContain('"North, upper"'); // names with commas are quoted
    expect(run.err).toContain('lookup: the LSOA 2011 to MSOA 2011 lookup (exact nesting)');
  });

  it('takes unweighted and population-weighted means to wards with the ONS best fit', async () => {
    const mean = await aggregate(four, '--to', 'ward', '--method', 'mean', ...ATLAS);
    expect(valuesOf(mean.out)).toEqual({ E05900001: 15, E05900002: 45 });
    // (10*100 + 20*300) / 400 = 17.5; (40*200 + 50*200) / 400 = 45.
    const weighted = await aggregate(four, '--to', 'ward', '--weight', 'population', ...ATLAS);
    expect(weighted.code).toBe(0);
    expect(valuesOf(weighted.out)).toEqual({ E05900001: 17.5, E05900002: 45 });
    expect(weighted.err).toContain('method: mean of LSOA "value" weighted by "population"');
    expect(weighted.err).toContain('lookup: the ONS LSOA 2011 to ward 2019 best-fit lookup');
  });

  it('computes rates from summed numerators and denominators, never averaging rates', async () => {
    const run = await aggregate(
      four,
      '--to',
      'lad',
      '--numerator',
      'deaths',
      '--denominator',
      'population',
      '--scale',
      '1000',
      '--json',
      ...ATLAS,
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out);
    // 17 deaths / 800 people * 1000 = 21.25; the mean of the LSOA rates (10, 20, 10, 40) is 20.
    expect(out.results).toEqual([
      { area_code: 'E08999999', area_name: 'Testshire', value: 21.25, lsoas: 4, lsoas_missing: 0 },
    ]);
    expect(out).toMatchObject({
      lsoaVintage: 'LSOA 2011',
      to: 'lad',
      method:
        'rate from summed "deaths" over summed "population" x 1000 (never an average of LSOA rates)',
      lookup: 'local authority of each LSOA (LSOAs nest exactly)',
    });
    const wards = await aggregate(
      four,
      '--to',
      'ward',
      '--numerator',
      'deaths',
      '--denominator',
      'population',
      '--scale',
      '1000',
      ...ATLAS,
    );
    // 7/400 and 10/400 per 1,000; averaging the LSOA rates would give 15 for E05900001.
    expect(valuesOf(wards.out)).toEqual({ E05900001: 17.5, E05900002: 25 });
  });

  it('detects 2021 codes, and says it fell back to the area-fit lookup where the ONS wards differ', async () => {
    // The ONS 2021 best fit sends E01900006 to a ward the atlas lacks, so the derived
    // area-fit lookup is used: E05900001 = {001A, 001B, 002F} = 1+2+5, E05900002 = 3+4.
    const run = await aggregate(
      `${F}/five_lsoas_2021.csv`,
      '--to',
      'ward',
      '--method',
      'sum',
      ...ATLAS,
    );
    expect(run.code).toBe(0);
    expect(valuesOf(run.out)).toEqual({ E05900001: 8, E05900002: 7 });
    expect(run.err).toContain('LSOA vintage: 2021');
    expect(run.err).toContain(
      'lookup: the derived largest-area-share LSOA 2021 to ward 2025 lookup, because the best-fit wards there are not the 2025 wards',
    );
  });

  it('gives no value to a group with a missing LSOA, and counts what is missing', async () => {
    const file = `${F}/three_lsoas_in_both_vintages.csv`;
    const refused = await aggregate(file, '--to', 'ward', '--method', 'sum', ...ATLAS);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('say which with --vintage 2011 or --vintage 2021');
    const run = await aggregate(
      file,
      '--to',
      'ward',
      '--method',
      'sum',
      '--vintage',
      '2011',
      '--json',
      ...ATLAS,
    );
    expect(run.code).toBe(0);
    // E01900003 has an empty value and E01900004 has no row: ward 2 is unknown.
    expect(JSON.parse(run.out).results).toEqual([
      { area_code: 'E05900001', area_name: 'Wardle', value: 3, lsoas: 2, lsoas_missing: 0 },
      {
        area_code: 'E05900002',
        area_name: 'Second "Ward"',
        value: null,
        lsoas: 2,
        lsoas_missing: 2,
      },
    ]);
  });
});

describe('cli aggregate: bad input', () => {
  it('names file, line, column and value of a bad cell, exit 2 (as a child process)', async () => {
    const run = await runCli(
      'aggregate',
      `${F}/bad_value_line_3.csv`,
      '--to',
      'lad',
      '--method',
      'sum',
      ...ATLAS,
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `error: ${F}/bad_value_line_3.csv:3: column "value": not a number (or empty/NA) (got "2O")`,
    );
  });

  it('names duplicate and unknown codes with their lines', async () => {
    const dup = await aggregate(
      `${F}/duplicate_code_line_4.csv`,
      '--to',
      'lad',
      '--method',
      'sum',
      ...ATLAS,
    );
    expect(dup.code).toBe(2);
    expect(dup.err).toContain(
      `${F}/duplicate_code_line_4.csv:4: column "area_code": duplicate area code (first on line 2) (got "E01900001")`,
    );
    const unknown = await aggregate(
      `${F}/unknown_code_line_3.csv`,
      '--to',
      'lad',
      '--method',
      'sum',
      ...ATLAS,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      `${F}/unknown_code_line_3.csv:3: column "area_code": the codes are LSOA (2011) codes but 1 of them (E01999999) does not exist in Testshire's LSOA (2011) boundaries (got "E01999999")`,
    );
  });

  it('refuses codes that are not LSOAs, and a missing column', async () => {
    const wards = await aggregate(
      `${F}/ward_codes.csv`,
      '--to',
      'lad',
      '--method',
      'sum',
      ...ATLAS,
    );
    expect(wards.code).toBe(2);
    expect(wards.err).toContain('aggregate needs LSOA codes (E01…)');
    const noWeight = await aggregate(
      `${F}/five_lsoas_2021.csv`,
      '--to',
      'lad',
      '--weight',
      'population',
      ...ATLAS,
    );
    expect(noWeight.code).toBe(2);
    expect(noWeight.err).toContain(
      `${F}/five_lsoas_2021.csv:1: column "population": missing column`,
    );
  });

  it('refuses contradictory or missing options with the usage, exit 2', async () => {
    const four = `${F}/four_lsoas_2011.csv`;
    const cases: [string[], string][] = [
      [['--method', 'sum'], '--to is required'],
      [['--to', 'county', '--method', 'sum'], '--to must be one of ward, msoa, lad, not "county"'],
      [['--to', 'ward'], '--method is required without --weight'],
      [
        ['--to', 'ward', '--method', 'rate', '--numerator', 'deaths'],
        'needs --numerator COLUMN and --denominator COLUMN',
      ],
      [
        ['--to', 'ward', '--method', 'sum', '--weight', 'population'],
        '--weight applies to --method weighted-mean',
      ],
      [
        ['--to', 'ward', '--method', 'sum', '--scale', '100'],
        '--scale applies to --method rate only',
      ],
      [
        ['--to', 'ward', '--method', 'sum', '--vintage', '2001'],
        '--vintage must be one of 2011, 2021',
      ],
    ];
    for (const [args, message] of cases) {
      const run = await aggregate(four, ...args, ...ATLAS);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err).toContain(message);
      expect(run.err).toContain('usage: npm run cli -- aggregate');
    }
  });

  it('says where the app data should be when it is missing', async () => {
    const run = await aggregate(
      `${F}/four_lsoas_2011.csv`,
      '--to',
      'lad',
      '--method',
      'sum',
      '--data',
      `${F}/nowhere`,
    );
    expect(run.code).toBe(2);
    expect(run.err).toMatch(
      /nowhere\/manifest\.json: cannot read the app data \(build it with npm run data, or give --data\)/,
    );
  });
});

describe('cli aggregate: Sefton IMD 2019 (real data)', () => {
  let dir: string;
  let sefton: string;
  let lcr: string;
  let data: string;
  beforeAll(async () => {
    dir = await scratchDir('gap-atlas-aggregate-');
    data = path.join(dir, 'data');
    await buildAtlasData({ area: 'E08000014', rawDir: REAL_RAW, outDir: data });
    // From the raw IMD file, read where it lies: score and mid-2015 population per LSOA.
    const rows = parse(
      await readFile(path.join(REAL_RAW, 'indicators/imd2019_lsoa11_lcr.csv'), 'utf8'),
      { columns: true },
    ) as Record<string, string>[];
    const csv = (rs: Record<string, string>[]) =>
      [
        'area_code,value,population',
        ...rs.map((r) => `${r['lsoa11cd']},${r['imd_score']},${r['pop_total_mid2015']}`),
      ].join('\n') + '\n';
    sefton = path.join(dir, 'sefton_imd2019.csv');
    lcr = path.join(dir, 'lcr_imd2019.csv');
    await writeFile(sefton, csv(rows.filter((r) => r['lad19cd'] === 'E08000014')));
    await writeFile(lcr, csv(rows));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives 27.035 for Sefton, the score MHCLG publishes', async () => {
    const run = await runCli(
      'aggregate',
      sefton,
      '--to',
      'lad',
      '--weight',
      'population',
      '--data',
      data,
      '--json',
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.results).toHaveLength(1);
    expect(out.results[0]).toMatchObject({ area_code: 'E08000014', lsoas: 189, lsoas_missing: 0 });
    expect(out.results[0].value).toBeCloseTo(27.035, 3);
  });

  it('matches the pipeline’s own ward and MSOA figures, and leaves out other districts’ LSOAs saying so', async () => {
    for (const [to, geo] of [
      ['ward', 'ward'],
      ['msoa', 'msoa11'],
    ] as const) {
      const run = await aggregate(
        lcr,
        '--to',
        to,
        '--weight',
        'population',
        '--data',
        data,
        '--json',
      );
      expect(run.code).toBe(0);
      const out = JSON.parse(run.out);
      expect(out.rowsIgnored).toEqual([
        expect.stringMatching(
          /^800 rows left out, not in Sefton's LSOA \(2011\) boundaries \(first on line 2\)$/,
        ),
      ]);
      const table = IndicatorTableSchema.parse(
        JSON.parse(await readFile(path.join(data, 'tables', `${geo}.json`), 'utf8')),
      );
      const published = table.values['imd2019_score'] ?? [];
      const mine = (out.results as { area_code: string; value: number }[]).map((r) => r.value);
      expect(out.results.map((r: { area_code: string }) => r.area_code)).toEqual(table.codes);
      mine.forEach((v, i) => expect(v).toBeCloseTo(published[i] ?? NaN, 5));
    }
  });
});
