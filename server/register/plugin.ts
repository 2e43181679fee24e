import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance } from 'fastify';
import { SqliteAccountStore, type AccountStore } from '../db/account_store.ts';
import { StoreConflictError, type AssetStore, type BBox } from '../db/asset_store.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { assertNotInUse } from '../db/exclusive_lock.ts';
import { LATEST_VERSION, migrate } from '../db/migrations.ts';
import { SqliteAssetStore } from '../db/sqlite_asset_store.ts';
import { Auth } from './auth.ts';
import { defaultBBox, defaultDbFile, defaultRawDir } from './config.ts';
import { DEFAULT_LIMITS, type ApiContext, type RateLimits } from './context.ts';
import type { ScryptCost } from './passwords.ts';
import { codePointLookup, type PostcodeLookup } from './postcodes.ts';
import { moderationRoutes } from './routes_moderation.ts';
import { postcodeRoutes } from './routes_postcodes.ts';
import { orukRoutes } from './routes_oruk.ts';
import { publicRoutes } from './routes_public.ts';
import { registerSecurityHeaders, type CspExtras } from './security_headers.ts';
import { seedIfEmpty, type SeedCounts } from './seed.ts';
import { RegisterService } from './service.ts';
import { HttpError, ValidationError } from './validation.ts';
import { WriteHealth } from './write_health.ts';

export interface RegisterOptions {
  /** SQLite file (env GAP_ATLAS_DB, default var/register.db); ':memory:' for throwaway use. */
  file?: string;
  /** Raw data folder for the first-start seed (env GAP_ATLAS_RAW, default ../shared/data/raw). */
  rawDir?: string;
  /** Area assets must be in (env GAP_ATLAS_BBOX "minLon,minLat,maxLon,maxLat"; default Sefton). */
  bbox?: BBox;
  /** Seed from the raw data when the register is empty (default true). */
  seed?: boolean;
  /**
   * Refuse to open a database another live process has open (default true): an OS lock on the
   * database file, see server/db/exclusive_lock.ts. Restore takes the same lock.
   */
  lock?: boolean;
  /** Region for Open Referral addresses (default Merseyside). */
  region?: string;
  submissionSource?: string;
  submissionLicence?: string;
  now?: () => Date;
  /** Where seed warnings go (default stderr). */
  log?: (message: string) => void;
}

/** An open register: the database and the stores over it. */
export interface Register {
  file: string;
  /** Raw data folder (the seed, and Code-Point postcodes for GET /api/postcodes). */
  rawDir: string;
  db: Db;
  assets: AssetStore;
  accounts: AccountStore;
  config: {
    bbox: BBox;
    region: string;
    now: () => Date;
    submissionSource: string;
    submissionLicence: string;
  };
  /** What the first-start seed added, or null when the register already had assets. */
  seeded: SeedCounts | null;
  close(): void;
}

/** Opens (creating if needed) and migrates the register, and seeds it if it is empty. */
export async function openRegister(options: RegisterOptions = {}): Promise<Register> {
  const file = options.file ?? defaultDbFile();
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  if (options.lock ?? true) assertNotInUse(file, 'starting another register on it');
  const db = openDatabase(file);
  try {
    migrate(db, now);
  } catch (err) {
    db.close();
    throw err;
  }
  const assets = new SqliteAssetStore(db, now);
  const accounts = new SqliteAccountStore(db, now);
  const config = {
    bbox: options.bbox ?? defaultBBox(),
    region: options.region ?? 'Merseyside',
    now,
    submissionSource: options.submissionSource ?? 'Community submission',
    submissionLicence:
      options.submissionLicence ??
      'Published with the consent of the organisation that submitted it',
  };
  const rawDir = options.rawDir ?? defaultRawDir();
  let seeded: SeedCounts | null = null;
  if (options.seed ?? true) {
    try {
      seeded = await seedIfEmpty(assets, rawDir, config);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        db.close();
        throw err;
      }
      // No raw data here: start empty rather than refuse to serve.
      log(`register: not seeded, raw data not found under ${rawDir}`);
    }
  }
  return {
    file,
    rawDir,
    db,
    assets,
    accounts,
    config,
    seeded,
    close() {
      if (db.open) db.close();
    },
  };
}

