// Static files: compressed, and cached so a second visit fetches nothing but the index.
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { brotliCopy } from '../../data/precompress.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStaticFiles } from '../../server/static_files.ts';

let app: FastifyInstance;
let dir = '';
const big = JSON.stringify({ values: Array.from({ length: 2000 }, (_, i) => i / 7) });

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gap-static-'));
  mkdirSync(path.join(dir, 'data', 'areas'), { recursive: true });
  mkdirSync(path.join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'data', 'index.json'), '{"schemaVersion":1}');
  writeFileSync(path.join(dir, 'data', 'areas', 'table.json'), big);
  writeFileSync(path.join(dir, 'dist', 'index.html'), '<!doctype html><title>atlas</title>');
  writeFileSync(path.join(dir, 'dist', 'assets', 'main-Ab12Cd34.js'), 'console.log(1);');
  // A file with its brotli copy beside it (written by the build): sent as it is.
  writeFileSync(path.join(dir, 'data', 'areas', 'geo.json'), big);
  writeFileSync(
    path.join(dir, 'data', 'areas', 'geo.json.br'),
    brotliCopy('geo.json', big, 11) ?? '',
  );
  app = Fastify();
  await serveStaticFiles(app, { dataDir: path.join(dir, 'data'), distDir: path.join(dir, 'dist') });
  app.get('/api/ping', async () => ({ pong: 'x'.repeat(4000) }));
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('static files', () => {
  it('revalidates the index on every use and answers 304 when it has not changed', async () => {
    const first = await app.inject({ url: '/data/index.json' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const again = await app.inject({
      url: '/data/index.json',
      headers: { 'if-none-match': String(etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  /** A data file asked for by its hash from a browser that takes brotli: kept for good, in br. */
  async function hashedInBrotli(file: string, acceptEncoding: string) {
    const res = await app.inject({
      url: `/data/areas/${file}?v=0123456789abcdef`,
      headers: { 'accept-encoding': acceptEncoding },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('br');
    return res;
  }

  it('lets a browser keep a data file asked for by its content hash, and compresses it', async () => {
    const res = await hashedInBrotli('table.json', 'br, gzip');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(big);
    expect(res.rawPayload.length).toBeLessThan(big.length / 2);
    // Without its hash the same file is revalidated: it may change under that name.
    const plain = await app.inject({ url: '/data/areas/table.json' });
    expect(plain.headers['cache-control']).toBe('no-cache');
  });

  it('keeps hashed app assets for a year and revalidates the page itself', async () => {
    const js = await app.inject({ url: '/assets/main-Ab12Cd34.js' });
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const html = await app.inject({ url: '/' });
    expect(html.statusCode).toBe(200);
    expect(html.headers['cache-control']).toBe('no-cache');
  });

  it('sends the brotli copy written beside a file instead of compressing it again', async () => {
    const res = await hashedInBrotli('geo.json', 'gzip, deflate, br');
    // The very bytes of the copy (quality 11), not a fresh compression (the server's is 4).
    expect(
      res.rawPayload.equals(readFileSync(path.join(dir, 'data', 'areas', 'geo.json.br'))),
    ).toBe(true);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(big);
    // A browser without brotli gets gzip, compressed on the way.
    const gz = await app.inject({
      url: '/data/areas/geo.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(big);
  });

  it('leaves routes outside its scope alone (the API compresses its own answers)', async () => {
    const res = await app.inject({ url: '/api/ping', headers: { 'accept-encoding': 'br' } });
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});
