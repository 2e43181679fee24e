import { z } from 'zod';

/**
 * C0 and C1 controls, DEL, and the Unicode line/paragraph separators (which break JSON-in-JS
 * and CSV consumers). Free text may keep tab and newline; one-line fields may not.
 */
export function hasControlCharacter(text: string, allowTabAndNewline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (allowTabAndNewline && (c === 0x09 || c === 0x0a)) continue;
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

// A lone surrogate cannot be stored as UTF-8; SQLite would silently replace it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Bidirectional embeddings, overrides, isolates and marks, and zero-width characters: in a
 * one-line value (a name, a postcode, a web address) they only serve to make text display as
 * something other than what it is, e.g. a name that reads differently in the moderation queue.
 */
const INVISIBLE_OR_DIRECTION =
  /[\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

export function hasInvisibleOrDirectionCharacter(text: string): boolean {
  return INVISIBLE_OR_DIRECTION.test(text);
}

const isText = { error: 'Must be text' };

/**
 * Controls are refused as sent (before trimming), so "name\n" is an error rather than quietly
 * becoming "name"; then the value is trimmed and its length checked.
 */
function text(max: number, multiLine: boolean) {
  const crlf = (s: string) => (multiLine ? s.replace(/\r\n/g, '\n') : s);
  return z
    .string(isText)
    .refine((s) => !hasControlCharacter(crlf(s), multiLine), {
      error: 'Must not contain control characters',
    })
    .refine((s) => !LONE_SURROGATE.test(s), { error: 'Must be valid Unicode text' })
    .refine((s) => multiLine || !hasInvisibleOrDirectionCharacter(s), {
      error: 'Must not contain invisible or direction-changing characters',
    })
    .transform((s) => crlf(s).trim())
    .pipe(z.string().max(max, { error: `Must be at most ${max} characters` }));
}

/** A one-line string, trimmed, no control characters. May be empty. */
export function oneLine(max: number) {
  return text(max, false);
}

/** Free text: CRLF becomes LF, trimmed; tab and newline allowed, other controls not. */
export function freeText(max: number) {
  return text(max, true);
}

/** A required one-line value. */
export function requiredLine(max: number) {
  return oneLine(max).refine((s) => s.length > 0, { error: 'Required' });
}

export function requiredText(max: number) {
  return freeText(max).refine((s) => s.length > 0, { error: 'Required' });
}

/** An optional value: null, '' or only spaces mean "none" and become null. */
export function optional<T extends z.ZodType<string, unknown>>(schema: T) {
  // nullable, not a union with z.null(): a union would hide the inner message behind "Invalid input".
  return schema.nullable().transform((v): string | null => (v ? v : null));
}

// The official UK postcode pattern (GOV.UK bulk data transfer standard), spaces removed.
const UK_POSTCODE =
  /^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]([0-9ABEHMNPRV-Y])?|[0-9][A-HJKPS-UW])[0-9][ABD-HJLNP-UW-Z]{2})$/;

/** Normalises a UK postcode to upper case with one space before the inward code, or null. */
export function normalisePostcode(raw: string): string | null {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  if (!UK_POSTCODE.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export const postcode = oneLine(16).transform((s, ctx) => {
  if (s === '') return s;
  const normal = normalisePostcode(s);
  if (normal === null) {
    ctx.addIssue({ code: 'custom', message: 'Must be a UK postcode, e.g. L20 3BG' });
    return z.NEVER;
  }
  return normal;
});

/**
 * The one email rule: the JSON Schema `email` format as ajv-formats checks it (its fullFormats
 * email pattern, copied; test/server/oruk_api.test.ts checks the copy), which the Open Referral
 * UK schemas use. Stricter than a browser's type=email (no leading, trailing or doubled dot in
 * the local part), so an address the register takes is one every ORUK consumer takes too.
 */
export const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export const email = oneLine(254).refine((s) => s === '' || EMAIL.test(s), {
  error: 'Must be an email address',
});

export const phone = oneLine(30).refine(
  (s) => {
    if (s === '') return true;
    const digits = s.replace(/\D/g, '').length;
    return /^\+?[0-9][0-9 ()-]*$/.test(s) && digits >= 7 && digits <= 15;
  },
  { error: 'Must be a phone number (digits, spaces, brackets, + and - only)' },
);

/**
 * An http(s) address, stored as the WHATWG URL parser writes it back (`href`): a space becomes
 * %20, an accented host its punycode, so the stored value is a valid URI for every consumer.
 */
export const website = oneLine(500).transform((s, ctx) => {
  if (s === '') return s;
  let url: URL | null = null;
  try {
    url = new URL(s);
  } catch {
    url = null;
  }
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    !url.hostname.includes('.') ||
    url.username !== '' ||
    url.password !== ''
  ) {
    ctx.addIssue({ code: 'custom', message: 'Must be an http:// or https:// web address' });
    return z.NEVER;
  }
  if (url.href.length > 500) {
    ctx.addIssue({ code: 'custom', message: 'Must be at most 500 characters once encoded' });
    return z.NEVER;
  }
  return url.href;
});

/** HH:MM from 00:00 to 23:59 (no 24:00: ORUK consumers read times as times of day). */
export const time = z
  .string(isText)
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: 'Must be a time HH:MM, 00:00 to 23:59' });

/** YYYY-MM-DD that is a real calendar date. */
export const isoDate = z
  .string(isText)
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Must be a date YYYY-MM-DD' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { error: 'Must be a real date' },
  );
