import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { gss, int, num, optNum, optNumOrNA, parseCsvTable } from '../../data/csv_table.ts';
import { pipelineErrorOf } from '../helpers/pipeline_error.ts';

const Schema = z.object({ code: gss('E01'), score: num, rank: int, note: optNum.optional() });

describe('parseCsvTable', () => {
  it('returns typed rows with their line numbers', () => {
    const rows = parseCsvTable(
      'code,score,rank\nE01006512,12.5,3\n"E01006513",1e2,4\n',
      'f.csv',
      Schema,
    );
    expect(rows).toEqual([
      { line: 2, value: { code: 'E01006512', score: 12.5, rank: 3 } },
      { line: 3, value: { code: 'E01006513', score: 100, rank: 4 } },
    ]);
  });

  it('names file, line, column, field and value of a bad cell', () => {
    const err = pipelineErrorOf(() =>
      parseCsvTable('code,score,rank\nE01006512,12.5,3\nE01006513,twelve,4\n', 'imd.csv', Schema),
    );
    expect(err.problems).toEqual([
      expect.objectContaining({
        file: 'imd.csv',
        line: 3,
        column: 2,
        field: 'score',
        value: 'twelve',
      }),
    ]);
    expect(err.message).toContain(
      'imd.csv, line 3, column 2 (score): expected a number [value: "twelve"]',
    );
  });

  it('lists every bad row, not just the first', () => {
    const err = pipelineErrorOf(() =>
      parseCsvTable('code,score,rank\nX1,1,1\nE01000001,1,1.5\n', 'f.csv', Schema),
    );
    expect(err.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'code'],
      [3, 'rank'],
    ]);
  });

  it('reports a row with the wrong number of fields by line', () => {
    const err = pipelineErrorOf(() =>
      parseCsvTable('code,score,rank\nE01006512,1,2\nE01006513,1\n', 'short.csv', Schema),
    );
    expect(err.message).toMatch(/short\.csv, line 3/);
  });

  it('reports an unclosed quote', () => {
    const err = pipelineErrorOf(() =>
      parseCsvTable('code,score,rank\n"E01006512,1,2\n', 'quote.csv', Schema),
    );
    expect(err.message).toMatch(/quote\.csv/);
    expect(err.problems[0]?.line).toBeGreaterThan(0);
  });

  it('names missing columns', () => {
    const err = pipelineErrorOf(() =>
      parseCsvTable('code,score\nE01006512,1\n', 'cols.csv', Schema),
    );
    expect(err.message).toContain('cols.csv lacks required column(s): rank');
  });

  it('reads empty cells and NA as missing only where allowed', () => {
    expect(optNum.parse('')).toBeNull();
    expect(optNumOrNA.parse('NA')).toBeNull();
    expect(optNum.safeParse('NA').success).toBe(false);
    expect(num.safeParse('').success).toBe(false);
    expect(num.safeParse('1,000').success).toBe(false);
  });
});
