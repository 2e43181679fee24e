import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance } from 'fastify';
import { StoreConflictError } from '../db/asset_store.ts';
import { LATEST_VERSION } from '../db/migrations.ts';
import { Auth } from './auth.ts';
import { DEFAULT_LIMITS, type ApiContext, type RateLimits } from './context.ts';
import type { ScryptCost } from './passwords.ts';
import { codePointLookup, type PostcodeLookup } from './postcodes.ts';
import { moderationRoutes } from './routes_moderation.ts';
import { postcodeRoutes } from './routes_postcodes.ts';
import { orukRoutes } from './routes_oruk.ts';
import { publicRoutes } from './routes_public.ts';
import { registerSecurityHeaders, type CspExtras } from './security_headers.ts';
import { RegisterService } from './service.ts';
import { HttpError, ValidationError } from './validation.ts';
import { WriteHealth } from './write_health.ts';

import type { AnyRegister } from './open_register.ts';

export {
  openAnyRegister,
  openPgRegister,
  openRegister,
  type AnyRegister,
  type PgRegister,
  type Register,
  type RegisterOptions,
} from './open_register.ts';

export interface RegisterApiOptions {
  db: AnyRegister;
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
    area: register.config.area,
    health: new WriteHealth(() => register.probeWrite(), now),
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
        const problem = await ctx.health.check();
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
      register.config.area,
    );
    moderationRoutes(api, ctx);
    orukRoutes(api, ctx);
  });
}
