import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** A year: the longest lifetime browsers and CDNs honour. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The built app at / and the pipeline's output at /data/, compressed (brotli or gzip, as the
 * browser accepts; brotli from the copy written beside each file when there is one, so it is
 * not compressed again on every request) and cached so that a second visit fetches nothing
 * but the index:
 * - a data file asked for with its content hash (`?v=`, added by the app from index.json and
 *   the bundle manifest) and Vite's hashed assets never change: cached for a year, immutable;
 * - everything else (index.json, the HTML) is revalidated on every use (ETag, 304).
 * Registered in its own scope, so compression does not touch the API's answers.
 */
export async function serveStaticFiles(
  app: FastifyInstance,
  options: { dataDir: string; distDir: string },
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'] });
    if (existsSync(options.dataDir)) {
      await scope.register(fastifyStatic, {
        root: path.resolve(options.dataDir),
        prefix: '/data/',
        decorateReply: false,
        // The pipeline writes a brotli copy beside each data file (data/precompress.ts).
        preCompressed: true,
        cacheControl: false,
        setHeaders: (reply) => {
          const versioned = /[?&]v=[0-9a-f]{8,}/.test(reply.request.url);
          reply.header('Cache-Control', versioned ? IMMUTABLE : 'no-cache');
        },
      });
    }
    if (existsSync(options.distDir)) {
      await scope.register(fastifyStatic, {
        root: path.resolve(options.distDir),
        prefix: '/',
        wildcard: true,
        // The Vite build writes a brotli copy beside each asset (vite.config.ts).
        preCompressed: true,
        cacheControl: false,
        setHeaders: (reply, file) => {
          const hashed = file.includes(`${path.sep}assets${path.sep}`);
          reply.header('Cache-Control', hashed ? IMMUTABLE : 'no-cache');
        },
      });
    }
  });
}
