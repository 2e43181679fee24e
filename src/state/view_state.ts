import { z } from 'zod';
import { CLASS_METHODS } from '../../workers/atlas/classify.ts';
import { PALETTE_IDS, type PaletteId } from '../map/palettes.ts';
import { decodeLocalities, isLocalityParam, MAX_LOCALITIES } from './localities_param.ts';

export { LEVELS, type Level } from '../../contracts/geography.ts';
import { LEVELS, OPENING_VIEW } from '../../contracts/geography.ts';

/** Everything needed to reproduce a view; lives in the URL query string. */
export const ViewStateSchema = z.object({
  /** The area bundle on screen (a district or group code), or "england" for the overview. */
  la: z
    .string()
    .regex(/^(england|[A-Za-z0-9]{2,12})$/, { error: 'not an authority code' })
    .optional(),
  level: z.enum(LEVELS),
  ind: z.string().regex(/^[a-z0-9_]{1,80}$/),
  cls: z.enum(CLASS_METHODS),
  k: z.coerce.number().int().min(3).max(9),
  pal: z.enum(PALETTE_IDS as [PaletteId, ...PaletteId[]]),
  sel: z
    .string()
    .regex(/^[EW]\d{8}$/)
    .optional(),
  order: z.enum(['north', 'deprivation']),
  /** Map position: zoom/lat/lon. */
  at: z
    .string()
    .regex(/^\d{1,2}(\.\d+)?\/-?\d{1,2}(\.\d+)?\/-?\d{1,3}(\.\d+)?$/)
    .optional(),
  layers: z
    .string()
    .regex(/^[a-z0-9_,]*$/)
    .optional(),
  /** The report page open over the atlas, if any (the profile is of the selected area). */
  rep: z.enum(['gap', 'profile']).optional(),
  /** Its page orientation. */
  orient: z.enum(['portrait', 'landscape']).optional(),
  /** The user's own localities for the gap view (src/state/localities_param.ts). */
  loc: z.string().refine(isLocalityParam).optional(),
});
export type ViewState = z.infer<typeof ViewStateSchema>;

export const DEFAULT_VIEW: ViewState = {
  // The pipeline names each bundle's geography for this view in index.json (`opening`).
  level: OPENING_VIEW.level,
  ind: OPENING_VIEW.ind,
  cls: 'quantile',
  k: 5,
  pal: 'purples',
  order: 'north',
  // register: approved community assets (served by the register, which supersedes the
  // pipeline's community_assets layer once it loads; without a register that layer shows).
  layers: 'gp_practices,community_assets,food_banks,libraries,register',
};

/** What each parameter should hold, in words: a notice never shows a pattern or zod's wording. */
const PARAM_HELP: Record<keyof ViewState, string> = {
  la: 'expected an authority code such as E08000014, or england',
  level: 'expected lsoa, msoa or ward',
  ind: 'expected an indicator id such as imd2019_score',
  cls: `expected one of ${CLASS_METHODS.join(', ')}`,
  k: 'expected a number of classes from 3 to 9',
  pal: `expected one of ${PALETTE_IDS.join(', ')}`,
  sel: 'expected an area code such as E01006512',
  order: 'expected north or deprivation',
  at: 'expected zoom/latitude/longitude such as 11/53.5/-3.0',
  layers: 'expected layer ids separated by commas',
  rep: 'expected gap or profile',
  orient: 'expected portrait or landscape',
  loc: `expected 2 to ${MAX_LOCALITIES} localities such as North:E05000001,E05000002|South:E05000003, each with its own wards and a name of letters, digits, spaces and & ' ( ) . -`,
};

/**
 * Reads the view from a query string. Each invalid parameter falls back to its default and is
 * named in `problems`, so a bad link shows a notice instead of a blank page.
 */
export function parseViewState(search: string): { state: ViewState; problems: string[] } {
  const params = new URLSearchParams(search);
  const state: Record<string, unknown> = { ...DEFAULT_VIEW };
  const problems: string[] = [];
  for (const key of Object.keys(ViewStateSchema.shape) as (keyof ViewState)[]) {
    const raw = params.get(key);
    if (raw === null) continue;
    const one = ViewStateSchema.shape[key].safeParse(raw);
    if (one.success) state[key] = one.data;
    else if (key === 'loc') {
      const d = decodeLocalities(raw);
      problems.push(
        `the link's localities could not be used (${d.ok ? 'not valid' : d.reason}; ${PARAM_HELP.loc}); the gap view shows its default comparison`,
      );
    } else
      problems.push(
        `"${key}=${raw.slice(0, 40)}" is not valid (${PARAM_HELP[key]}); using the default`,
      );
  }
  return { state: ViewStateSchema.parse(state), problems };
}

export function serializeViewState(s: ViewState): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) {
    if (v !== undefined && v !== '') p.set(k, String(v));
  }
  return `?${p.toString()}`;
}
