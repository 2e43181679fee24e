import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiContext } from './context.ts';
import type { ImportFormat } from './import.ts';
import {
  approveBody,
  archiveBody,
  emptyQuery,
  idParams,
  importQuery,
  loginBody,
  mergeBody,
  rejectBody,
} from './schemas.ts';
import { requireCsrf } from './csrf.ts';
import { HttpError, parseOrThrow } from './validation.ts';
import { featureCollection, privateProperties, staleBefore, toFeature } from './views.ts';
import { reviewOf } from './review.ts';
import { categoryLabel } from '../../contracts/register/taxonomy.ts';

/** Moderator sessions and the moderation workflow. All routes need a session; writes need CSRF. */
export function moderationRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const mod = (request: FastifyRequest, changesState: boolean) =>
    ctx.auth.requireModerator(request, { changesState });
  const view = <T extends Parameters<typeof privateProperties>[0]>(a: T) =>
    toFeature(a, privateProperties(a, ctx.now()));

  app.post(
    '/api/session',
    {
      bodyLimit: 4096,
      config: {
        rateLimit: { max: ctx.limits.loginsPerWindow, timeWindow: ctx.limits.loginWindowMs },
      },
    },
    async (request, reply) => {
      parseOrThrow(emptyQuery, request.query, 'query');
      const { email, password } = parseOrThrow(loginBody, request.body, 'body');
      const result = await ctx.auth.login(email, password, request.ip);
      if (!result.ok && result.reason === 'locked') {
        reply.header('retry-after', String(Math.ceil(result.retryAfterMs / 1000)));
        throw new HttpError(429, 'Too many failed logins for this account; try again later');
      }
      if (!result.ok) throw new HttpError(401, 'Wrong email or password');
      ctx.auth.setCookie(request, reply, result.sessionId, result.expiresAt);
      return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
    },
  );

  app.get('/api/session', async (request) => {
    parseOrThrow(emptyQuery, request.query, 'query');
    const s = await mod(request, false);
    return { user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt };
  });

  app.delete('/api/session', async (request, reply) => {
    parseOrThrow(emptyQuery, request.query, 'query');
    const s = await ctx.auth.session(request);
    if (s) {
      requireCsrf(request, s.csrfToken);
      await ctx.auth.logout(s);
    }
    ctx.auth.clearCookie(request, reply);
    reply.code(204);
    return null;
  });

  app.get('/api/moderation/queue', async (request) => {
    parseOrThrow(emptyQuery, request.query, 'query');
    await mod(request, false);
    const queue = await ctx.store.listQueue();
    const candidates = [
      ...(await ctx.store.listApproved({})).map((a) => ({
        name: a.serviceName,
        latitude: a.latitude,
        longitude: a.longitude,
        what: `On the register: ${categoryLabel(a.category)}`,
        assetId: a.id,
      })),
      ...queue
        .filter((a) => a.status !== 'approved')
        .map((a) => ({
          name: a.serviceName,
          latitude: a.latitude,
          longitude: a.longitude,
          what: 'Also waiting for review',
          assetId: a.id,
        })),
      ...ctx.area.mapPoints.map((m) => ({ ...m, what: `On the map: ${m.layer}`, assetId: null })),
    ];
    return featureCollection(
      queue.map((a) =>
        toFeature(a, {
          ...privateProperties(a, ctx.now()),
          review: reviewOf(a, ctx.area, candidates),
        }),
      ),
    );
  });

  app.get('/api/moderation/stale', async (request) => {
    parseOrThrow(emptyQuery, request.query, 'query');
    await mod(request, false);
    const before = staleBefore(ctx.now());
    return {
      ...featureCollection((await ctx.store.listStale(before)).map(view)),
      verifiedBefore: before,
    };
  });

  app.get('/api/assets/:id/history', async (request) => {
    const { id } = parseOrThrow(idParams, request.params, 'params');
    parseOrThrow(emptyQuery, request.query, 'query');
    await mod(request, false);
    await ctx.service.mustGet(id);
    return { assetId: id, history: await ctx.store.history(id) };
  });

  const action = { bodyLimit: 16_384 };

  app.post('/api/assets/:id/approve', action, async (request) => {
    const { id } = parseOrThrow(idParams, request.params, 'params');
    parseOrThrow(emptyQuery, request.query, 'query');
    const s = await mod(request, true);
    parseOrThrow(approveBody, request.body ?? {}, 'body');
    return view(await ctx.service.approve(id, s.userId));
  });

  app.post('/api/assets/:id/reject', action, async (request) => {
    const { id } = parseOrThrow(idParams, request.params, 'params');
    parseOrThrow(emptyQuery, request.query, 'query');
    const s = await mod(request, true);
    const { reason } = parseOrThrow(rejectBody, request.body ?? {}, 'body');
    return view(await ctx.service.reject(id, reason, s.userId));
  });

  app.post('/api/assets/:id/archive', action, async (request) => {
    const { id } = parseOrThrow(idParams, request.params, 'params');
    parseOrThrow(emptyQuery, request.query, 'query');
    const s = await mod(request, true);
    const { reason } = parseOrThrow(archiveBody, request.body ?? {}, 'body');
    return view(await ctx.service.archive(id, reason ?? null, s.userId));
  });

  app.post('/api/assets/:id/undo-withdrawal', action, async (request) => {
    const { id } = parseOrThrow(idParams, request.params, 'params');
    parseOrThrow(emptyQuery, request.query, 'query');
    const s = await mod(request, true);
    parseOrThrow(approveBody, request.body ?? {}, 'body');
    return view(await ctx.service.undoWithdrawal(id, s.userId));
  });

  app.post('/api/assets/:id/revoke-token', action, async (request) => {
    const { id } = parseOrThrow(idParams, request.params, 'params');
    parseOrThrow(emptyQuery, request.query, 'query');
    const s = await mod(request, true);
    parseOrThrow(approveBody, request.body ?? {}, 'body');
    return view(await ctx.service.revokeEditToken(id, s.userId));
  });

  app.post('/api/assets/:id/merge', action, async (request) => {
    const { id } = parseOrThrow(idParams, request.params, 'params');
    parseOrThrow(emptyQuery, request.query, 'query');
    const s = await mod(request, true);
    const { into } = parseOrThrow(mergeBody, request.body ?? {}, 'body');
    const { source, target } = await ctx.service.merge(id, into, s.userId);
    return { source: view(source), target: view(target) };
  });

  // The import takes up to 10 MiB, so who is asking (session and CSRF token) and how often
  // (rate limit) are settled in onRequest, before a byte of the body is read or parsed. Its own
  // encapsulated context reads JSON bodies as text, so the import checks their nesting depth
  // before JSON.parse (validateImport).
  void app.register(async (importApi) => {
    importApi.removeContentTypeParser(['application/json', 'application/geo+json']);
    importApi.addContentTypeParser(
      ['application/json', 'application/geo+json'],
      { parseAs: 'string' },
      (_req, body, done) => done(null, body),
    );
    importApi.post(
      '/api/import',
      {
        bodyLimit: 10 * 1024 * 1024,
        config: {
          rateLimit: { max: ctx.limits.importsPerWindow, timeWindow: ctx.limits.importWindowMs },
        },
        onRequest: async (request) => {
          await mod(request, true);
        },
      },
      async (request, reply) => {
        const q = parseOrThrow(importQuery, request.query, 'query');
        const s = await mod(request, true);
        const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        const format: ImportFormat = q.format ?? (type === 'text/csv' ? 'csv' : 'geojson');
        const dryRun = q.dryRun === 'true';
        const result = await ctx.service.import(
          request.body,
          format,
          { type: 'import', userId: s.userId },
          dryRun,
        );
        if (dryRun) return { dryRun: true, valid: result.valid };
        reply.code(201);
        return { imported: result.ids.length, ids: result.ids };
      },
    );
  });
}
