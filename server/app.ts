import Fastify, { type FastifyInstance } from 'fastify';
import { openRegister, registerApi, type RegisterOptions } from './register/plugin.ts';
import { serveStaticFiles } from './static_files.ts';

export interface AppOptions {
  /** Built app (vite build output). */
  distDir: string;
  /** Pipeline output folder served at /data/. */
  dataDir: string;
  /** Fastify logger on or off (off in tests). */
  logger?: boolean;
  /** Asset register database options (tests point `file` at a temporary database). */
  register?: RegisterOptions;
  /**
   * Optional MapLibre style URL for street context under the atlas (online only). Its origin,
   * and any in `basemapOrigins` (tile hosts), are added to the Content-Security-Policy.
   */
  basemapStyleUrl?: string | null;
  basemapOrigins?: string[];
}

/**
 * The HTTP server: the built app at /, the pipeline's output at /data/, and the JSON API
 * under /api/ (registered by the plugins below).
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1_048_576 });

  const register = await openRegister(options.register);
  app.addHook('onClose', async () => register.close());
  const basemap = options.basemapStyleUrl ? new URL(options.basemapStyleUrl) : null;
  const origins = [...(basemap ? [basemap.origin] : []), ...(options.basemapOrigins ?? [])];
  await registerApi(app, {
    db: register,
    securityHeaders: { connectSrc: origins, imgSrc: origins },
  });
  // Runtime configuration the app reads at start; the offline base map is the default.
  app.get('/config.json', async () => ({ basemapStyleUrl: basemap?.href ?? null }));

  await serveStaticFiles(app, { dataDir: options.dataDir, distDir: options.distDir });
  return app;
}
