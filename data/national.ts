import type { BundleEntry, National } from '../contracts/atlas_index.ts';
import type { StagedOutput, WrittenFile } from './output.ts';
import type { RawReader } from './raw_reader.ts';
import type { Registry } from './registry.ts';

export interface NationalOptions {
  bundles: BundleEntry[];
  say: (m: string) => void;
}

export async function buildNational(
  out: StagedOutput,
  raw: RawReader,
  registry: Registry,
  options: NationalOptions,
): Promise<(National & { files: WrittenFile[] }) | null> {
  void out;
  void raw;
  void registry;
  void options;
  return null;
}
