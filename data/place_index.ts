import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AreaContext, PlaceEntry, PlaceIndex } from '../contracts/places.ts';
import { gss, num, parseCsvTable, text } from './csv_table.ts';

/** Postcode unit centroids (OS Code-Point Open 2014) of the six LCR districts; optional. */
export const POSTCODE_FILE = 'assets/lcr_postcodes_codepoint_open_2014.csv';
export const POSTCODE_LICENCE =
  'Postcodes: Contains OS data © Crown copyright and database right 2014; Contains Royal Mail data © Royal Mail copyright and database right 2014; Contains National Statistics data © Crown copyright and database right 2014.';

/** Names and population centres of one geography, in table order. */
export interface NamedAreas {
  codes: readonly string[];
  names: readonly string[];
  centres: readonly ([number, number] | null)[];
}

/** An LSOA vintage with the ward and MSOA each LSOA is assigned to (index, or -1). */
export interface LsoaAreas extends NamedAreas {
  ward: ArrayLike<number>;
  msoa: ArrayLike<number>;
}

export interface PlaceIndexInput {
  wards: NamedAreas;
  /** MSOAs named by the House of Commons Library, 2011 and 2021 (codes repeat: kept once). */
  neighbourhoods: NamedAreas[];
  /** LSOAs of each vintage with their ward and MSOA (indices into wards / neighbourhoods[i]). */
  lsoas: LsoaAreas[];
  postcodes: { postcode: string; at: [number, number] }[];
  /** Plain-language statement of how LSOAs were given their ward. */
  wardMethod: string;
  attributions: string[];
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * What the search box can find and the names a small area carries ("Sefton 032E" is in
 * Linacre ward, Bootle Strand neighbourhood). Pure: the pipeline hands it what it built.
 */
export function buildPlaceIndex(input: PlaceIndexInput): PlaceIndex {
  const entries: PlaceEntry[] = [];
  const seen = new Set<string>();
  const add = (name: string, kind: PlaceEntry[1], code: string, at: [number, number] | null) => {
    const key = `${kind}:${code || name}`;
    if (!at || !name || seen.has(key)) return;
    seen.add(key);
    entries.push([name, kind, code, round(at[0]), round(at[1])]);
  };
  const { wards } = input;
  wards.codes.forEach((c, i) => add(wards.names[i] ?? c, 'ward', c, wards.centres[i] ?? null));
  for (const n of input.neighbourhoods)
    n.codes.forEach((c, i) => add(n.names[i] ?? c, 'neighbourhood', c, n.centres[i] ?? null));
  const context: Record<string, AreaContext> = {};
  input.lsoas.forEach((l, v) => {
    const msoaNames = input.neighbourhoods[v]?.names ?? [];
    l.codes.forEach((c, i) => {
      add(l.names[i] ?? c, 'lsoa', c, l.centres[i] ?? null);
      const w = l.ward[i] ?? -1;
      const m = l.msoa[i] ?? -1;
      const ctx: AreaContext = {};
      if (w >= 0 && wards.names[w]) ctx.ward = wards.names[w];
      if (m >= 0 && msoaNames[m]) ctx.neighbourhood = msoaNames[m];
      context[c] = { ...context[c], ...ctx };
    });
  });
  for (const p of input.postcodes) add(p.postcode, 'postcode', '', p.at);
  return {
    version: 1,
    entries,
    context,
    contextMethod: `Ward: ${input.wardMethod}. Neighbourhood: the MSOA the LSOA nests in, named by the House of Commons Library.`,
    attributions: input.postcodes.length
      ? [...input.attributions, POSTCODE_LICENCE]
      : input.attributions,
  };
}

const PostcodeRow = z.object({ postcode: text, lat: num, lon: num, lad_code: gss() });

/** Postcode units of the area's districts, or none when the raw folder lacks the file. */
export async function readAreaPostcodes(
  rawDir: string,
  districts: readonly string[],
): Promise<{ postcode: string; at: [number, number] }[]> {
  const file = path.join(rawDir, POSTCODE_FILE);
  try {
    await access(file);
  } catch {
    return [];
  }
  // 36,836 LCR postcodes: only the lines naming one of the districts are parsed and validated.
  const lines = (await readFile(file, 'utf8')).split('\n');
  const text = [lines[0], ...lines.slice(1).filter((l) => districts.some((d) => l.includes(d)))];
  const rows = parseCsvTable(text.join('\n'), POSTCODE_FILE, PostcodeRow);
  return rows
    .filter((r) => districts.includes(r.value.lad_code))
    .map((r) => ({ postcode: r.value.postcode.trim(), at: [r.value.lon, r.value.lat] }));
}
