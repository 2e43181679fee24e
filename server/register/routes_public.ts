import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './context.ts';
import { accessFor } from './access.ts';
import { AnswerCache, etagMatches, pickEncoding } from './answer_cache.ts';
import { toCsv, toGeoJson, toOruk } from './export_formats.ts';
import { findSimilarNearby } from './nearby.ts';
import { ORUK_BASE } from './routes_oruk.ts';
import { emptyQuery, exportQuery, idParams, listQuery, nearbyQuery } from './schemas.ts';
import { CATEGORIES } from '../../contracts/register/taxonomy.ts';
import { QuotaLimiter } from './rate_limit.ts';
import { HttpError, parseOrThrow } from './validation.ts';
import { featureCollection, privateProperties, publicProperties, toFeature } from './views.ts';

/** Routes anyone may call; single-asset routes also serve the edit-token holder and moderators. */
export function publicRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/api/categories', async (request) => {
    parseOrThrow(emptyQuery, request.query, 'query');
    return CATEGORIES.map(({ id, label }) => ({ id, label }));
  });

  // The public map's call: served from a serialised, pre-compressed answer until the register
  // changes (the store's version) or the day does (the `stale` flags), with an ETag for 304s.
  const listCache = new AnswerCache();
  app.get('/api/assets', async (request, reply) => {
    const q = parseOrThrow(listQuery, request.query, 'query');
    const now = ctx.now();
    const stamp = `${await ctx.store.version()}|${now.toISOString().slice(0, 10)}`;
    const key = JSON.stringify([q.category ?? null, q.bbox ?? null]);
    const answer = await listCache.get(key, stamp, async () => {
      const assets = await ctx.store.listApproved(q);
      return JSON.stringify(
        featureCollection(assets.map((a) => toFeature(a, publicProperties(a, now)))),
      );
    });
    // Browsers may keep it but must ask again each time: approvals show at once.
    reply.header('cache-control', 'no-cache').header('etag', answer.etag);
    reply.header('vary', 'accept-encoding');
    if (etagMatches(request.headers['if-none-match'], answer.etag)) {
      return reply.code(304).send();
    }
    const encoding = pickEncoding(request.headers['accept-encoding']);
    reply.type('application/json; charset=utf-8');
    if (encoding !== 'identity' && answer[encoding] !== answer.identity) {
      reply.header('content-encoding', encoding);
      return reply.send(answer[encoding]);
    }
    return reply.send(answer.identity);
  });

  app.get('/api/assets/export', async (request, reply) => {
    const { format } = parseOrThrow(exportQuery, request.query, 'query');
    const assets = await ctx.store.listApproved({});
    const now = ctx.now();
    const stamp = now.toISOString().slice(0, 10);
    switch (format) {
      case 'geojson':
        reply
          .type('application/geo+json; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="gap-atlas-assets-${stamp}.geojson"`,
          );
        return JSON.stringify(toGeoJson(assets, now));
      case 'csv':
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="gap-atlas-assets-${stamp}.csv"`);
        return toCsv(assets);
      case 'oruk':
        reply
          .type('application/json; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="gap-atlas-assets-oruk-${stamp}.json"`,
          );
        return JSON.stringify(
          toOruk(assets, {
            baseUrl: `${request.protocol}://${request.host}${ORUK_BASE}`,
            region: ctx.region,
            now,
          }),
        );
    }
  });

  app.get('/api/assets/nearby', async (request) => {
    const q = parseOrThrow(nearbyQuery, request.query, 'query');
    const matches = await findSimilarNearby(ctx.store, q.lat, q.lon, q.name);
    const now = ctx.now();
    return featureCollection(
      matches.map((m) =>
        toFeature(m.asset, {
          ...publicProperties(m.asset, now),
          distanceMetres: Math.round(m.distanceMetres),
          similarity: Math.round(m.similarity * 100) / 100,
        }),
      ),
    );
  });

  app.get('/api/assets/:id', async (request) => {
    const { id } = parseOrThrow(idParams, request.params, 'params');
    parseOrThrow(emptyQuery, request.query, 'query');
    const access = await accessFor(ctx, request, id);
    const asset = await ctx.store.get(id);
    // Unpublished assets are indistinguishable from missing ones for the public.
    if (!asset || (access.kind === 'public' && asset.status !== 'approved')) {
      throw new HttpError(404, 'Asset not found');
    }
    const now = ctx.now();
    return toFeature(
      asset,
      access.kind === 'public' ? publicProperties(asset, now) : privateProperties(asset, now),
    );
  });

  // Only accepted submissions use up the quota: a refused (400) one gives its slot back.
  const submissions = new QuotaLimiter(
    ctx.limits.submissionsPerWindow,
    ctx.limits.submissionWindowMs,
  );
  app.post('/api/assets', { bodyLimit: 65_536 }, async (request, reply) => {
    const wait = submissions.take(request.ip, ctx.now().getTime());
    if (wait > 0) {
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      throw new HttpError(
        429,
        `Too many requests: submissions from this address; try again in ${Math.ceil(wait / 60_000)} minutes`,
      );
    }
    try {
      parseOrThrow(emptyQuery, request.query, 'query');
      const input = parseOrThrow(ctx.service.schemas.submission, request.body, 'body');
      const { asset, editToken } = await ctx.service.submit(input);
      reply.code(201).header('location', `/api/assets/${asset.id}`);
      return { id: asset.id, editToken, status: asset.status };
    } catch (err) {
      submissions.release(request.ip);
      throw err;
    }
  });

  app.patch(
    '/api/assets/:id',
    {
      bodyLimit: 65_536,
      config: {
        rateLimit: {
          max: ctx.limits.editsPerWindow,
          timeWindow: ctx.limits.editWindowMs,
          // Moderators share office IPs with partners and edit in bulk; their sessions are the limit.
          allowList: async (request) =>
            request.headers.authorization === undefined &&
            (await ctx.auth.session(request)) !== null,
        },
      },
    },
    async (request) => {
      const { id } = parseOrThrow(idParams, request.params, 'params');
      parseOrThrow(emptyQuery, request.query, 'query');
      const access = await accessFor(ctx, request, id);
      const now = () => ctx.now();
      if (access.kind === 'token') {
        const patch = parseOrThrow(ctx.service.schemas.partnerPatch, request.body, 'body');
        const asset = await ctx.service.partnerUpdate(id, patch);
        return toFeature(asset, privateProperties(asset, now()));
      }
      if (access.kind === 'moderator') {
        const session = await ctx.auth.requireModerator(request, { changesState: true });
        const patch = parseOrThrow(ctx.service.schemas.moderatorPatch, request.body, 'body');
        const asset = await ctx.service.moderatorUpdate(id, patch, session.userId);
        return toFeature(asset, privateProperties(asset, now()));
      }
      throw new HttpError(
        401,
        'An edit token (Authorization: Bearer) or a moderator login is needed',
      );
    },
  );
}
