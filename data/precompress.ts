import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Brotli copies written beside the files the server sends (`<file>.br`), which it serves as
 * they are to browsers that accept brotli (server/static_files.ts, @fastify/static
 * `preCompressed`) instead of compressing each response again: on a small server the
 * compression of the page's first dozen files competed with the browser for the CPU and
 * queued them (the first frame's JavaScript arrived 300-600 ms later than the naive page's).
 */
const COMPRESSIBLE = /\.(json|geojson|js|mjs|css|html|svg|csv|txt)$/;

/** Below this a response is sent as it is (the server's own threshold). */
const MIN_BYTES = 1024;

/** The brotli copy of a file worth compressing, else null. */
export function brotliCopy(
  file: string,
  content: string | Uint8Array,
  /** 11 for files built once and sent often (the app); 9 for the data, of which there is more. */
  quality: number,
): Buffer | null {
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  if (!COMPRESSIBLE.test(file) || size < MIN_BYTES) return null;
  return brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  });
}

/** A Vite plugin writing the brotli copies of a build's files (the app, the bench's pages). */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'gap-atlas-precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
    async closeBundle() {
      for (const file of await readdir(outDir, { recursive: true })) {
        if (file.endsWith('.map') || !COMPRESSIBLE.test(file)) continue;
        const full = path.join(outDir, file);
        const br = brotliCopy(file, await readFile(full), 11);
        if (br) await writeFile(`${full}.br`, br);
      }
    },
  };
}
