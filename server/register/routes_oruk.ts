import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Asset } from '../db/asset_store.ts';
import type { ApiContext } from './context.ts';
import { orukOpenApi } from './oruk_openapi.ts';
import {
  organizations,
  ORUK_PROFILE,
  ORUK_VERSION,
  page,
  service,
  serviceAtLocation,
  serviceSummary,
  taxonomy,
  taxonomyTerms,
  TAXONOMY,
  termId,
  type OrukContext,
} from './oruk.ts';
import { oneLine } from '../../contracts/register/text_rules.ts';
import { HttpError, parseOrThrow } from './validation.ts';

/** Where the Open Referral UK API lives (docs/api.md). */
export const ORUK_BASE = '/api/oruk';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const pageNumber = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, { error: 'Must be a whole number from 1' })
  .transform(Number);
const perPage = z
  .string()
  .regex(/^[1-9]\d{0,3}$/, { error: 'Must be a whole number from 1' })
  .transform(Number)
  .pipe(z.number().max(1000, { error: 'At most 1000' }));

const paging = { page: pageNumber.optional(), per_page: perPage.optional() };

const servicesQuery = z.strictObject({
  ...paging,
  text: oneLine(200).optional(),
  taxonomy_term_id: z.string().regex(UUID, { error: 'Must be a UUID' }).optional(),
  modified_after: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}/.test(s), {
      error: 'Must be an ISO 8601 date or date-time',
    })
    .optional(),
});
const listQuery = z.strictObject(paging);
const uuidParams = z.strictObject({ id: z.string().regex(UUID, { error: 'Must be a UUID' }) });

const DEFAULT_PER_PAGE = 50;

function matchesText(a: Asset, text: string): boolean {
  const needle = text.toLowerCase();
  return [a.serviceName, a.organisationName, a.description ?? '']
    .join('\n')
    .toLowerCase()
    .includes(needle);
}

/**
 * The Open Referral UK 3.0 API over the approved assets: public and read-only, so it (and only
 * it) allows cross-origin GET. Records are built by server/register/oruk.ts.
 */
export function orukRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const context = (request: FastifyRequest): OrukContext => ({
    baseUrl: `${request.protocol}://${request.host}${ORUK_BASE}`,
    region: ctx.region,
    now: ctx.now(),
  });

  void app.register(async (oruk) => {
    // CORS for reading only: any origin may GET, nothing else is offered. No credentials.
    oruk.addHook('onRequest', async (request, reply) => {
      reply.header('access-control-allow-origin', '*');
      reply.header('cross-origin-resource-policy', 'cross-origin');
      if (request.method === 'OPTIONS') {
        reply
          .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
          .header('access-control-allow-headers', 'accept, content-type')
          .header('access-control-max-age', '86400')
          .code(204)
          .send();
      }
    });
    oruk.options(`${ORUK_BASE}`, async () => null);
    oruk.options(`${ORUK_BASE}/*`, async () => null);

    oruk.get(ORUK_BASE, async (request) => {
      parseOrThrow(z.strictObject({}), request.query, 'query');
      return {
        version: ORUK_VERSION,
        profile: ORUK_PROFILE,
        openapi_url: `${context(request).baseUrl}/openapi.json`,
      };
    });

    oruk.get(`${ORUK_BASE}/openapi.json`, async (request) => orukOpenApi(context(request).baseUrl));

    oruk.get(`${ORUK_BASE}/services`, async (request) => {
      const q = parseOrThrow(servicesQuery, request.query, 'query');
      let assets = await ctx.store.listApproved({});
      if (q.text) assets = assets.filter((a) => matchesText(a, q.text ?? ''));
      if (q.taxonomy_term_id)
        assets = assets.filter((a) => termId(a.category) === q.taxonomy_term_id);
      if (q.modified_after) {
        const after = Date.parse(q.modified_after);
        assets = assets.filter((a) => Date.parse(a.updatedAt) > after);
      }
      const c = context(request);
      const orgs = organizations(await ctx.store.listApproved({}));
      const items = assets.map((a) => serviceSummary(service(a, orgs, c)));
      return page(items, q.page ?? 1, q.per_page ?? DEFAULT_PER_PAGE);
    });

    oruk.get(`${ORUK_BASE}/services/:id`, async (request) => {
      const { id } = parseOrThrow(uuidParams, request.params, 'params');
      parseOrThrow(z.strictObject({}), request.query, 'query');
      const assets = await ctx.store.listApproved({});
      const asset = assets.find((a) => a.uuid === id);
      if (!asset) throw new HttpError(404, 'Service not found');
      return service(asset, organizations(assets), context(request));
    });

    oruk.get(`${ORUK_BASE}/organizations`, async (request) => {
      const q = parseOrThrow(listQuery, request.query, 'query');
      const orgs = [...organizations(await ctx.store.listApproved({})).values()].sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      return page(orgs, q.page ?? 1, q.per_page ?? DEFAULT_PER_PAGE);
    });

    oruk.get(`${ORUK_BASE}/service_at_locations`, async (request) => {
      const q = parseOrThrow(listQuery, request.query, 'query');
      const c = context(request);
      const items = (await ctx.store.listApproved({})).map((a) => serviceAtLocation(a, c));
      return page(items, q.page ?? 1, q.per_page ?? DEFAULT_PER_PAGE);
    });

    oruk.get(`${ORUK_BASE}/taxonomies`, async (request) => {
      const q = parseOrThrow(listQuery, request.query, 'query');
      return page([taxonomy(context(request))], q.page ?? 1, q.per_page ?? DEFAULT_PER_PAGE);
    });

    oruk.get(`${ORUK_BASE}/taxonomies/:id`, async (request) => {
      const { id } = parseOrThrow(uuidParams, request.params, 'params');
      if (id !== TAXONOMY.id) throw new HttpError(404, 'Taxonomy not found');
      return taxonomy(context(request));
    });

    oruk.get(`${ORUK_BASE}/taxonomy_terms`, async (request) => {
      const q = parseOrThrow(listQuery, request.query, 'query');
      return page(taxonomyTerms(context(request)), q.page ?? 1, q.per_page ?? DEFAULT_PER_PAGE);
    });

    oruk.get(`${ORUK_BASE}/taxonomy_terms/:id`, async (request) => {
      const { id } = parseOrThrow(uuidParams, request.params, 'params');
      const term = taxonomyTerms(context(request)).find((t) => t.id === id);
      if (!term) throw new HttpError(404, 'Taxonomy term not found');
      return term;
    });
  });
}
