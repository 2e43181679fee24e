/**
 * The one rule for a number written in a CSV cell: plain decimal notation, as statistical
 * files and spreadsheets write it. `12`, `-0.5`, `+3`, `.25`, `1e-3`, `4.` are numbers;
 * `1,000`, `1,5`, `0x10`, `Infinity`, `NaN`, `1e999`, `1 000` and the empty cell are not
 * (JavaScript's `Number()` would take several of those, and `''` as 0).
 */
import { z } from 'zod';

export const DECIMAL_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The finite number `text` writes (surrounding spaces are not allowed), or null. */
export function parseDecimal(text: string): number | null {
  if (!DECIMAL_TEXT.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** A cell holding a number (trimmed); otherwise an issue with `message`. */
export function decimalCell(message: string) {
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      const n = parseDecimal(text);
      if (n !== null) return n;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    });
}

/** A cell holding a number, or one of the `missing` marks (exact, after trimming) read as null. */
export function decimalOrMissingCell(message: string, missing: readonly string[]) {
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      if (missing.includes(text)) return null;
      const n = parseDecimal(text);
      if (n !== null) return n;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    });
}
