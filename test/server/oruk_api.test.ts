import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL } from '../../contracts/register/text_rules.ts';
import {
  addModerator,
  login,
  makeApp,
  submission,
  submit,
  testClock,
  type Moderator,
  type TestApp,
} from './helpers.ts';

const SCHEMAS = path.resolve(import.meta.dirname, '../fixtures/oruk');

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
// The profile's annotations (Frictionless data package metadata), which validate nothing.
ajv.addVocabulary([
  'name',
  'constraints',
  'core',
  'example',
  'datapackage_metadata',
  'datapackage_type',
  'tabular_required',
  'path',
]);
const schemaFiles = [
  'service',
  'service_list',
  'organization_list',
  'service_at_location_list',
  'taxonomy',
  'taxonomy_term',
];
// Registered under their file names, as the profile's $refs (e.g. "taxonomy_term.json") name them.
for (const name of schemaFiles) {
  ajv.addSchema(
    JSON.parse(readFileSync(path.join(SCHEMAS, `${name}.json`), 'utf8')) as object,
    `${name}.json`,
  );
}

function compile(name: string): ValidateFunction {
  const validate = ajv.getSchema(`${name}.json`);
  if (!validate) throw new Error(`schema ${name}.json not loaded`);
  return validate;
}

function expectValid(validate: ValidateFunction, record: unknown, label: string): void {
  const ok = validate(record);
  expect(ok, `${label}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
}

interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}
type Rec = Record<string, unknown> & { id: string };
interface OrukService {
  id: string;
  name: string;
  assured_date?: string;
  alert?: string;
  organization: { id: string; name: string; description: string };
  service_at_locations: [
    { location: { external_identifier?: string; addresses: Record<string, string>[] } },
  ];
  schedules: {
    dtstart: string;
    notes: string;
    description?: string;
    byday?: string;
    opens_at?: string;
    closes_at?: string;
  }[];
  attributes: { taxonomy_term_id: string }[];
}

describe('Open Referral UK 3.0 API (/api/oruk)', () => {
  let t: TestApp;
  let mod: Moderator;
  const userMade: { id: number; name: string }[] = [];
  const json = async <T>(url: string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ url, headers });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as T;
  };
  const all = async <T>(endpoint: string): Promise<T[]> =>
    (await json<Page<T>>(`/api/oruk/${endpoint}?per_page=1000`)).contents;

  beforeAll(async () => {
    const clock = testClock('2026-11-22T10:00:00Z');
    t = await makeApp({ seed: true, officialLists: true, now: clock.now });
    clock.advance(60 * 60_000); // partners' records are an hour newer than the seed
    await addModerator(t.register);
    mod = await login(t.app);
    const made = [
      // The record that used to fail: a web address with a space and an accented letter.
      { serviceName: 'Jardin Café Garden', website: 'https://café.example.org/our garden' },
      {
        serviceName: 'Evening Hub',
        organisationName: 'Linacre growers',
        email: 'hello+hub@example.org',
        openingTimes: 'Also by appointment',
        openingHours: [
          { day: 'mo', opens: '09:00', closes: '12:00' },
          { day: 'mo', opens: '13:00', closes: '17:00' },
          { day: 'tu', opens: '09:00', closes: '12:00' },
        ],
      },
      { serviceName: 'No Address Pantry', address: null, postcode: null, category: 'food' },
      {
        serviceName: 'Seaforth Corner',
        address: '35 Seaforth Road, Seaforth, Merseyside',
        postcode: 'L21 3TA',
      },
    ];
    for (const overrides of made) {
      const { id } = await submit(t.app, overrides);
      await t.app.inject({
        method: 'POST',
        url: `/api/assets/${id}/approve`,
        headers: mod.write,
        payload: {},
      });
      userMade.push({ id, name: overrides.serviceName });
    }
  });
  afterAll(() => t.close());

  it('answers the version block at its base path', async () => {
    const v = await json<Record<string, string>>('/api/oruk');
    expect(v).toEqual({
      version: 'HSDS-UK-3.0',
      profile: 'https://github.com/OpenReferralUK/uk-profile',
      openapi_url: expect.stringMatching(/^http:\/\/localhost(:80)?\/api\/oruk\/openapi\.json$/),
    });
    const api = await json<{ openapi: string; paths: Record<string, unknown> }>(
      '/api/oruk/openapi.json',
    );
    expect(api.openapi).toBe('3.1.0');
    expect(Object.keys(api.paths)).toEqual(
      expect.arrayContaining([
        '/services',
        '/services/{id}',
        '/taxonomies',
        '/taxonomy_terms',
        '/organizations',
        '/service_at_locations',
      ]),
    );
  });

  it('validates every seeded and user-made service against the UK 3.0 schemas', async () => {
    const full = compile('service');
    const listed = compile('service_list');
    // The validator bites: a bad status, a non-UUID id and a raw web address are refused.
    expect(listed({ id: 'x', name: 'n', status: 'active' })).toBe(false);
    expect(listed({ id: '7b0f1c3e-0e0a-4d2b-9a62-1f2b3c4d5e6f', name: 'n', status: 'open' })).toBe(
      false,
    );
    expect(
      listed({
        id: '7b0f1c3e-0e0a-4d2b-9a62-1f2b3c4d5e6f',
        name: 'n',
        status: 'active',
        url: 'https://café.example.org/our garden',
      }),
    ).toBe(false);
    const services = await all<Rec>('services');
    expect(services).toHaveLength(122 + userMade.length);
    for (const s of services) {
      expectValid(listed, s, `list ${String(s.name)}`);
      expectValid(full, await json<Rec>(`/api/oruk/services/${s.id}`), `service ${String(s.name)}`);
    }
    for (const o of await all<Rec>('organizations'))
      expectValid(compile('organization_list'), o, 'organization');
    for (const sal of await all<Rec>('service_at_locations'))
      expectValid(compile('service_at_location_list'), sal, 'sal');
    for (const tx of await all<Rec>('taxonomies')) expectValid(compile('taxonomy'), tx, 'taxonomy');
    for (const term of await all<Rec>('taxonomy_terms'))
      expectValid(compile('taxonomy_term'), term, 'term');
  });

  it('stores the web address as the URL parser writes it, and uses the schema email rule', async () => {
    const [cafe] = userMade;
    const stored = await json<{ properties: { website: string } }>(`/api/assets/${cafe?.id}`);
    expect(stored.properties.website).toBe('https://xn--caf-dma.example.org/our%20garden');
    expect(EMAIL.source).toBe((fullFormats.email as RegExp).source);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/assets',
      payload: submission({ email: 'first..last@example.org' }),
    });
    expect(res.statusCode).toBe(400);
  });

  it('gives data consumers can trust', async () => {
    const services = await Promise.all(
      (await all<Rec>('services')).map((s) => json<OrukService>(`/api/oruk/services/${s.id}`)),
    );
    // Organisations: one id per exact name, one description per id.
    const byId = new Map<string, { names: Set<string>; descriptions: Set<string> }>();
    for (const s of services) {
      const e = byId.get(s.organization.id) ?? { names: new Set(), descriptions: new Set() };
      e.names.add(s.organization.name);
      e.descriptions.add(s.organization.description);
      byId.set(s.organization.id, e);
    }
    for (const e of byId.values()) {
      expect(e.names.size).toBe(1);
      expect(e.descriptions.size).toBe(1);
    }
    const linacre = services.filter((s) => /^linacre growers$/i.test(s.organization.name));
    expect(new Set(linacre.map((s) => s.organization.id)).size).toBe(2); // "Linacre Growers" ≠ "Linacre growers"
    // Addresses: the town in city, never the county, no empty required field.
    let withAddress = 0;
    for (const s of services) {
      for (const a of s.service_at_locations[0].location.addresses) {
        withAddress++;
        for (const f of ['address_1', 'city', 'state_province', 'postal_code', 'country']) {
          expect(String(a[f]).trim(), `${s.name} ${f}`).not.toBe('');
        }
        expect(a.city).not.toMatch(/merseyside|lancashire/i);
      }
    }
    expect(withAddress).toBeGreaterThan(120);
    const seaforth = services.find((s) => s.name === 'Seaforth Corner');
    expect(seaforth?.service_at_locations[0].location.addresses[0]).toMatchObject({
      address_1: '35 Seaforth Road',
      city: 'Seaforth',
      state_province: 'Merseyside',
    });
    const concept = services.find(
      (s) => s.service_at_locations[0].location.external_identifier === 'N84038',
    );
    expect(concept?.service_at_locations[0].location.addresses[0]?.city).toBe('Bootle');
    // Schedules: dtstart, the time zone, real times, each day once, free text once.
    for (const s of services) {
      const texts = s.schedules.filter((x: { description?: string }) => x.description).length;
      expect(texts).toBeLessThanOrEqual(1);
      for (const sch of s.schedules) {
        expect(sch.dtstart).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(sch.notes).toContain('Europe/London');
        if (sch.byday) {
          const days = sch.byday.split(',');
          expect(new Set(days).size).toBe(days.length);
          expect(sch.closes_at).not.toBe('24:00');
          expect((sch.opens_at ?? '') < (sch.closes_at ?? '')).toBe(true);
        }
      }
    }
    // Taxonomy terms resolve.
    const terms = await all<Rec & { term_uri: string }>('taxonomy_terms');
    const termIds = new Set(terms.map((x) => x.id));
    for (const s of services)
      for (const a of s.attributes) expect(termIds.has(a.taxonomy_term_id)).toBe(true);
    const uri = new URL(terms[0]?.term_uri ?? '');
    expect((await t.app.inject(uri.pathname)).json()).toEqual(terms[0]);
    // assured_date: only when a person checked it; stale listings flagged.
    const seeded = services.filter((s) => !userMade.some((u) => u.name === s.name));
    for (const s of seeded) {
      expect(s.assured_date).toBeUndefined();
      expect(s.alert).toMatch(/out of date/);
    }
    for (const u of userMade) {
      const s = services.find((x) => x.name === u.name);
      expect(s?.assured_date).toBe('2026-11-22');
      expect(s?.alert).toBeUndefined();
    }
  });

  it('pages and filters /services', async () => {
    const p2 = await json<Page<Rec>>('/api/oruk/services?page=2&per_page=10');
    expect(p2).toMatchObject({
      page_number: 2,
      size: 10,
      first_page: false,
      last_page: false,
      empty: false,
    });
    expect(p2.total_pages).toBe(Math.ceil(p2.total_items / 10));
    const beyond = await json<Page<Rec>>(
      `/api/oruk/services?page=${p2.total_pages + 1}&per_page=10`,
    );
    expect(beyond).toMatchObject({ empty: true, size: 0, last_page: true });
    const text = await json<Page<Rec>>('/api/oruk/services?text=jardin');
    expect(text.contents.map((s) => s.name)).toEqual(['Jardin Café Garden']);
    const food = (await all<Rec & { term: string }>('taxonomy_terms')).find(
      (x) => x.term === 'food',
    );
    const foodOnly = await json<Page<Rec>>(
      `/api/oruk/services?per_page=1000&taxonomy_term_id=${food?.id}`,
    );
    expect(foodOnly.total_items).toBe(4); // 3 Give Food banks + the pantry
    const recent = await json<Page<Rec>>(
      '/api/oruk/services?per_page=1000&modified_after=2026-11-22T10:30:00Z',
    );
    expect(recent.total_items).toBe(userMade.length);
    expect((await t.app.inject('/api/oruk/services?per_page=0')).statusCode).toBe(400);
    expect((await t.app.inject('/api/oruk/services/not-a-uuid')).statusCode).toBe(400);
    expect(
      (await t.app.inject('/api/oruk/services/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });

  it('allows cross-origin GET on the ORUK API, and only there', async () => {
    const origin = { origin: 'https://finder.example.net' };
    const res = await t.app.inject({ url: '/api/oruk/services', headers: origin });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const pre = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/oruk/services',
      headers: { ...origin, 'access-control-request-method': 'GET' },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    for (const url of ['/api/assets', '/api/categories']) {
      expect(
        (await t.app.inject({ url, headers: origin })).headers['access-control-allow-origin'],
      ).toBeUndefined();
    }
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/oruk/services',
      headers: origin,
      payload: {},
    });
    expect(post.statusCode).toBe(404);
  });
});