export interface RegisterApiOptions {
  db: Register;
  limits?: Partial<RateLimits>;
  /** Moderator session length (default 8 hours). */
  sessionTtlMs?: number;
  /** Secure cookie flag; 'auto' (default) sets it on https requests. */
  cookieSecure?: 'auto' | boolean;
  /** Set to the cost used for real moderator passwords if it is not the default. */
  passwordCost?: ScryptCost;
  /** Helmet with the app's CSP for every route (default on); false if the app does it itself. */
  securityHeaders?: boolean | CspExtras;
  /** Postcode centroids (default: Code-Point Open under the register's raw folder, read lazily). */
  postcodes?: PostcodeLookup;
}

function errorBody(error: string, field: string, message: string) {
  return { error, fields: [{ field, message }] };
}

/**
 * Adds the register's JSON API under /api/ (and, unless told not to, security headers for the
 * whole app). Routes live in an encapsulated child so their parsers, rate limits and error
 * format do not leak onto the app's static files.
 */
export async function registerApi(
  app: FastifyInstance,
  options: RegisterApiOptions,
): Promise<void> {
  const register = options.db;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (options.securityHeaders !== false) {
    await registerSecurityHeaders(
      app,
      typeof options.securityHeaders === 'object' ? options.securityHeaders : {},
    );
  }
  const now = register.config.now;
  const auth = new Auth(
    register.accounts,
    {
      sessionTtlMs: options.sessionTtlMs ?? 8 * 60 * 60_000,
      cookieSecure: options.cookieSecure ?? 'auto',
      accountFailures: limits.accountFailures,
      accountWindowMs: limits.accountWindowMs,
      passwordCost: options.passwordCost,
    },
    now,
  );
  const ctx: ApiContext = {
    store: register.assets,
    service: new RegisterService(register.assets, register.config),
    auth,
    now,
    limits,
    region: register.config.region,
    health: new WriteHealth(register.db, now),
  };

  await app.register(async (api) => {
    if (!api.hasRequestDecorator('cookies')) await api.register(cookie);
    await api.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, `Too many requests; try again in ${context.after}`),
    });

    api.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    api.addContentTypeParser(
      'application/geo+json',
      { parseAs: 'string' },
      api.getDefaultJsonParser('error', 'error'),
    );

    // Answers from the register are never cached: they may be private or change on approval.
    // (A route that revalidates with an ETag sets its own Cache-Control: no-cache.)
    api.addHook('onSend', async (_request, reply, payload) => {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });

    api.setErrorHandler((err: FastifyError | Error, request, reply) => {
      if (err instanceof ValidationError) {
        return reply.code(400).send({ error: err.message, fields: err.fields });
      }
      if (err instanceof HttpError) {
        return reply.code(err.statusCode).send({ error: err.message, fields: [] });
      }
      if (err instanceof StoreConflictError) {
        return reply
          .code(err.kind === 'not-found' ? 404 : 409)
          .send({ error: err.message, fields: [] });
      }
      const status =
        'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
      if (status === 413) {
        return reply.code(413).send(errorBody('Request body too large', 'body', err.message));
      }
      if (status >= 400 && status < 500) {
        // Fastify's own: malformed JSON, "__proto__" keys, unsupported content type, empty body.
        return reply.code(status).send(errorBody('Invalid request body', 'body', err.message));
      }
      // The route pattern, not the URL (no ids or query text); never headers or the body.
      request.log.error(
        { err, method: request.method, route: request.routeOptions.url },
        'register API error',
      );
      ctx.health.noteError(err);
      return reply.code(500).send({ error: 'Internal error', fields: [] });
    });

    if (!api.hasRoute({ method: 'GET', url: '/api/health' })) {
      api.get('/api/health', async (request, reply) => {
        const problem = ctx.health.check();
        if (problem) {
          request.log.error({ problem }, 'health check: the database cannot write');
          reply.code(503);
          return { status: 'error', database: 'cannot write', schemaVersion: LATEST_VERSION };
        }
        return { status: 'ok', database: 'ok', schemaVersion: LATEST_VERSION };
      });
    }
    publicRoutes(api, ctx);
    postcodeRoutes(
      api,
      options.postcodes ?? codePointLookup(register.rawDir),
      register.config.bbox,
    );
    moderationRoutes(api, ctx);
    orukRoutes(api, ctx);
  });
}
