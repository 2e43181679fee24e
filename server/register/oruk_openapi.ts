import { ORUK_VERSION } from './oruk.ts';

const PROFILE_SCHEMAS = 'https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/schema';

const paging = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
  {
    name: 'per_page',
    in: 'query',
    schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
  },
];

function pagedOf(schema: string) {
  return {
    type: 'object',
    required: [
      'total_items',
      'total_pages',
      'page_number',
      'size',
      'first_page',
      'last_page',
      'empty',
      'contents',
    ],
    properties: {
      total_items: { type: 'integer' },
      total_pages: { type: 'integer' },
      page_number: { type: 'integer' },
      size: { type: 'integer' },
      first_page: { type: 'boolean' },
      last_page: { type: 'boolean' },
      empty: { type: 'boolean' },
      contents: { type: 'array', items: { $ref: `${PROFILE_SCHEMAS}/${schema}` } },
    },
  };
}

function ok(description: string, schema: object) {
  return { description, content: { 'application/json': { schema } } };
}

const uuidParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};

/** The OpenAPI 3.1 description of this server's ORUK endpoints (GET /api/oruk/openapi.json). */
export function orukOpenApi(baseUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gap Atlas community asset register: Open Referral UK API',
      version: ORUK_VERSION,
      description:
        'Read-only Open Referral UK 3.0 endpoints over the approved community assets. Records follow the UK profile schemas (https://github.com/OpenReferralUK/uk-profile).',
    },
    servers: [{ url: baseUrl }],
    paths: {
      '/': {
        get: { summary: 'Version block', responses: { 200: ok('Version', { type: 'object' }) } },
      },
      '/services': {
        get: {
          summary: 'Services, paged',
          parameters: [
            ...paging,
            { name: 'text', in: 'query', schema: { type: 'string' } },
            { name: 'taxonomy_term_id', in: 'query', schema: { type: 'string', format: 'uuid' } },
            {
              name: 'modified_after',
              in: 'query',
              schema: { type: 'string', format: 'date-time' },
            },
          ],
          responses: { 200: ok('A page of services', pagedOf('compiled/service_list.json')) },
        },
      },
      '/services/{id}': {
        get: {
          summary: 'One service in full',
          parameters: [uuidParam],
          responses: {
            200: ok('The service', { $ref: `${PROFILE_SCHEMAS}/compiled/service.json` }),
            404: { description: 'No approved service with this id' },
          },
        },
      },
      '/organizations': {
        get: {
          summary: 'Organisations, paged',
          parameters: paging,
          responses: { 200: ok('A page', pagedOf('compiled/organization_list.json')) },
        },
      },
      '/service_at_locations': {
        get: {
          summary: 'Services at locations, paged',
          parameters: paging,
          responses: { 200: ok('A page', pagedOf('compiled/service_at_location_list.json')) },
        },
      },
      '/taxonomies': {
        get: {
          summary: 'Taxonomies, paged',
          parameters: paging,
          responses: { 200: ok('A page', pagedOf('taxonomy.json')) },
        },
      },
      '/taxonomies/{id}': {
        get: {
          summary: 'One taxonomy',
          parameters: [uuidParam],
          responses: { 200: ok('The taxonomy', { $ref: `${PROFILE_SCHEMAS}/taxonomy.json` }) },
        },
      },
      '/taxonomy_terms': {
        get: {
          summary: 'Taxonomy terms, paged',
          parameters: paging,
          responses: { 200: ok('A page', pagedOf('taxonomy_term.json')) },
        },
      },
      '/taxonomy_terms/{id}': {
        get: {
          summary: 'One taxonomy term',
          parameters: [uuidParam],
          responses: { 200: ok('The term', { $ref: `${PROFILE_SCHEMAS}/taxonomy_term.json` }) },
        },
      },
    },
  };
}
