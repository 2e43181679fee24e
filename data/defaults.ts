import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, so defaults work from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_DATA_OPTIONS = {
  /** Sefton, the atlas's first home. */
  area: process.env.GAP_ATLAS_AREA ?? 'E08000014',
  /** The shared raw open data beside the repository; never copied into it. */
  rawDir: process.env.GAP_ATLAS_RAW ?? path.resolve(REPO_ROOT, '../shared/data/raw'),
  /** Git-ignored output the app loads. */
  outDir: process.env.GAP_ATLAS_DATA ?? path.resolve(REPO_ROOT, 'public/data'),
};
