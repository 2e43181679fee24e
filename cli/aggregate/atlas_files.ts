/**
 * The atlas files `aggregate` reads besides the user's CSV: the built app data (manifest and
 * geography tables) and the raw lookups the data pipeline used. Problems with them are bad
 * input too, named by file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type GeographyId } from '../../contracts/geography.ts';
import {
  IndicatorTableSchema,
  ManifestSchema,
  type IndicatorTable,
  type Manifest,
} from '../../contracts/manifest.ts';
import { PipelineError } from '../../data/errors.ts';
import {
  readLsoaToMsoa,
  readLsoaToWardAreaFit,
  readOfficialWardLookup,
} from '../../data/lookups.ts';
import { chooseWardLookup } from '../../data/ward_lookup.ts';
import { InputError } from '../input_error.ts';
import type { Target, Vintage } from './options.ts';

export async function readManifest(dataDir: string): Promise<Manifest> {
  return readJsonAs(path.join(dataDir, 'manifest.json'), ManifestSchema, 'an atlas manifest');
}

export async function readTable(
  dataDir: string,
  manifest: Manifest,
  geo: GeographyId,
): Promise<IndicatorTable> {
  const meta = manifest.geographies.find((g) => g.id === geo);
  if (meta === undefined)
    throw new InputError(
      path.join(dataDir, 'manifest.json'),
      null,
      null,
      null,
      `no ${geo} geography`,
    );
  return readJsonAs(path.join(dataDir, meta.table), IndicatorTableSchema, 'an atlas table');
}

/** The geography a target is, for LSOAs of `vintage` (MSOAs have vintages; wards here do not). */
export function targetGeography(target: Target, vintage: Vintage): GeographyId {
  if (target === 'msoa') return vintage === '2011' ? 'msoa11' : 'msoa21';
  return target;
}

/**
 * The LSOA -> target lookup the data pipeline uses (data/build.ts): exact nesting for MSOAs
 * and the authority; for wards, per district, the official ONS best-fit lookup where its
 * wards are the atlas's wards, else the derived largest-area-share lookup.
 */
export async function lookupFor(
  target: Target,
  vintage: Vintage,
  lsoas: IndicatorTable,
  targets: IndicatorTable,
  manifest: Manifest,
  rawDir: string,
): Promise<{ lookup: Map<string, string>; lookupMethod: string }> {
  if (target === 'lad') {
    return {
      lookup: new Map(lsoas.codes.map((c, i) => [c, lsoas.districts[i] ?? ''])),
      lookupMethod: 'local authority of each LSOA (LSOAs nest exactly)',
    };
  }
  if (target === 'msoa') {
    return {
      lookup: await raw(rawDir, () => readLsoaToMsoa(rawDir, vintage)),
      lookupMethod: `the LSOA ${vintage} to MSOA ${vintage} lookup (exact nesting)`,
    };
  }
  return chooseWardLookup({
    vintage,
    lsoaCodes: lsoas.codes,
    lsoaDistricts: lsoas.districts,
    wardCodes: new Set(targets.codes),
    districts: manifest.area.districts,
    official: await raw(rawDir, () => readOfficialWardLookup(rawDir, vintage)),
    areaFit: await raw(rawDir, () => readLsoaToWardAreaFit(rawDir, vintage)),
  });
}

/** Raw-file problems name the raw folder and the file; they are bad input too. */
async function raw<T>(rawDir: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof PipelineError || isNotFound(error)) {
      const message = error instanceof Error ? error.message : String(error);
      throw new InputError(rawDir, null, null, null, `cannot read the lookups (--raw): ${message}`);
    }
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** A JSON file checked against `schema`; `what` names it in the refusal ("not an atlas table"). */
async function readJsonAs<S extends z.ZodType>(
  file: string,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJson(file));
  if (!parsed.success)
    throw new InputError(file, null, null, null, `not ${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(
      file,
      null,
      null,
      null,
      `cannot read the app data (build it with npm run data, or give --data): ${reason}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(file, null, null, null, 'not valid JSON');
  }
}
