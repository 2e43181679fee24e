// The one CSV writer: text quoted and formula-guarded, numbers plain, and the reader reads it back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../workers/csv/read_csv.ts';
import { guardFormula, writeCsv, writeCsvLine } from '../../workers/csv/write_csv.ts';

describe('writeCsv', () => {
  it('quotes every text cell and doubles its quotes; numbers and null are plain', () => {
    expect(
      writeCsv([
        ['code', 'name'],
        ['E01000001', 'Say "hi", then\nleave'],
        [1.5, null],
      ]),
    ).toBe('"code","name"\n"E01000001","Say ""hi"", then\nleave"\n1.5,\n');
  });

  it('keeps an empty text cell apart from a missing value', () => {
    expect(writeCsvLine(['', null, 0])).toBe('"",,0');
  });

  it.each(['=1+1', '+44 151', '-2', '@SUM(A1)', '\tx', '\rx'])(
    'makes %j text for a spreadsheet',
    (text) => {
      expect(writeCsvLine([text])).toBe(`"'${text}"`);
    },
  );

  it('leaves a formula behind a semicolon inside quotes, where a ; spreadsheet cannot split it', () => {
    expect(writeCsvLine(['Foo;=1+1;bar', 3])).toBe('"Foo;=1+1;bar",3');
  });

  it('writes negative numbers as numbers: only text is guarded', () => {
    expect(writeCsvLine([-2, '-2'])).toBe(`-2,"'-2"`);
  });

  it('writes CRLF and a byte order mark for Excel when asked', () => {
    expect(writeCsv([['a'], [1]], { eol: '\r\n', bom: true })).toBe('\uFEFF"a"\r\n1\r\n');
  });
});

describe('reader(writer(x)) = x', () => {
  // Text the guard leaves alone, so it must come back unchanged.
  const text = fc.string({ unit: 'grapheme' }).filter((s) => guardFormula(s) === s);
  const cell = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }));

  it('gives back every row, cell for cell, with its line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.tuple(
            fc.array(
              text.filter((s) => s.trim() !== ''),
              { minLength: width, maxLength: width },
            ),
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 8 }),
          ),
        ),
        fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
        ([header, rows], eol) => {
          // The reader skips rows whose every cell is empty, as it should for any file.
          const kept = rows.filter((r) => r.some((c) => c !== ''));
          const csv = readCsv(writeCsv([header, ...kept], { eol, bom: true }), { file: 'x.csv' });
          expect(csv.header).toEqual(header.map((h) => h.trim()));
          // The reader makes every line end \n, inside quoted cells too.
          const same = (c: string | number) =>
            typeof c === 'number' ? String(c) : c.replace(/\r\n?/g, '\n');
          expect(csv.records.map((r) => r.cells)).toEqual(kept.map((r) => r.map(same)));
          let line = 2 + header.join('').split(/\r\n?|\n/).length - 1;
          const lines = kept.map((r) => {
            const at = line;
            line += r.map(same).join('').split('\n').length;
            return at;
          });
          expect(csv.records.map((r) => r.line)).toEqual(lines);
        },
      ),
    );
  });

  it('turns a guarded cell back into its text with one apostrophe in front', () => {
    const csv = readCsv(writeCsv([['a'], ['=HYPERLINK("x")']]), { file: 'x.csv' });
    expect(csv.records[0]?.cells).toEqual([`'=HYPERLINK("x")`]);
  });
});
