import { AtlasIndexSchema, type AtlasIndex, type BundleEntry } from '../contracts/atlas_index.ts';
import { ManifestSchema, type Manifest } from '../contracts/manifest.ts';

/**
 * Where the app's data comes from, behind one small interface so tests can inject fixtures
 * (the PMTiles Source habit). A build's root holds `index.json`; each area bundle sits in its
 * own folder with its manifest, and every file a manifest names is relative to that folder.
 */
export interface AtlasDataSource {
  /** Absolute URL of a file relative to this source's folder. */
  url(file: string): string;
  manifest(): Promise<Manifest>;
  json(file: string): Promise<unknown>;
}

/** The first zod problem of a parse, as "path: message". */
const firstIssue = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  `${issues[0]?.path.map(String).join('.') ?? ''}: ${issues[0]?.message ?? ''}`;

export class FetchDataSource implements AtlasDataSource {
  private readonly base: URL;
  /** Content hash of each file named by the index or manifest: the URL's cache key. */
  private readonly versions = new Map<string, string>();
  constructor(baseUrl: string) {
    // MapLibre resolves relative URLs inside its worker: keep every URL absolute.
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, globalThis.location?.href);
  }
  /**
   * A file's URL; with its content hash as `?v=` when the index or manifest gave one, so the
   * server can let browsers keep it for good (a changed file has a new hash, so a new URL).
   */
  url(file: string): string {
    const u = new URL(file, this.base);
    const v = this.versions.get(file);
    if (v) u.searchParams.set('v', v.slice(0, 16));
    return u.href;
  }
  private remember(files: readonly { path: string; sha256: string }[]): void {
    for (const f of files) this.versions.set(f.path, f.sha256);
  }
  async json(file: string): Promise<unknown> {
    const res = await fetch(this.url(file));
    if (!res.ok) throw new Error(`Could not load ${file}: HTTP ${res.status} ${res.statusText}`);
    return res.json();
  }
  /** The build's index: its area bundles and, for an England build, the national layers. */
  async index(): Promise<AtlasIndex> {
    const raw = await this.json('index.json').catch((err: unknown) => {
      throw new Error(`${(err as Error).message}. Build the data first: npm run data`);
    });
    const parsed = AtlasIndexSchema.safeParse(raw);
    if (!parsed.success)
      throw new Error(
        `index.json is not valid atlas data (${firstIssue(parsed.error.issues)}). Rebuild it with npm run data.`,
      );
    this.remember(parsed.data.files);
    return parsed.data;
  }
  /** The source of one bundle: its folder holds the manifest and the files it names. */
  bundle(entry: BundleEntry): FetchDataSource {
    const source = new FetchDataSource(new URL('.', new URL(entry.manifest, this.base)).href);
    source.versions.set('manifest.json', entry.contentHash);
    source.bundleHash = entry.contentHash;
    return source;
  }
  /** The bundle's contentHash (from index.json), for files asked for before its manifest. */
  private bundleHash = '';
  /**
   * A bundle file's URL before the manifest has given the file's own hash: versioned by the
   * bundle's, which changes whenever any of its files does, so it is as safe to keep.
   */
  urlBeforeManifest(file: string): string {
    const u = new URL(file, this.base);
    if (this.bundleHash) u.searchParams.set('v', this.bundleHash.slice(0, 16));
    return u.href;
  }
  async manifest(): Promise<Manifest> {
    const raw = await this.json('manifest.json').catch((err: unknown) => {
      throw new Error(`${(err as Error).message}. Build the data first: npm run data`);
    });
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(
        `manifest.json is not valid atlas data (${firstIssue(parsed.error.issues)}). Rebuild it with npm run data.`,
      );
    }
    this.remember(parsed.data.files);
    return parsed.data;
  }
}
