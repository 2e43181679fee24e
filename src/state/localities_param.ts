/**
 * The user's own localities in the URL (`loc`): two or more named groups of the authority's
 * wards, which the gap view compares instead of its default. Written as
 * `North:E05000001,E05000002|South:E05000003`: a locality's name, a colon, its ward codes
 * separated by commas; localities separated by "|". Names are letters, digits, spaces and
 * & ' ( ) . - only (never a separator, never markup). Validated with zod when read; whether
 * the wards are this authority's is checked against its ward table (`checkLocalityWards`).
 * Pure: no DOM.
 */
import { z } from 'zod';

export const MAX_LOCALITIES = 12;
export const MAX_NAME = 40;
/** An authority has at most about 100 wards (Birmingham 69; Leeds, Cornwall under 100). */
const MAX_WARDS = 200;

export const LOCALITY_NAME = /^[\p{L}\p{N}][\p{L}\p{N} &'().-]*$/u;
const WARD_CODE = /^[EW]05\d{6}$/;

export const LocalityGroupSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'a locality has no name' })
    .max(MAX_NAME, { error: `a locality name is longer than ${MAX_NAME} characters` })
    .regex(LOCALITY_NAME, {
      error: "a locality name may hold only letters, digits, spaces and & ' ( ) . -",
    }),
  wards: z
    .array(z.string().regex(WARD_CODE, { error: 'a ward code is not like E05000001' }))
    .min(1, { error: 'a locality has no wards' }),
});
export type LocalityGroup = z.infer<typeof LocalityGroupSchema>;

/** Two or more localities, distinct names, no ward in two of them. */
export const LocalityGroupsSchema = z
  .array(LocalityGroupSchema)
  .min(2, { error: 'fewer than two localities' })
  .max(MAX_LOCALITIES, { error: `more than ${MAX_LOCALITIES} localities` })
  .superRefine((groups, ctx) => {
    const names = new Set<string>();
    const wards = new Map<string, string>();
    let total = 0;
    for (const g of groups) {
      const key = g.name.toLowerCase();
      if (names.has(key))
        ctx.addIssue({ code: 'custom', message: `two localities are called "${g.name}"` });
      names.add(key);
      for (const w of g.wards) {
        total++;
        const other = wards.get(w);
        if (other !== undefined)
          ctx.addIssue({
            code: 'custom',
            message: `ward ${w} is in both "${other}" and "${g.name}"`,
          });
        wards.set(w, g.name);
      }
    }
    if (total > MAX_WARDS) ctx.addIssue({ code: 'custom', message: 'too many wards' });
  });

export type Decoded = { ok: true; groups: LocalityGroup[] } | { ok: false; reason: string };

/** Reads the `loc` parameter; the reason is in words (never a pattern or zod's wording). */
export function decodeLocalities(raw: string): Decoded {
  if (raw.length > 4000) return { ok: false, reason: 'the localities are too long for a link' };
  const groups = raw.split('|').map((part) => {
    const colon = part.indexOf(':');
    const name = colon < 0 ? part : part.slice(0, colon);
    const wards =
      colon < 0
        ? []
        : part
            .slice(colon + 1)
            .split(',')
            .filter(Boolean);
    return { name, wards };
  });
  const parsed = LocalityGroupsSchema.safeParse(groups);
  if (parsed.success) return { ok: true, groups: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: issue?.message ?? 'not valid' };
}

/** Writes localities as the `loc` parameter; throws on groups the decoder would refuse. */
export function encodeLocalities(groups: readonly LocalityGroup[]): string {
  const valid = LocalityGroupsSchema.parse(groups);
  return valid.map((g) => `${g.name}:${g.wards.join(',')}`).join('|');
}

/** A `loc` string is well formed (for the view state's schema). */
export const isLocalityParam = (raw: string) => decodeLocalities(raw).ok;

/**
 * Checks decoded localities against the authority's ward codes: the ward codes it does not
 * have, in words, or null when all are its own.
 */
export function checkLocalityWards(
  groups: readonly LocalityGroup[],
  wardCodes: readonly string[],
  place: string,
): string | null {
  const known = new Set(wardCodes);
  const unknown = groups.flatMap((g) => g.wards).filter((w) => !known.has(w));
  if (!unknown.length) return null;
  const shown = unknown.slice(0, 3).join(', ');
  return `the link's localities name ${unknown.length === 1 ? 'a ward' : `${unknown.length} wards`} that ${place} does not have (${shown}${unknown.length > 3 ? '…' : ''})`;
}
