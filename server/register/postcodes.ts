import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Code-Point Open unit centroids, LCR first (it contains every Sefton postcode), then Sefton. */
export const POSTCODE_FILES = [
  'assets/lcr_postcodes_codepoint_open_2014.csv',
  'assets/sefton_postcodes_codepoint_open_2014.csv',
] as const;

export const POSTCODE_LICENCE =
  'Contains OS data © Crown copyright and database right 2014; Contains Royal Mail data © Royal Mail copyright and database right 2014; Contains National Statistics data © Crown copyright and database right 2014';

export interface PostcodeLocation {
  latitude: number;
  longitude: number;
}

/** Looks a normalised postcode ("L20 3BG") up; undefined when it is not in the data. */
export interface PostcodeLookup {
  find(postcode: string): Promise<PostcodeLocation | undefined>;
}

/**
 * Parses a Code-Point CSV (header `postcode,...,lat,lon,...`; no quoted cells) into a map keyed
 * by the postcode as written there ("L20 3BG").
 */
export function parseCodePoint(text: string, file: string): Map<string, PostcodeLocation> {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',');
  const pc = header.indexOf('postcode');
  const lat = header.indexOf('lat');
  const lon = header.indexOf('lon');
  if (pc < 0 || lat < 0 || lon < 0) {
    throw new Error(`${file}: expected postcode, lat and lon columns`);
  }
  const out = new Map<string, PostcodeLocation>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const cells = line.split(',');
    const latitude = Number(cells[lat]);
    const longitude = Number(cells[lon]);
    const code = (cells[pc] ?? '').trim().toUpperCase();
    if (!code || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
      throw new Error(`${file}: line ${i + 1} is not a postcode with lat and lon`);
    }
    out.set(code, { latitude, longitude });
  }
  return out;
}

/**
 * Reads the first Code-Point file present under `rawDir` on the first lookup (about 40,000 rows,
 * 100-200 ms), so servers and tests that never look a postcode up never pay for it.
 */
export function codePointLookup(rawDir: string): PostcodeLookup {
  let loading: Promise<Map<string, PostcodeLocation>> | undefined;
  const load = async () => {
    for (const name of POSTCODE_FILES) {
      const file = path.join(rawDir, name);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      return parseCodePoint(text, file);
    }
    throw new PostcodeDataMissing(rawDir);
  };
  return {
    async find(postcode) {
      loading ??= load();
      try {
        return (await loading).get(postcode);
      } catch (err) {
        loading = undefined;
        throw err;
      }
    },
  };
}

export class PostcodeDataMissing extends Error {
  override name = 'PostcodeDataMissing';
  constructor(rawDir: string) {
    super(`No Code-Point Open postcode file under ${rawDir}`);
  }
}
