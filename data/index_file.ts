import {
  AtlasIndexSchema,
  INDEX_SCHEMA_VERSION,
  type AtlasIndex,
  type BundleEntry,
  type National,
} from '../contracts/atlas_index.ts';
import { ATTRIBUTIONS } from './bundle.ts';
import type { StagedOutput, WrittenFile } from './output.ts';

/**
 * index.json, the entry point of the output (contracts/atlas_index.ts): every bundle with
 * its box, region and manifest hash, and the national layers of an England build. Checked
 * against the contract before it is written, so the app never meets an index it rejects.
 */
export async function writeIndex(
  out: StagedOutput,
  input: {
    entries: BundleEntry[];
    defaultBundle: string;
    national: National | null;
    /** National files, with their hashes. */
    files: WrittenFile[];
  },
): Promise<WrittenFile> {
  const index: AtlasIndex = AtlasIndexSchema.parse({
    schemaVersion: INDEX_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    defaultBundle: input.defaultBundle,
    bundles: input.entries,
    national: input.national,
    attributions: ATTRIBUTIONS,
    files: input.files,
  });
  return out.write({ path: 'index.json', content: JSON.stringify(index) });
}
