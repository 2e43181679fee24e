import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeographyId } from '../../contracts/geography.ts';
import {
  parseIndicatorCsv,
  summariseSeries,
  type ParsedIndicatorFile,
} from '../../workers/import/parse_indicator_csv.ts';
import { buildSeftonCodes, fixture } from './sefton_codes.ts';

const FINGERTIPS = 'fingertips_sefton_wards_le_2016-20.csv';

function parsedOk(text: string, name = 'test.csv'): ParsedIndicatorFile {
  const result = parseIndicatorCsv(text, name);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.file;
}

function problemsOf(text: string, maxRows?: number): string[] {
  const result = parseIndicatorCsv(text, 'bad.csv', { maxRows });
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems.map((p) => p.message);
}

describe('parseIndicatorCsv: Fingertips exports', () => {
  it('reads a BOM, CRLF, quoted export into one series per sex, keeping every row with its line', async () => {
    const file = parsedOk(await fixture(FINGERTIPS), FINGERTIPS);
    expect(file.format).toBe('fingertips');
    expect(file.header[0]).toBe('Indicator ID'); // the BOM is not part of the first name
    expect(file.rowCount).toBe(50);
    expect(file.series.map((s) => [s.sex, s.rows.length])).toEqual([
      ['Male', 25],
      ['Female', 25],
    ]);
    const female = file.series[1];
    expect(female).toMatchObject({
      indicatorId: '93283',
      indicatorName: 'Life expectancy at birth, (upper age band 90+)',
      age: 'All ages',
      period: '2016 - 20',
      category: null,
    });
    // Line 2 is the first data row; female England is the 26th row, so line 27.
    expect(female?.rows[0]).toMatchObject({ line: 27, code: 'E92000001', areaType: 'England' });
    const ford = female?.rows.find((r) => r.code === 'E05000939');
    expect(ford).toMatchObject({
      value: null,
      missingReason: 'Value suppressed for disclosure control due to small count',
      lower: null,
    });
    const ainsdale = female?.rows.find((r) => r.code === 'E05000932');
    expect(ainsdale?.value).toBeTypeOf('number');
    expect(ainsdale?.lower).toBeLessThan(ainsdale?.value ?? 0);
    expect(ainsdale?.lower998).toBeLessThan(ainsdale?.lower ?? 0);
    expect(ainsdale?.decimals).toBe(1);
    expect(ainsdale?.count).toBeGreaterThan(0);
  });

  it('matches headers by name in any order and case, needing only the four it uses', () => {
    const file = parsedOk(
      'VALUE,time_period,AREA CODE,indicator name\n12.5,2022/23,E05000932,Smoking\n,2022/23,E05000933,Smoking\n',
    );
    expect(file.format).toBe('fingertips');
    expect(file.series).toHaveLength(1);
    expect(file.series[0]?.rows.map((r) => [r.code, r.value, r.missingReason])).toEqual([
      ['E05000932', 12.5, null],
      ['E05000933', null, 'no value given'],
    ]);
  });

  it('names the missing required columns', () => {
    const messages = problemsOf('Indicator Name,Area Code,Sex\nX,E05000932,Male\n');
    expect(messages).toEqual([
      expect.stringContaining('missing column "Time period"'),
      expect.stringContaining('missing column "Value"'),
    ]);
  });

  it('splits series by category, age and period', () => {
    const head = 'Indicator Name,Area Code,Time period,Value,Sex,Age,Category Type,Category\n';
    const file = parsedOk(
      head +
        'A,E05000932,2020,1,Persons,All ages,,\n' +
        'A,E05000932,2021,1,Persons,All ages,,\n' +
        'A,E05000932,2021,1,Persons,65+ yrs,,\n' +
        'A,E05000932,2021,1,Persons,All ages,Deprivation decile,Most deprived decile\n' +
        'A,E05000933,2021,2,Persons,All ages,Deprivation decile,Most deprived decile\n',
    );
    expect(file.series.map((s) => s.rows.length)).toEqual([1, 1, 1, 2]);
  });
});

describe('parseIndicatorCsv: plain files', () => {
  it('reads area_code,value with optional name and limits', async () => {
    const file = parsedOk(await fixture('plain_lsoa21.csv'), 'plain_lsoa21.csv');
    expect(file.format).toBe('plain');
    expect(file.series).toHaveLength(1);
    const s = file.series[0];
    expect(s?.indicatorName).toBe('plain_lsoa21');
    expect(s?.rows).toHaveLength(12);
    expect(s?.rows[0]?.line).toBe(2);
    const r = s?.rows[0];
    expect((r?.upper ?? 0) - (r?.lower ?? 0)).toBeCloseTo(5, 6);
  });

  it('reads missing-value marks as no value and says which mark', () => {
    const file = parsedOk(
      'area_code,value\nE05000932,x\nE05000933,NA\nE05000934,..\nE05000935,3\n',
    );
    expect(file.series[0]?.rows.map((r) => r.missingReason)).toEqual([
      'not available (x)',
      'not available (NA)',
      'suppressed or not available (..)',
      null,
    ]);
  });

  it('skips blank and all-empty rows and counts lines inside multi-line quoted fields', () => {
    const file = parsedOk(
      'area_code,area_name,value\r\nE05000932,"Ains\r\ndale",1\r\n\r\n,,\r\nE05000933,Birkdale,2\r\n',
    );
    expect(file.series[0]?.rows.map((r) => [r.line, r.name])).toEqual([
      [2, 'Ains dale'],
      [6, 'Birkdale'],
    ]);
  });

  it('infers decimal places from how values are written', () => {
    const file = parsedOk('area_code,value\nE05000932,12.50\nE05000933,3\nE05000934,1.5e-2\n');
    expect(file.series[0]?.rows.map((r) => r.decimals)).toEqual([2, 0, 3]);
  });
});

