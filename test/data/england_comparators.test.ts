// England comparator values from a hand-checkable fixture (test/fixtures/england/README.md).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { englandComparators, readEnglandComparators } from '../../data/england_comparators.ts';
import { imd2019Columns } from '../../data/sources/imd2019.ts';
import { parseImd2019England } from '../../data/sources/imd2019_england.ts';
import { rollUpColumns } from '../../data/tables.ts';
import { ComparatorSchema, HeadlineSchema } from '../../contracts/manifest.ts';
import { assignByLookup } from '../../workers/rollup/aggregate.ts';
import { pipelineErrorOf } from '../helpers/pipeline_error.ts';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/england');
const RAW_DIR = path.join(FIXTURE, 'raw');
const FILE = 'indicators/imd2019_lsoa11_england.csv';
const FIVE = { expectedLsoas: 5 };

const fixtureText = (name: string) => readFile(path.join(FIXTURE, name), 'utf8');

describe('England comparators', () => {
  it('rolls every LSOA of England up by each indicator’s own rule, in the atlas’s units', async () => {
    const comparators = await readEnglandComparators(RAW_DIR, FIVE);
    const value = Object.fromEntries(comparators.map((c) => [c.indicatorId, c.value]));
    expect(value).toEqual({
      imd2019_score: 22, // population-weighted; the plain mean would be 23
      imd2019_core20: 50, // share of population; the share of LSOAs would be 40
      imd2019_income_rate: 15.4, // a percentage, as in the lad table; plain mean 14.4
      imd2019_employment_rate: 9.75, // over working-age population; over all people 10
      imd2019_pop_mid2015: 10_000,
      imd2019_pop_working_age_mid2015: 6_000,
    });
    for (const c of comparators) {
      expect(ComparatorSchema.parse(c)).toEqual(c);
      expect(c).toMatchObject({ areaCode: 'E92000001', areaName: 'England', vintage: 'LSOA 2011' });
      expect(c.method).toMatch(/, over all 5 LSOAs in England$/);
      expect(c.source).toContain('MHCLG English Indices of Deprivation 2019');
      expect(c.licence).toContain('Open Government Licence v3.0');
    }
    const method = (id: string) => comparators.find((c) => c.indicatorId === id)?.method;
    expect(method('imd2019_employment_rate')).toContain('working-age population');
    expect(method('imd2019_core20')).toContain('national IMD deciles 1 and 2');
  });

  it('leaves out ranks and deciles, which cannot be rolled up', async () => {
    const ids = (await readEnglandComparators(RAW_DIR, FIVE)).map((c) => c.indicatorId);
    expect(ids.filter((id) => /_(rank|decile)$/.test(id))).toEqual([]);
  });

  it('gives each authority its value by the same roll-up', async () => {
    const rows = parseImd2019England(await fixtureText(`raw/${FILE}`), FIVE).map((r) => r.value);
    const lads = ['E08999998', 'E08999999'];
    const { assignment, unassigned } = assignByLookup(
      rows.map((r) => r.lsoa11cd),
      new Map(rows.map((r) => [r.lsoa11cd, r.lad19cd])),
      lads,
    );
    expect(unassigned).toEqual([]);
    const rolled = rollUpColumns(imd2019Columns(rows), assignment);
    const at = (id: string) => Array.from(rolled.get(id)?.values ?? []);
    expect(at('imd2019_score')[0]).toBeCloseTo(190_000 / 7_000, 10);
    expect(at('imd2019_score')[1]).toBeCloseTo(10, 10);
    expect(at('imd2019_core20')[0]).toBeCloseTo((100 * 5_000) / 7_000, 10);
    expect(at('imd2019_core20')[1]).toBe(0);
  });

  it('does not make up an England value when an LSOA lacks one', async () => {
    const rows = parseImd2019England(await fixtureText(`raw/${FILE}`), FIVE).map((r) => r.value);
    const columns = imd2019Columns(rows);
    const score = columns.find((c) => c.meta.id === 'imd2019_score');
    if (!score) throw new Error('no score column');
    score.values[2] = NaN;
    const ids = englandComparators(columns, rows.length, 'test').map((c) => c.indicatorId);
    expect(ids).not.toContain('imd2019_score');
    expect(ids).toContain('imd2019_core20');
  });
});

describe('England file errors', () => {
  it('names file, line, column, field and value of a bad cell', async () => {
    const text = await fixtureText('bad_population_line_4.csv');
    const err = pipelineErrorOf(() => parseImd2019England(text, FIVE));
    expect(err.problems).toEqual([
      expect.objectContaining({
        file: FILE,
        line: 4,
        column: 26,
        field: 'pop_total_mid2015',
        value: 'n/a',
      }),
    ]);
    expect(err.message).toContain(
      `${FILE}, line 4, column 26 (pop_total_mid2015): expected a number [value: "n/a"]`,
    );
  });

  it('refuses a repeated LSOA, which would count twice', async () => {
    const text = await fixtureText('duplicate_code_line_7.csv');
    const err = pipelineErrorOf(() => parseImd2019England(text, FIVE));
    expect(err.message).toContain(`${FILE} repeats 1 area code(s).`);
    expect(err.problems).toEqual([
      expect.objectContaining({
        file: FILE,
        line: 7,
        value: 'E01900002',
        message: 'duplicate area code (first on line 3)',
      }),
    ]);
  });

  it('refuses a file that is not the whole of England', async () => {
    const text = await fixtureText(`raw/${FILE}`);
    const err = pipelineErrorOf(() => parseImd2019England(text));
    expect(err.message).toContain(`${FILE} holds 5 LSOAs, not the 32,844 of England`);
  });
});

describe('HeadlineSchema', () => {
  it('still reads a headline file written before comparators existed', () => {
    const old = { lifeExpectancy: [], deprivationSummaries: [], sources: [] };
    expect(HeadlineSchema.parse(old).comparators).toEqual([]);
  });

  it('refuses a comparator without a method', () => {
    const c = {
      indicatorId: 'imd2019_score',
      areaCode: 'E92000001',
      areaName: 'England',
      value: 21.7,
      method: '',
      source: 's',
      period: 'p',
      vintage: 'LSOA 2011',
      licence: 'l',
    };
    expect(ComparatorSchema.safeParse(c).success).toBe(false);
  });
});
