import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeographyId } from '../contracts/geography.ts';
import type { AreaChoice } from './area.ts';
import { REPO_ROOT } from './defaults.ts';
import type { WrittenFile } from './output.ts';
import { RAW, type RawKey } from './raw_catalogue.ts';
import type { TopologyOptions } from './topology.ts';

/** What the build needs to know of a finished bundle without reading it again. */
export interface CachedBundle {
  files: WrittenFile[];
  contentHash: string;
  bbox: [number, number, number, number];
  /** The geography the opening view draws (index.json's `opening`). */
  opening: GeographyId | null;
  manifestSha: string;
  summaryBase: {
    id: string;
    counts: Record<GeographyId, number>;
    bytes: number;
    geometryGzipBytes: number;
  };
}

/**
 * Finished bundles kept between builds (`--resume`, `--only`), each under its id with the
 * key it was built with: a hash of the pipeline's own code, every raw file it reads (the
 * national files and the district's boundary files) and the options. A changed input or a
 * changed line of data/ makes a new key, so a stale bundle is never reused.
 */
export class BundleCache {
  readonly dir: string;
  private shared: Promise<string> | null = null;

  constructor(
    dir: string | undefined,
    private readonly rawDir: string,
  ) {
    this.dir = path.resolve(dir ?? path.join(REPO_ROOT, '.gap-atlas/cache/bundles'));
  }

  async keyOf(area: AreaChoice, topology: TopologyOptions): Promise<string> {
    const h = createHash('sha256');
    h.update(await (this.shared ??= this.sharedKey()));
    h.update(JSON.stringify({ area, topology }));
    for (const layer of ['lsoa11', 'lsoa21', 'msoa11', 'msoa21', 'ward']) {
      for (const d of area.districts) {
        h.update(
          await readFile(
            path.join(this.rawDir, RAW.englandBoundaries.path, layer, `${d.code}.geojson.gz`),
          ),
        );
      }
    }
    return h.digest('hex');
  }

  /** The code of data/ and contracts/ and every raw file but the per-district boundaries. */
  private async sharedKey(): Promise<string> {
    const h = createHash('sha256');
    for (const dir of ['data', 'contracts']) {
      const files = (await readdir(path.join(REPO_ROOT, dir), { recursive: true }))
        .filter((f) => f.endsWith('.ts'))
        .sort();
      for (const f of files) {
        h.update(f);
        h.update(await readFile(path.join(REPO_ROOT, dir, f)));
      }
    }
    for (const key of Object.keys(RAW) as RawKey[]) {
      if (key === 'englandBoundaries') continue;
      h.update(key);
      h.update(await readFile(path.join(this.rawDir, RAW[key].path)));
    }
    return h.digest('hex');
  }

  async get(id: string, key: string): Promise<{ dir: string; bundle: CachedBundle } | null> {
    const dir = path.join(this.dir, id);
    try {
      const meta = JSON.parse(await readFile(path.join(dir, '.cache.json'), 'utf8')) as {
        key: string;
        bundle: CachedBundle;
      };
      if (meta.key !== key) return null;
      await stat(path.join(dir, 'files', 'manifest.json'));
      return { dir: path.join(dir, 'files'), bundle: meta.bundle };
    } catch {
      return null;
    }
  }

  /** Best effort: a bundle that cannot be cached (e.g. a parallel build of it) is rebuilt next time. */
  async put(id: string, key: string, from: string, bundle: CachedBundle): Promise<void> {
    const dir = path.join(this.dir, id);
    const tmp = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      await mkdir(tmp, { recursive: true });
      await cp(from, path.join(tmp, 'files'), { recursive: true });
      await writeFile(path.join(tmp, '.cache.json'), JSON.stringify({ key, bundle }));
      await rm(dir, { recursive: true, force: true });
      await rename(tmp, dir);
    } catch {
      await rm(tmp, { recursive: true, force: true });
    }
  }
}
