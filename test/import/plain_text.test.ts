import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../workers/import/plain_text.ts';

describe('plainText', () => {
  it('keeps markup literally and drops controls, bidi overrides and zero-width characters', () => {
    expect(plainText('<script>alert("x")</script>')).toBe('<script>alert("x")</script>');
    expect(plainText('\uFEFF Birk\u202Edale\u0007\u200B  Ward\r\n2 ')).toBe('Birkdale Ward 2');
    expect(plainText('Ainsdale')).toBe('Ainsdale');
  });

  it('caps length by code point without splitting a surrogate pair', () => {
    expect(plainText('abcdef', 4)).toBe('abc…');
    expect(plainText('😀😀😀😀😀', 3)).toBe('😀😀…');
    expect(plainText('😀😀😀', 3)).toBe('😀😀😀');
  });

  it('always gives trimmed single-line text without controls, within the cap (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.integer({ min: 1, max: 300 }),
        (s, max) => {
          const out = plainText(s, max);
          expect(Array.from(out).length).toBeLessThanOrEqual(max);
          expect(out).not.toMatch(/[\p{Cc}\p{Cf}]/u);
          expect(out).not.toMatch(/\s{2,}|^\s|\s$|[^\S ]/u);
          expect(plainText(out, max)).toBe(out);
        },
      ),
      { seed: 20260601, numRuns: 2000 },
    );
  });
});
