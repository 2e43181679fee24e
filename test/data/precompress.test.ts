// The brotli copies the pipeline writes beside its files, for the server to send as they are.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutputAtomically } from '../../data/output.ts';
import { brotliCopy } from '../../data/precompress.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('brotli copies', () => {
  it('are written beside each text file worth compressing, and decompress to it', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'gap-precompress-'));
    dirs.push(out);
    const table = JSON.stringify({ values: Array.from({ length: 500 }, (_, i) => i / 3) });
    await writeOutputAtomically(
      out,
      [
        { path: 'tables/lsoa11.json', content: table },
        { path: 'tiny.json', content: '{"a":1}' },
        { path: 'tiles/0/0/0.pbf', content: new Uint8Array(4096) },
      ],
      () => ({ path: 'manifest.json', content: JSON.stringify({ files: 3 }) }),
    );
    const br = await readFile(path.join(out, 'tables', 'lsoa11.json.br'));
    expect(brotliDecompressSync(br).toString()).toBe(table);
    expect(br.length).toBeLessThan(table.length / 2);
    // Small files, and binary tiles, are sent as they are.
    expect((await readdir(out)).sort()).toEqual(['manifest.json', 'tables', 'tiles', 'tiny.json']);
    expect(await readdir(path.join(out, 'tiles', '0', '0'))).toEqual(['0.pbf']);
  });

  it('are only made for text types and sizes worth it', () => {
    const big = 'x'.repeat(5000);
    expect(brotliCopy('a.geojson', big, 5)).not.toBeNull();
    expect(brotliCopy('a.js', big, 5)).not.toBeNull();
    expect(brotliCopy('a.pbf', big, 5)).toBeNull();
    expect(brotliCopy('a.json', 'x'.repeat(100), 5)).toBeNull();
  });
});
