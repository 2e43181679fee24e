// The one CSV reader: records with the line each starts on, whatever the line ends and quoting.
import { describe, expect, it } from 'vitest';
import { CsvError } from '../../workers/csv/csv_error.ts';
import { readCsv } from '../../workers/csv/read_csv.ts';
import { errorOf } from '../helpers/error_of.ts';

const csvErrorOf = (fn: () => unknown) => errorOf(fn, CsvError);

const lines = (text: string) => readCsv(text, { file: 'f.csv' }).records.map((r) => r.line);

describe('readCsv', () => {
  it('gives the header and each record with the line it starts on', () => {
    expect(readCsv('a,b\n1,2\n3,4\n', { file: 'f.csv' })).toEqual({
      file: 'f.csv',
      header: ['a', 'b'],
      records: [
        { line: 2, cells: ['1', '2'] },
        { line: 3, cells: ['3', '4'] },
      ],
    });
  });

  it('counts lines inside quoted cells, whatever the line ends', () => {
    //   1 a,b
    //   2 1,"x        <- record starts here
    //   3 y"
    //   4 2,z
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['a,b', '1,"x', 'y"', '2,z', ''].join(eol);
      expect(lines(text), JSON.stringify(eol)).toEqual([2, 4]);
      expect(readCsv(text, { file: 'f.csv' }).records[0]?.cells[1]).toBe('x\ny');
    }
  });

  it('reads the same from text and from bytes, with or without a BOM', () => {
    const text = 'code,value\r\nE01000001,"1,5"\r\n';
    const expected = readCsv(text, { file: 'f.csv' });
    expect(readCsv(`\uFEFF${text}`, { file: 'f.csv' })).toEqual(expected);
    const bytes = new TextEncoder().encode(`\uFEFF${text}`);
    expect(readCsv(bytes, { file: 'f.csv' })).toEqual(expected);
    expect(expected.header).toEqual(['code', 'value']);
  });

  it('skips empty lines and rows of empty cells, keeping the lines of the rest', () => {
    expect(lines('a,b\n\n1,2\n,\n\n3,4\n')).toEqual([3, 6]);
  });

  it('trims the header always and the cells when asked', () => {
    const text = ' a , b \n 1 , "x" \n';
    expect(readCsv(text, { file: 'f.csv', trim: true })).toMatchObject({
      header: ['a', 'b'],
      records: [{ cells: ['1', 'x'] }],
    });
    expect(readCsv('a,b\n 1 ,2\n', { file: 'f.csv' }).records[0]?.cells).toEqual([' 1 ', '2']);
  });

  it('gives an empty header for an empty file, leaving the refusal to the caller', () => {
    expect(readCsv('', { file: 'f.csv' })).toEqual({ file: 'f.csv', header: [], records: [] });
    expect(readCsv('\uFEFF\r\n\r\n', { file: 'f.csv' }).header).toEqual([]);
  });

  it('refuses a ragged row, naming file and line', () => {
    const error = csvErrorOf(() => readCsv('a,b\n1,2\n3\n', { file: 'short.csv' }));
    expect(error.failure).toBe('syntax');
    expect(error.problems).toEqual([
      expect.objectContaining({
        file: 'short.csv',
        line: 3,
        message: expect.stringMatching(/^wrong number of fields: expect 2, got 1/),
      }),
    ]);
    expect(error.message).toContain('short.csv, line 3: wrong number of fields');
    expect(() => readCsv('a,b\n1,2,3\n', { file: 'long.csv' })).toThrow(/long\.csv, line 2/);
  });

  it('names line and column of text after a closing quote, and where an open quote began', () => {
    const stray = csvErrorOf(() => readCsv('a,b\n1,2\n3,"x"y\n', { file: 'q.csv' }));
    expect(stray.problems[0]).toMatchObject({ line: 3, column: 2 });
    const open = csvErrorOf(() => readCsv('a,b\n1,2\n3,"x\n4,5\n', { file: 'q.csv' }));
    expect(open.problems[0]).toMatchObject({
      line: 3,
      message: 'a quoted field starting on this line or a later one is never closed',
    });
  });

  it('refuses more rows than the limit, and takes exactly the limit', () => {
    const text = 'a\n' + Array.from({ length: 5 }, (_, i) => `${i}\n`).join('');
    expect(readCsv(text, { file: 'f.csv', maxRows: 5 }).records).toHaveLength(5);
    const error = csvErrorOf(() => readCsv(text, { file: 'f.csv', maxRows: 4 }));
    expect(error.failure).toBe('too-many-rows');
    expect(error.problems[0]?.message).toBe('the file has more than 4 rows');
  });
});
