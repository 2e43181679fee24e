/**
 * Makes user-supplied text safe to keep and show as plain text: control and invisible
 * formatting characters removed (bidi overrides can make a name read differently from what
 * it is), runs of white space collapsed, and a length cap. Markup such as `<script>` is kept
 * literally: the UI only ever sets `textContent`, so escaping here would show `&lt;`.
 */

/** Longest area, indicator, category or file name kept. */
export const NAME_MAX = 200;
/** Longest free text kept (definitions, value notes, licences). */
export const TEXT_MAX = 2_000;

/** Control (Cc) and invisible format (Cf) characters: zero-width, bidi overrides, BOM. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** Anything `plainText` would change besides length: controls, format characters, runs of spaces. */
const NEEDS_WORK = /[\p{Cc}\p{Cf}\s]{2,}|[\p{Cc}\p{Cf}]|^\s|\s$|[^\S ]/u;

/** Plain, single-line text of at most `max` characters (an ellipsis marks a cut). */
export function plainText(raw: string, max: number = NAME_MAX): string {
  // Most cells are already plain and short: one test instead of three replaces (hot path of
  // a 20 MB import).
  if (raw.length <= max && !NEEDS_WORK.test(raw)) return raw;
  // Line breaks and tabs become spaces before the other controls are dropped.
  const text = raw.replace(/\s+/g, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
  if (text.length <= max) return text;
  const chars = Array.from(text);
  // Cut by code point, never inside a surrogate pair.
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** `plainText`, or null when nothing is left. */
export function plainTextOrNull(raw: string | undefined, max: number = NAME_MAX): string | null {
  if (raw === undefined) return null;
  const text = plainText(raw, max);
  return text === '' ? null : text;
}
