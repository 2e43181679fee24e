import { performance } from 'node:perf_hooks';
import type { GeographyId } from '../contracts/geography.ts';
import type { BundleEntry } from '../contracts/atlas_index.ts';
import { resolveArea, type AreaChoice } from './area.ts';
import { buildBundle, contentHashOf } from './bundle.ts';
import { BundleCache, type CachedBundle } from './bundle_cache.ts';
import { writeIndex } from './index_file.ts';
import { buildNational, type NationalOptions } from './national.ts';
import { StagedOutput, writeFiles, type WrittenFile } from './output.ts';
import { checkRawFiles } from './raw_catalogue.ts';
import { RawReader } from './raw_reader.ts';
import { readRegistry, type Registry } from './registry.ts';
import { DEFAULT_TOPOLOGY_OPTIONS, type TopologyOptions } from './topology.ts';

export interface BuildOptions {
  /**
   * What to build (data/area.ts): a district code (current or older), a county, combined
   * authority or region code or name, "lcr", "england", or a comma-separated list.
   */
  area: string;
  /** Folder holding boundaries/, indicators/ and assets/. */
  rawDir: string;
  /** Output folder, replaced as a whole when the build succeeds. */
  outDir: string;
  topology?: TopologyOptions;
  /** Called with a line of progress. */
  onProgress?: (message: string) => void;
  /** Reuse bundles of the cache whose inputs and code have not changed (default false). */
  resume?: boolean;
  /** Rebuild these districts (or bundle ids) and reuse the cache for every other bundle. */
  only?: string[];
  /** Where finished bundles are kept for --resume (default .gap-atlas/cache beside the code). */
  cacheDir?: string;
  /** Build the national layers (england/) even when the area is not England. */
  national?: boolean;
  /** Options of the national layers (tile zooms...). */
  nationalOptions?: Partial<Omit<NationalOptions, 'bundles' | 'say'>>;
}

export interface BundleSummary {
  id: string;
  counts: Record<GeographyId, number>;
  /** Bytes of the bundle's files. */
  bytes: number;
  geometryGzipBytes: number;
  /** True when taken from the cache. */
  cached: boolean;
}

export interface BuildSummary {
  /** The area as asked for. */
  area: string;
  /** Areas of every bundle added up (for England: the England totals). */
  counts: Record<GeographyId, number>;
  /** Every file written, with paths relative to the output folder. */
  files: WrittenFile[];
  totalBytes: number;
  /** Geometry of the default bundle, gzipped. */
  geometryGzipBytes: number;
  bundles: BundleSummary[];
  ms: number;
}

/** Raw open data in, app data out (see docs/architecture.md). */
export async function buildAtlasData(options: BuildOptions): Promise<BuildSummary> {
  const t0 = performance.now();
  const say = options.onProgress ?? (() => undefined);
  const raw = new RawReader(options.rawDir);

  say(`checking raw files in ${options.rawDir}`);
  await checkRawFiles(options.rawDir);
  const registry = await readRegistry(raw);
  const plan = resolveArea(options.area, registry);
  for (const note of plan.notes) say(note);
  say(
    plan.bundles.length === 1
      ? `area: ${plan.bundles[0]?.name} (${plan.bundles[0]?.districts.map((d) => d.code).join(', ')})`
      : `area: ${plan.bundles.length} bundles`,
  );

  const cache = new BundleCache(options.cacheDir, options.rawDir);
  const only = new Set((options.only ?? []).map((s) => s.trim().toUpperCase()));
  const reuse = (b: AreaChoice) =>
    only.size > 0
      ? !only.has(b.id) && !b.districts.some((d) => only.has(d.code))
      : !!options.resume;

  const out = await StagedOutput.open(options.outDir);
  try {
    const files: WrittenFile[] = [];
    const entries: BundleEntry[] = [];
    const summaries: BundleSummary[] = [];
    let firstDone = 0;
    let done = 0;
    for (const area of plan.bundles) {
      const result = await bundleInto(out, area, registry, raw, cache, reuse(area), options);
      files.push(...result.files.map((f) => ({ ...f, path: `areas/${area.id}/${f.path}` })));
      entries.push(entryOf(area, result, registry));
      summaries.push(result.summary);
      if (++done === 1) firstDone = performance.now();
      if (plan.bundles.length > 1) say(progressLine(done, plan.bundles.length, firstDone));
    }
    const national =
      plan.national || options.national
        ? await buildNational(out, raw, registry, {
            bundles: entries,
            say,
            ...options.nationalOptions,
          })
        : null;
    if (national) {
      files.push(...national.files);
      if (national.largestTile)
        say(
          `largest tile ${national.largestTile.path}: ${(national.largestTile.bytes / 1024).toFixed(0)} KB`,
        );
    }

    const defaultBundle = pickDefault(entries);
    // The default bundle is also written at the top level, as single-area builds always were,
    // until every reader has moved to index.json.
    const legacy = summaries.find((s) => s.id === defaultBundle);
    if (legacy) await out.copyIn(`${out.dir}/areas/${defaultBundle}`, '.');
    files.push(
      await writeIndex(out, {
        entries,
        defaultBundle,
        national,
        // Not the tiles: MapLibre asks for them by template (no ?v=), and listing thousands of
        // them made index.json, read before every first frame, 170 KB.
        files: (national?.files ?? []).filter((f) => !f.path.includes('/tiles/')),
      }),
    );

    await out.commit();
    const first = summaries.find((s) => s.id === defaultBundle) ?? summaries[0];
    return {
      area: plan.bundles.length === 1 ? (plan.bundles[0]?.id ?? options.area) : options.area,
      counts: addCounts(summaries.map((s) => s.counts)),
      files,
      totalBytes: files.reduce((s, f) => s + f.bytes, 0),
      geometryGzipBytes: first?.geometryGzipBytes ?? 0,
      bundles: summaries,
      ms: performance.now() - t0,
    };
  } catch (err) {
    await out.abort();
    throw err;
  }
}

