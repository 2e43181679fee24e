// The one number rule: plain decimal notation only, finite, nothing JavaScript's Number() guesses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalCell, decimalOrMissingCell, parseDecimal } from '../../workers/csv/decimal.ts';

describe('parseDecimal', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    ['-0.5', -0.5],
    ['+3', 3],
    ['.25', 0.25],
    ['4.', 4],
    ['1e-3', 0.001],
    ['2.5E+2', 250],
    ['007', 7],
  ])('reads %s', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '1,000',
    '1,5',
    '1 000',
    '0x10',
    '0b1',
    'Infinity',
    '-Infinity',
    'NaN',
    '1e999',
    '.',
    '-',
    '+',
    'e5',
    '1e',
    '1.2.3',
    '--1',
    '£5',
    '5%',
    'NA',
  ])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });

  it('reads back every finite double as JavaScript writes it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(parseDecimal(String(x))).toBe(x === 0 ? 0 : x);
      }),
    );
  });

  it('reads fixed-point text with any number of places', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat({ max: 9999 }), (whole, places) => {
        const text = `${whole}.${places}`;
        expect(parseDecimal(text)).toBe(Number(text));
      }),
    );
  });

  it('refuses any text holding a letter other than one exponent e', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => /[a-df-zA-DF-Z]/.test(s)),
        (s) => {
          expect(parseDecimal(s)).toBeNull();
        },
      ),
    );
  });
});

describe('decimal cells', () => {
  it('trims, and names the problem in its own words', () => {
    const cell = decimalCell('expected a number');
    expect(cell.parse(' 1.5 ')).toBe(1.5);
    expect(cell.safeParse('').error?.issues[0]?.message).toBe('expected a number');
  });

  it('reads only the given marks as missing', () => {
    const cell = decimalOrMissingCell('expected a number, NA or empty', ['', 'NA']);
    expect(cell.parse('NA')).toBeNull();
    expect(cell.parse(' ')).toBeNull();
    expect(cell.parse('2')).toBe(2);
    expect(cell.safeParse('na').success).toBe(false);
  });
});
