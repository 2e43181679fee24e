// Rows validated by one zod schema keyed by header: typed rows, or every bad cell located.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decimalCell } from '../../workers/csv/decimal.ts';
import { readCsv } from '../../workers/csv/read_csv.ts';
import { missingColumns, validateRows } from '../../workers/csv/validate_rows.ts';

const Row = z.object({
  code: z.string().regex(/^E01\d{6}$/, 'expected an LSOA code'),
  value: decimalCell('not a number'),
});
const csv = (text: string) => readCsv(text, { file: 'f.csv' });

describe('validateRows', () => {
  it('gives typed rows with their lines', () => {
    expect(validateRows(csv('code,value,other\nE01000001,1.5,x\n\nE01000002,2,y\n'), Row)).toEqual({
      rows: [
        { line: 2, value: { code: 'E01000001', value: 1.5 } },
        { line: 4, value: { code: 'E01000002', value: 2 } },
      ],
      problems: [],
      badRows: 0,
    });
  });

  it('names file, line, column number, header and value of every bad cell', () => {
    const { problems, badRows } = validateRows(
      csv('other,code,value\nx,E01000001,1O\nx,X,2\nx,"E01000003\n",1\n'),
      Row,
    );
    expect(badRows).toBe(3);
    expect(problems).toEqual([
      { file: 'f.csv', line: 2, column: 3, field: 'value', value: '1O', message: 'not a number' },
      {
        file: 'f.csv',
        line: 3,
        column: 2,
        field: 'code',
        value: 'X',
        message: 'expected an LSOA code',
      },
      {
        file: 'f.csv',
        line: 4,
        column: 2,
        field: 'code',
        value: 'E01000003\n',
        message: 'expected an LSOA code',
      },
    ]);
  });

  it('reports a cell once however many checks it fails', () => {
    const Strict = z.object({ code: z.string().min(9, 'too short').regex(/^E/, 'not E') });
    expect(validateRows(csv('code\nX\n'), Strict).problems.map((p) => p.message)).toEqual([
      'too short',
    ]);
  });

  it('stops collecting at the cap but counts every bad row', () => {
    const text = 'code,value\n' + 'X,x\n'.repeat(5);
    const { problems, badRows } = validateRows(csv(text), Row, { maxProblems: 3 });
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'code'],
      [2, 'value'],
      [3, 'code'],
    ]);
    expect(badRows).toBe(5);
  });

  it('keys cells by the caller’s names when given, naming the header in problems', () => {
    const Fields = z.object({ value: decimalCell('not a number') });
    const { problems } = validateRows(csv('Area,Value\nE01000001,x\n'), Fields, {
      columns: { value: 1 },
    });
    expect(problems).toEqual([expect.objectContaining({ column: 2, field: 'Value', value: 'x' })]);
  });

  it('places a whole-row problem on its line only', () => {
    const Both = z
      .object({ lower: decimalCell('nan'), upper: decimalCell('nan') })
      .refine((r) => r.lower <= r.upper, 'lower is above upper');
    expect(validateRows(csv('lower,upper\n2,1\n'), Both).problems).toEqual([
      {
        file: 'f.csv',
        line: 2,
        column: null,
        field: null,
        value: null,
        message: 'lower is above upper',
      },
    ]);
  });

  it('is not fooled by headers named like object properties', () => {
    const Odd = z.object({ constructor: decimalCell('not a number') });
    const { problems } = validateRows(csv('__proto__,constructor\na,b\n'), Odd);
    expect(problems).toEqual([
      expect.objectContaining({ column: 2, field: 'constructor', value: 'b' }),
    ]);
    const Missing = z.object({ toString: z.string() });
    expect(validateRows(csv('a\n1\n'), Missing).problems[0]).toMatchObject({
      column: null,
      field: 'toString',
      value: null,
    });
  });
});

describe('missingColumns', () => {
  it('lists the required columns the header lacks, in the order asked', () => {
    expect(missingColumns(csv('b,x\n1,2\n'), ['a', 'b', 'c'])).toEqual(['a', 'c']);
  });
});