describe('parseIndicatorCsv: bad files', () => {
  it('refuses an empty file and a header without rows', async () => {
    expect(problemsOf(await fixture('empty.csv'))).toEqual([
      'the file is empty: expected a header line and rows',
    ]);
    expect(problemsOf(await fixture('header_only.csv'))).toEqual([
      'line 1: the file has a header but no rows',
    ]);
  });

  it('names the line of a malformed quote', async () => {
    const [message] = problemsOf(await fixture('malformed_quote_line_3.csv'));
    expect(message).toMatch(/^line 3, column 2: a quoted field is followed by more text/);
  });

  it('names the line of a quote that is never closed', () => {
    const [message] = problemsOf('area_code,value\nE05000932,1\nE05000933,"2\nE05000934,3\n');
    expect(message).toMatch(
      /^line 3: a quoted field starting on this line or a later one is never closed/,
    );
  });

  it('names line, column and value of a non-numeric value', async () => {
    expect(problemsOf(await fixture('value_not_a_number_line_4.csv'))).toEqual([
      'line 4, column 3 (value): not a number (empty, NA, x, c, *, .., : or - are read as no value) (got "1O.2")',
    ]);
  });

  it('explains decimal commas, and lists every bad cell (one per cell) up to the cap', () => {
    const messages = problemsOf('area_code,value,lower\nE05000932,"1,5",x1\n,2,1\nE05000934,3,\n');
    expect(messages).toEqual([
      'line 2, column 2 (value): not a number: write decimals with a point, not a comma (got "1,5")',
      'line 2, column 3 (lower): not a number (empty, NA, x, c, *, .., : or - are read as no value) (got "x1")',
      'line 3, column 1 (area_code): empty area code',
    ]);
  });

  it('refuses wrong field counts and unknown layouts', () => {
    expect(problemsOf('area_code,value\nE05000932,1,2\n')[0]).toMatch(
      /^line 2: wrong number of fields: expect 2, got 3/,
    );
    expect(problemsOf('code,amount\nE05000932,1\n')[0]).toMatch(/unrecognised columns/);
  });

  it('refuses more rows than the limit without reading them all', () => {
    const text = 'area_code,value\n' + 'E05000932,1\n'.repeat(11);
    expect(problemsOf(text, 10)[0]).toMatch(/more than 10 rows/);
    expect(parseIndicatorCsv(text, 'ok.csv', { maxRows: 11 }).ok).toBe(true);
  });

  it('keeps hostile text as plain text: markup literal, controls gone, names capped at 200', async () => {
    const file = parsedOk(await fixture('script_in_area_name.csv'), '<b>evil</b>\u0000.csv');
    const names = file.series[0]?.rows.map((r) => r.name);
    expect(names?.[0]).toBe('<script>alert("x")</script>');
    expect(names?.[1]).toBe('Birkdale <b>bold</b>');
    expect(Array.from(names?.[2] ?? '')).toHaveLength(200);
    expect(names?.[2]?.endsWith('…')).toBe(true);
    expect(file.fileName).toBe('<b>evil</b>.csv');
    expect(file.series[0]?.rows[3]?.code).toBe('<IMG SRC=X ONERROR=ALERT(1)>');
  });
});

describe('summariseSeries', () => {
  let known: Record<GeographyId, string[]>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ known, cleanup } = await buildSeftonCodes());
  });
  afterAll(() => cleanup());

  it('labels each series and preselects the one with most areas of the atlas', async () => {
    const text = await fixture(FINGERTIPS);
    // An England-only persons series first: it has rows but no area of any atlas geography.
    const extra =
      '93283,"Life expectancy at birth, (upper age band 90+)",,,E92000001,England,England,Persons,All ages,,,2016 - 20,81.0,,,,,,,,,,,20160000,,\r\n';
    const file = parsedOk(text.replace(/\r\n/, `\r\n${extra}`));
    const { series, defaultSeries } = summariseSeries(file, known, { areaName: 'Sefton' });
    expect(series.map((s) => s.label)).toEqual([
      'Life expectancy at birth, (upper age band 90+) — Persons, All ages, 2016 - 20',
      'Life expectancy at birth, (upper age band 90+) — Male, All ages, 2016 - 20',
      'Life expectancy at birth, (upper age band 90+) — Female, All ages, 2016 - 20',
    ]);
    expect(series[0]?.detection.ok).toBe(false);
    const male = series[1];
    expect(male?.detection).toMatchObject({ ok: true, geography: 'ward', matched: 22, areas: 22 });
    expect(series[2]?.missingValues).toBe(1);
    expect(male?.areaTypes).toEqual([
      'England',
      'Region',
      'District & UA (2021/22-2022/23)',
      'Ward',
    ]);
    // Male and Female both have 22 wards; the tie goes to the first in the file.
    expect(defaultSeries).toBe(male?.key);
  });
});
