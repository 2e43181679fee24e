import { ManifestSchema, type Manifest } from '../contracts/manifest.ts';

/**
 * Where the app's data comes from, behind one small interface so tests can inject fixtures
 * (the PMTiles Source habit).
 */
export interface AtlasDataSource {
  /** Absolute URL of a file named in the manifest. */
  url(file: string): string;
  manifest(): Promise<Manifest>;
  json(file: string): Promise<unknown>;
}

export class FetchDataSource implements AtlasDataSource {
  private readonly base: URL;
  constructor(baseUrl: string) {
    // MapLibre resolves relative URLs inside its worker: keep every URL absolute.
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, globalThis.location?.href);
  }
  url(file: string): string {
    return new URL(file, this.base).href;
  }
  async json(file: string): Promise<unknown> {
    const res = await fetch(this.url(file));
    if (!res.ok) throw new Error(`Could not load ${file}: HTTP ${res.status} ${res.statusText}`);
    return res.json();
  }
  async manifest(): Promise<Manifest> {
    const raw = await this.json('manifest.json').catch((err: unknown) => {
      throw new Error(`${(err as Error).message}. Build the data first: npm run data`);
    });
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(
        `manifest.json is not valid atlas data (${first?.path.join('.') ?? ''}: ${first?.message ?? ''}). Rebuild it with npm run data.`,
      );
    }
    return parsed.data;
  }
}
