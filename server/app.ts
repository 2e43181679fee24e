import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { RateLimits } from './register/context.ts';
import type { ScryptCost } from './register/passwords.ts';
import {
  openAnyRegister,
  registerApi,
  type AnyRegister,
  type RegisterOptions,
} from './register/plugin.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open asset register (its database and stores). */
    atlasRegister: AnyRegister;
  }
}
import { serveStaticFiles } from './static_files.ts';

export interface AppOptions {
  /** Built app (vite build output). */
  distDir: string;
  /** Pipeline output folder served at /data/. */
  dataDir: string;
  /**
   * Log level (default info; 'silent' for none). Errors are logged with the route, never with
   * cookies, tokens, emails or passwords (request headers and bodies are not logged).
   */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Where the JSON log lines go (default stdout). */
  logStream?: DestinationStream;
  /**
   * Fastify's trustProxy: true, or the proxy's addresses (comma-separated, CIDR allowed). Behind a TLS proxy
   * it makes the client address (rate limits) and https (the Secure cookie) come from the
   * X-Forwarded-* headers. Off by default: trusting them without a proxy lets clients forge them.
   */
  trustProxy?: boolean | string;
  /** Secure flag on the moderator session cookie: 'auto' (https requests) or always/never. */
  cookieSecure?: 'auto' | boolean;
  limits?: Partial<RateLimits>;
  /** Password hashing cost for moderator logins (tests use a cheap one). */
  passwordCost?: ScryptCost;
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
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
    },
    disableRequestLogging: true,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1_048_576,
  });

  // The register serves the built authority's outline unless told otherwise (register/area.ts).
  const register = await openAnyRegister({ dataDir: options.dataDir, ...options.register });
  app.decorate<AnyRegister>('atlasRegister', register);
  app.addHook('onClose', async () => {
    await register.close();
  });
  const basemap = options.basemapStyleUrl ? new URL(options.basemapStyleUrl) : null;
  const origins = [...(basemap ? [basemap.origin] : []), ...(options.basemapOrigins ?? [])];
  await registerApi(app, {
    db: register,
    securityHeaders: { connectSrc: origins, imgSrc: origins },
    cookieSecure: options.cookieSecure,
    limits: options.limits,
    passwordCost: options.passwordCost,
  });
  // Runtime configuration the app reads at start; the offline base map is the default.
  app.get('/config.json', async () => ({ basemapStyleUrl: basemap?.href ?? null }));

  await serveStaticFiles(app, { dataDir: options.dataDir, distDir: options.distDir });
  return app;
}
