// Sefton's real area codes per geography, from a data build into a scratch folder (the raw
// data is read where it lies, never copied into the repository).
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAtlasData } from '../../data/build.ts';
import { DEFAULT_DATA_OPTIONS } from '../../data/defaults.ts';
import { GEOGRAPHY_IDS, type GeographyId } from '../../contracts/geography.ts';
import { IndicatorTableSchema } from '../../contracts/manifest.ts';
import { scratchDir } from '../helpers/raw_copy.ts';

export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/import',
);

export function fixture(name: string): Promise<string> {
  return readFile(path.join(FIXTURES, name), 'utf8');
}

export async function buildSeftonCodes(): Promise<{
  known: Record<GeographyId, string[]>;
  cleanup: () => Promise<void>;
}> {
  const outDir = await scratchDir('gap-atlas-import-');
  await buildAtlasData({ area: 'E08000014', rawDir: DEFAULT_DATA_OPTIONS.rawDir, outDir });
  const entries = await Promise.all(
    GEOGRAPHY_IDS.map(async (g) => {
      const text = await readFile(path.join(outDir, 'tables', `${g}.json`), 'utf8');
      return [g, IndicatorTableSchema.parse(JSON.parse(text)).codes] as const;
    }),
  );
  return {
    known: Object.fromEntries(entries) as Record<GeographyId, string[]>,
    cleanup: () => rm(outDir, { recursive: true, force: true }),
  };
}