interface BundleResult extends CachedBundle {
  summary: BundleSummary;
}

/** Builds one bundle into areas/<id>/ of the output, or copies it from the cache. */
async function bundleInto(
  out: StagedOutput,
  area: AreaChoice,
  registry: Registry,
  raw: RawReader,
  cache: BundleCache,
  reuse: boolean,
  options: BuildOptions,
): Promise<BundleResult> {
  const topology = options.topology ?? DEFAULT_TOPOLOGY_OPTIONS;
  const key = await cache.keyOf(area, topology);
  const rel = `areas/${area.id}`;
  const hit = reuse ? await cache.get(area.id, key) : null;
  if (hit) {
    await out.copyIn(hit.dir, rel);
    return { ...hit.bundle, summary: { ...hit.bundle.summaryBase, cached: true } };
  }
  const bundle = await buildBundle(raw, area, registry, topology);
  const generatedAt = new Date().toISOString();
  const written = await writeFiles(out.dir, rel, bundle.files, (e) =>
    bundle.manifest(e, generatedAt),
  );
  const manifestEntry = written.at(-1);
  const cached: CachedBundle = {
    files: written,
    // The manifest's contentHash: every file but the manifest itself.
    contentHash: contentHashOf(written.slice(0, -1)),
    bbox: bundle.bbox,
    opening: bundle.opening,
    manifestSha: manifestEntry?.sha256 ?? '',
    summaryBase: {
      id: area.id,
      counts: bundle.counts,
      bytes: written.reduce((s, f) => s + f.bytes, 0),
      geometryGzipBytes: bundle.geometryGzipBytes,
    },
  };
  await cache.put(area.id, key, `${out.dir}/${rel}`, cached);
  return { ...cached, summary: { ...cached.summaryBase, cached: false } };
}

function entryOf(area: AreaChoice, result: CachedBundle, registry: Registry): BundleEntry {
  const first = registry.byCode.get(area.districts[0]?.code ?? '');
  return {
    id: area.id,
    name: area.name,
    kind: area.kind,
    districts: area.districts,
    region: first ? first.region : null,
    bbox: result.bbox,
    manifest: `areas/${area.id}/manifest.json`,
    contentHash: result.contentHash,
    ...(result.opening ? { opening: result.opening } : {}),
  };
}

/** Sefton, the atlas's first home, when the build has it; otherwise the first bundle. */
function pickDefault(entries: BundleEntry[]): string {
  return (entries.find((e) => e.id === 'E08000014') ?? entries[0])?.id ?? '';
}

/** Time left from the pace since the first bundle (which also pays for reading the national files). */
function progressLine(done: number, total: number, firstDone: number): string {
  const elapsed = (performance.now() - firstDone) / 1000;
  const left = done > 1 ? (elapsed / (done - 1)) * (total - done) : NaN;
  if (!Number.isFinite(left)) return `districts done ${done}/${total}`;
  return `districts done ${done}/${total}, ~${left < 90 ? `${Math.round(left)} s` : `${(left / 60).toFixed(1)} min`} left`;
}

function addCounts(list: Record<GeographyId, number>[]): Record<GeographyId, number> {
  const out = { lsoa11: 0, lsoa21: 0, msoa11: 0, msoa21: 0, ward: 0, lad: 0 };
  for (const c of list) for (const k of Object.keys(out) as GeographyId[]) out[k] += c[k];
  return out;
}
